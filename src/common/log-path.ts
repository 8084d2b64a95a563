/**
 * The path logged for a request: static segments of the API's own routes, UUIDs, DIN-shaped values and
 * numbers are kept; anything else (a name a client put in a URL, say) becomes `:x`. Query strings are
 * never logged. Donor personal data must not reach the logs (DESIGN.md section 6).
 */
const known = new Set<string>(['api', 'v1', 'docs', 'docs-json']);

export function setKnownPathSegments(paths: Iterable<string>): void {
  for (const p of paths) for (const seg of p.split('/')) if (seg && !seg.startsWith('{') && !seg.startsWith(':')) known.add(seg);
}

const SAFE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Z][0-9]{12}[0-9A-Z*]?|[0-9]{1,20})$/i;

export function safePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return path
    .split('/')
    .map((seg) => (seg === '' || known.has(seg) || SAFE.test(seg) ? seg : ':x'))
    .join('/');
}
