import { createHash } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseDin } from '../common/din';
import { DomainError, FieldError, validationFailed } from '../common/domain-error';
import { BODY_RULES, guardInput, mergeProblems } from '../common/input-guard';
import { flattenValidationErrors } from '../common/validation';
import { LAB_EVENT_SHAPES, LAB_EVENT_TYPES, LabEventDto, LabEventType, MAX_BATCH } from './dto/lab-event.dto';

/** A lab event that passed validation, with its subject key normalised (13-character DIN). */
export interface ParsedLabEvent {
  eventId: string;
  type: LabEventType;
  occurredAt: Date;
  din: string | null;
  donorNumber: string | null;
  freezer: string | null;
  /** who performed the work, as the event names it (21 CFR 1271.270(a)) */
  performedBy: string | null;
  /** `data` as sent (validated: no extra fields, every field of the right form). */
  data: Record<string, unknown>;
  /** The event as received, and the SHA-256 of its canonical JSON (what "the same body" means). */
  raw: Record<string, unknown>;
  bodyHash: string;
}

/** How far ahead of the bank's clock an `occurredAt` may be (lab clocks drift a little). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

const VALIDATE = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true, validationError: { target: false, value: false } };

/**
 * Canonical JSON (RFC 8785 JCS for the values JSON.parse yields): object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as ECMAScript serialises them. Two bodies are "the same"
 * when their canonical JSON is equal: key order and spacing do not matter, every value does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function bodyHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/** The eventId as sent, when it is a usable string (to name the event in a batch result). */
export function eventIdOf(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const id = (raw as Record<string, unknown>).eventId;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : null;
}

/**
 * Validates one event: the envelope, the subject key its type needs (and no other), and `data`
 * against the class of its type, with per-field errors named like `data.loci.A`. An unknown type
 * lists the allowed ones. Throws 422 VALIDATION_FAILED (or INVALID_DIN for a wrong check character).
 * `now` is the receipt time: `occurredAt` may not be more than 5 minutes after it, since a result
 * dated in the future would stay "newest" for ever under the out-of-order rule.
 */
export function parseLabEvent(raw: unknown, now: Date): ParsedLabEvent {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw validationFailed([{ field: '(event)', message: 'an event must be a JSON object {eventId, type, occurredAt, din | donorNumber | freezer, data}' }]);
  }
  // the shared input rules (NUL, lone surrogates, prototype-named keys, blank text, date bounds) first;
  // the shape checks below then see the event without what they refused
  const rawType = (raw as Record<string, unknown>).type as LabEventType;
  const dataClass = LAB_EVENT_TYPES.includes(rawType) ? LAB_EVENT_SHAPES[rawType].data : undefined;
  const guard = guardInput(raw, { ...BODY_RULES, now: now.getTime() }, '', LabEventDto, dataClass ? { data: dataClass } : {});
  const input = guard.clean as Record<string, unknown>;
  const envelope = plainToInstance(LabEventDto, { ...input, data: undefined });
  const errors: FieldError[] = flattenValidationErrors(validateSync(envelope, { ...VALIDATE, skipMissingProperties: false }).filter((e) => e.property !== 'data'));
  const data = input.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    errors.push({ field: 'data', message: 'data must be an object' });
  }
  const type = input.type as LabEventType;
  const shape = LAB_EVENT_TYPES.includes(type) ? LAB_EVENT_SHAPES[type] : undefined;
  if (shape) {
    for (const key of ['din', 'donorNumber', 'freezer'] as const) {
      const present = input[key] !== undefined && input[key] !== null;
      if (key === shape.subject && !present) errors.push({ field: key, message: `${key} is required for ${type}` });
      if (key !== shape.subject && present) errors.push({ field: key, message: `${key} is not accepted for ${type} (it names its subject by ${shape.subject})` });
    }
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const instance = plainToInstance(shape.data, data);
      errors.push(...flattenValidationErrors(validateSync(instance, VALIDATE), 'data'));
    }
  }
  let din: string | null = null;
  if (shape?.subject === 'din' && typeof input.din === 'string' && !errors.some((e) => e.field === 'din')) {
    try {
      din = parseDin(input.din, 'din').din;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      errors.push(...(err.extra.errors ?? [{ field: 'din', message: err.message }]));
    }
  }
  if (guard.problems.length > 0) throw validationFailed(mergeProblems(guard.problems, errors));
  if (errors.length > 0) throw validationFailed(errors);

  const occurredAt = new Date(input.occurredAt as string);
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw validationFailed([{ field: 'occurredAt', message: 'occurredAt is in the future (more than 5 minutes ahead of the bank clock)' }]);
  }
  return {
    eventId: input.eventId as string,
    type,
    occurredAt,
    din,
    donorNumber: shape!.subject === 'donorNumber' ? (input.donorNumber as string) : null,
    freezer: shape!.subject === 'freezer' ? (input.freezer as string) : null,
    performedBy: typeof input.performedBy === 'string' ? input.performedBy : null,
    data: data as Record<string, unknown>,
    raw: raw as Record<string, unknown>,
    bodyHash: bodyHash(raw),
  };
}

/**
 * One event, or `{events: [...]}` with 1 to 500: the whole request is 422 when the batch is empty,
 * too long, or carries other fields; a bad event inside a batch is that event's problem only.
 */
export function splitBody(body: unknown): { batch: false; event: unknown } | { batch: true; events: unknown[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ field: '(body)', message: 'send one event object, or {events: [...]}' }]);
  }
  const obj = body as Record<string, unknown>;
  if (!('events' in obj)) return { batch: false, event: body };
  const extra = Object.keys(obj).filter((k) => k !== 'events');
  if (extra.length > 0) throw validationFailed(extra.map((k) => ({ field: k, message: 'is not an accepted field of a batch' })));
  if (!Array.isArray(obj.events)) throw validationFailed([{ field: 'events', message: 'events must be an array' }]);
  if (obj.events.length === 0 || obj.events.length > MAX_BATCH) {
    throw new DomainError('VALIDATION_FAILED', `A batch carries 1 to ${MAX_BATCH} events; this one has ${obj.events.length}`, {
      errors: [{ field: 'events', message: `must contain 1 to ${MAX_BATCH} events` }],
    });
  }
  return { batch: true, events: obj.events };
}
