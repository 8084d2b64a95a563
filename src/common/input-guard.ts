import { getMetadataStorage } from 'class-validator';
import { type FieldError, fieldError } from './domain-error';

/**
 * The rules every value a client sends must meet before any DTO, service or PostgreSQL sees it
 * (DESIGN.md section 3: never a 500 for anything a client sent; 422 naming the field). They hold for
 * every route, by one walk over the parsed body (and query and path), so a new DTO field is covered
 * without anyone remembering to add a decorator:
 *
 * - text PostgreSQL can not store is refused: a NUL character (a `text` column and `jsonb` refuse it,
 *   which was a 500) and a lone UTF-16 surrogate (node-postgres would store it as U+FFFD, silently
 *   changing what was sent; validator.js's email check crashed on it);
 * - keys named like `Object.prototype` members (`toString`, `hasOwnProperty`, `constructor`…) and
 *   `prototype`/`__proto__` are refused: class-validator's whitelist looks field names up in a plain
 *   object and took them for declared fields;
 * - in a body, text that is empty or only whitespace is refused: a blank hospital, name, reason or
 *   physician is a missing value, not a value (omit an optional field instead of sending "");
 * - a field its DTO declares ISO 8601 (`@IsISO8601`) must be an instant JavaScript can represent (an
 *   ISO 8601 week date such as `2026-W05-1` is valid ISO but no Date: it never reaches PostgreSQL as an
 *   invalid Date); in a body it is between 1900 and 2200, and when it records something that happened
 *   (its name ends in `At`, or `dateOfBirth`) it may not be later than the bank's clock plus five
 *   minutes of clock skew. Which fields are dates comes from the DTO's own decorators, so free text
 *   that looks like a date is left alone.
 */

/** How far ahead of the bank's clock a past event may be dated (device clocks drift a little). */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const EARLIEST_DATE = Date.UTC(1900, 0, 1);
export const LATEST_DATE = Date.UTC(2200, 0, 1);

/** Names that must never be taken for a field: inherited members of every object, and `prototype`. */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'constructor', '__proto__']);

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Unicode White_Space (what `\s` matches in JavaScript): spaces, tabs, NBSP, em space… */
const BLANK = /^\s*$/;
/** A field that records something that already happened. */
const PAST_EVENT_FIELD = /(At|^dateOfBirth)$/;

export interface GuardOptions {
  /** Refuse empty and whitespace-only strings (bodies; not queries, where `?q=` means no filter). */
  blank: boolean;
  /** Apply date bounds (bodies); otherwise only that a date-like string is a representable instant. */
  dateBounds: boolean;
  /** When the request was received (for "not in the future"). */
  now?: number;
}

export const BODY_RULES: GuardOptions = { blank: true, dateBounds: true };
export const QUERY_RULES: GuardOptions = { blank: false, dateBounds: false };

function textProblem(s: string): string | undefined {
  if (NUL.test(s)) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (it contains a lone surrogate)';
  return undefined;
}

/** What a DTO class says about its fields: which are ISO 8601 dates, and the class of each nested object. */
interface Shape {
  dates: Set<string>;
  nested: Map<string, Function>;
}
const shapes = new WeakMap<Function, Shape>();

export function shapeOf(cls: Function | undefined): Shape | undefined {
  if (typeof cls !== 'function' || cls === Object) return undefined;
  let shape = shapes.get(cls);
  if (!shape) {
    const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    shape = { dates: new Set(), nested: new Map() };
    for (const m of metas) {
      if (m.name === 'isIso8601') shape.dates.add(m.propertyName);
      if (m.type === 'nestedValidation') {
        const t = Reflect.getMetadata?.('design:type', cls.prototype, m.propertyName) as Function | undefined;
        if (typeof t === 'function' && t !== Array && t !== Object) shape.nested.set(m.propertyName, t);
      }
    }
    shapes.set(cls, shape);
  }
  return shape;
}

