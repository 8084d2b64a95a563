/** A time as staff read it (local, to the minute), or a dash. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A `datetime-local` field's value as ISO 8601 with its zone (the API wants one); an empty field is now, to the millisecond. */
export function isoFromLocal(value: string): string {
  return value ? new Date(value).toISOString() : new Date().toISOString();
}

/** The description of a time field that may be left empty. */
export const EMPTY_IS_NOW = 'Leave empty for now';

/** Now, as a `datetime-local` field's value. */
export function localNow(minusMinutes = 0): string {
  const d = new Date(Date.now() - minusMinutes * 60_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
