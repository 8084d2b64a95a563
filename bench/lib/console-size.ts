import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The first-load budget of the staff console (issue 18): JavaScript, gzipped. */
export const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

/**
 * What a browser loads before the first screen: the scripts and module preloads index.html names
 * (lazy chunks are not counted), each gzipped at level 9 as a server would send it.
 */
export function firstLoad(dir = 'dist/console'): { files: { file: string; bytes: number; gzipped: number }[]; gzipped: number } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]);
  const files = refs.map((ref) => {
    const body = readFileSync(join(dir, ref.replace(/^\//, '')));
    return { file: ref, bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length };
  });
  return { files, gzipped: files.reduce((n, f) => n + f.gzipped, 0) };
}
