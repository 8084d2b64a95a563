import { api, call } from '../api/client';
import { Problem } from '../api/problem';

/**
 * What a scanner sends for a unit: the 13-character ISBT 128 DIN (facility, year, sequence), with its
 * check character (14), or as the DIN data structure `=` + DIN + two flag characters (ISBT 128 ST-001,
 * data structure 001). Returns the DIN to open (the API checks the check character), or null.
 */
export function dinFromScan(raw: string): string | null {
  let s = raw.trim().toUpperCase();
  if (s.startsWith('=')) s = s.slice(1);
  if (/^[A-Z][0-9]{12}[0-9]{2}$/.test(s) && raw.trim().startsWith('=')) return s.slice(0, 13);
  if (/^[A-Z][0-9]{12}$/.test(s)) return s;
  if (/^[A-Z][0-9]{12}[0-9A-Z*]$/.test(s)) return s;
  return null;
}

/**
 * Anything else a scanner may type for a unit that only the service's ISBT 128 reader can take apart:
 * a compound message (`=+…`, what a label's DataMatrix carries), another data structure with its data
 * identifier (`=`, `&`), or an AIM symbology prefix (`]d1…`). The console does not parse ISBT 128
 * itself (one reader, in the API: `POST /scan`).
 */
export function needsIsbtReader(raw: string): boolean {
  const s = raw.trim();
  return s.length >= 4 && /^(=|&|\][A-Za-z][0-9A-Za-z])/.test(s);
}

/**
 * The DIN a scan names: a plain DIN (or data structure 001) at once, anything else through
 * `POST /scan`. Throws the API's Problem (UNREADABLE_SCAN names what and where), or a Problem of its
 * own when the scan was read but names no unit of this bank.
 */
export async function resolveScanToDin(raw: string): Promise<string> {
  const direct = dinFromScan(raw);
  if (direct) return direct;
  const read = await call<{ structures: { kind: string; fields: Record<string, unknown> }[]; unit: { din: string } | null }>(api.POST('/api/v1/scan', { body: { data: raw } }));
  if (read.unit) return read.unit.din;
  const din = read.structures.find((s) => s.kind === 'din')?.fields.din;
  throw new Problem({
    status: 404,
    title: 'No such unit',
    detail: typeof din === 'string' ? `The scan names DIN ${din}, which is not a unit of this bank.` : `The scan was read (${read.structures.map((s) => s.kind).join(', ')}) but holds no DIN.`,
  });
}
