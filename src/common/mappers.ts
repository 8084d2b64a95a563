/**
 * How a row's values are written in an API view, once for every feature: node-postgres gives
 * timestamps as `Date` and `numeric`/`bigint` columns as text.
 */

/** A timestamp as ISO 8601 in UTC (`2026-03-10T14:00:00.000Z`); no value stays null. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The UTC calendar day of an instant, `YYYY-MM-DD` (a `date` column's form). */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A `numeric` or `bigint` column (text from node-postgres) as a number; no value stays null. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
