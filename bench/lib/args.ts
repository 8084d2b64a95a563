/** `--units 500000 --reset` style arguments: numbers, strings and flags. */
export function parseArgs(argv: string[], known: Record<string, 'number' | 'string' | 'flag'>): Record<string, number | string | boolean | undefined> {
  const out: Record<string, number | string | boolean | undefined> = {};
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !(m[1] in known)) throw new Error(`unknown argument ${a}; known: ${Object.keys(known).map((x) => `--${x}`).join(' ')}`);
    const kind = known[m[1]];
    if (kind === 'flag') {
      out[m[1]] = true;
      continue;
    }
    const raw = m[2] ?? argv[++k];
    if (raw === undefined) throw new Error(`--${m[1]} needs a value`);
    if (kind === 'number') {
      const v = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(v) || v < 0) throw new Error(`--${m[1]} must be a non-negative number, not ${raw}`);
      out[m[1]] = v;
    } else out[m[1]] = raw;
  }
  return out;
}