function dateProblem(key: string, s: string, opts: GuardOptions): string | undefined {
  const t = Date.parse(s);
  if (Number.isNaN(t)) return 'must be a date-time in a form such as 2026-03-10T14:00:00Z (calendar date)';
  if (!opts.dateBounds) return undefined;
  if (t < EARLIEST_DATE || t >= LATEST_DATE) return 'must be a date between 1900 and 2200';
  if (PAST_EVENT_FIELD.test(key) && t > (opts.now ?? Date.now()) + CLOCK_SKEW_MS) return 'can not be in the future';
  return undefined;
}

/**
 * Every problem of `value` under the rules above, with the field named like the validation errors
 * (`patient.identifier`, `deferralReasons.0`), and `clean`: the value without what was refused (so
 * the DTO's own validation can still report the other fields, and never sees a hostile string).
 * `path` names the value itself ('' for a whole body).
 * `dto` is the class that describes `value` (its date fields, and through `@ValidateNested` fields
 * the classes of nested objects); `nested` names classes for top-level fields the DTO can not (a lab
 * event's `data`, whose class depends on its `type`).
 */
export function guardInput(value: unknown, opts: GuardOptions, path = '', dto?: Function, nested: Record<string, Function> = {}): { problems: FieldError[]; clean: unknown } {
  const problems: FieldError[] = [];
  const clean = walk(value, path, path, opts, problems, 0, dto, false, nested);
  return { problems, clean };
}

function walk(
  value: unknown,
  path: string,
  key: string,
  opts: GuardOptions,
  out: FieldError[],
  depth: number,
  cls: Function | undefined,
  isDate: boolean,
  nested: Record<string, Function> = {},
): unknown {
  if (depth > 64) return undefined;
  const field = path || '(body)';
  if (typeof value === 'string') {
    const problem = textProblem(value) ?? (opts.blank && BLANK.test(value) ? 'must not be blank' : undefined) ?? (isDate ? dateProblem(key, value, opts) : undefined);
    if (!problem) return value;
    if (out.length < 50) out.push({ field, message: problem });
    return undefined;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path ? `${path}.` : ''}${i}`, key, opts, out, depth + 1, cls, isDate));
  const shape = shapeOf(cls);
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const child = path ? `${path}.${k}` : k;
    const keyProblem = textProblem(k);
    if (keyProblem || PROTOTYPE_KEYS.has(k)) {
      if (out.length < 50) out.push({ field: printable(child), message: keyProblem ? `is not an accepted field (a field name ${keyProblem.replace(/^must /, '')})` : 'is not an accepted field' });
      continue;
    }
    const v = walk((value as Record<string, unknown>)[k], child, k, opts, out, depth + 1, nested[k] ?? shape?.nested.get(k), shape?.dates.has(k) ?? false);
    if (v !== undefined) copy[k] = v;
  }
  return copy;
}

/**
 * The problems of both checks, without the validator's complaint about a field the guard already
 * named (a refused value is absent from what the validator saw: "must be a string" would only repeat it).
 */
export function mergeProblems(guard: FieldError[], validator: FieldError[]): FieldError[] {
  const named = guard.map((g) => g.field);
  const repeats = (f: string) => named.some((g) => g === f || g.startsWith(`${f}.`) || f.startsWith(`${g}.`));
  return [...guard, ...validator.filter((v) => !repeats(v.field))];
}

/** A field name fit for an error message: NUL and lone surrogates written as \\uXXXX escapes. */
function printable(s: string): string {
  return s.replace(/[\u0000\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True for a JSON object (not null, not an array): what every request body of this API is. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The same "not in the future" rule for a date a service is given by another service rather than
 * through a request body (which the guard above has already checked): the instant as a Date, or 422
 * naming `field`.
 */
export function notInFuture(field: string, value: string | Date, now = Date.now()): Date {
  const d = new Date(value);
  if (d.getTime() > now + CLOCK_SKEW_MS) throw fieldError(field, 'can not be in the future');
  return d;
}
