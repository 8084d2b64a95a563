/**
 * CSV as the bank's exports write it (RFC 4180, CRLF line ends), one writer for every export
 * (the look-back report, the de-identified outcome export).
 */

/**
 * One CSV field. Nothing is the empty field; a number is written as JavaScript writes it (a
 * non-finite one as nothing); a boolean as `true`/`false`; an instant as ISO 8601; an object as
 * JSON. Text a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or CR) is
 * prefixed with `'` so it shows as text (OWASP "CSV injection"); a field holding a quote, comma,
 * line break or `'` is quoted.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, CRLF-terminated. */
export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvField).join(',')}\r\n`;
