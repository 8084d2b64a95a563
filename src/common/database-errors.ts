import { DomainError, registerErrorCodes } from './domain-error';

/**
 * Human messages for constraint names, so that a race decided by the database (a unique index, an
 * exclusion) answers 409 with something a person can act on. The core registers its own (auth);
 * a feature's are in its `<feature>.errors.ts`, registered at boot (registerFeatureErrors).
 */
const constraintMessages = new Map<string, string>();

export function registerConstraintMessages(messages: Record<string, string>): void {
  for (const [name, message] of Object.entries(messages)) constraintMessages.set(name, message);
}

/** A feature's error table: its own error codes (with their HTTP status) and its constraints' messages. */
export interface FeatureErrors {
  feature: string;
  codes?: Record<string, number>;
  constraints?: Record<string, string>;
}

/**
 * A feature's error table, its codes written once: the object is registered at boot, and its type
 * makes the codes known to `DomainError` by declaration merging in the feature's errors file:
 * `declare module '../common/domain-error' { interface FeatureErrorCodes extends CodesOf<typeof X_ERRORS> {} }`.
 */
export function featureErrors<const C extends Record<string, number>>(feature: string, codes: C, constraints?: Record<string, string>): { feature: string; codes: C; constraints?: Record<string, string> } {
  return constraints ? { feature, codes, constraints } : { feature, codes };
}

/** The codes of a table made by `featureErrors`, with their statuses. */
export type CodesOf<T extends { codes: Record<string, number> }> = T['codes'];

/** Registers the features' error tables with the core's (called once at boot, from the feature list). */
export function registerFeatureErrors(tables: readonly FeatureErrors[]): void {
  for (const t of tables) {
    if (t.codes) registerErrorCodes(t.codes);
    if (t.constraints) registerConstraintMessages(t.constraints);
  }
}

const CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'Connection ended',
  'terminating connection',
  'the database system is',
  'Client was closed',
  'Cannot use a pool after calling end',
];

interface PgLikeError {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
  message?: string;
  detail?: string;
  driverError?: PgLikeError;
}

/** True when the error means the database could not be reached or dropped us (answered 503). */
export function isConnectionError(err: unknown): boolean {
  const e = unwrap(err);
  if (!e) return false;
  const code = e.code ?? '';
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) {
    return true;
  }
  const msg = e.message ?? '';
  return CONNECTION_MESSAGES.some((m) => msg.includes(m));
}

function unwrap(err: unknown): PgLikeError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as PgLikeError;
  return e.driverError && typeof e.driverError === 'object' ? { ...e.driverError, message: e.driverError.message ?? e.message } : e;
}

export function pgErrorCode(err: unknown): string | undefined {
  return unwrap(err)?.code;
}

/**
 * Maps a database error to a DomainError, or undefined when it is not one a client caused
 * (then the filter logs it and answers 500 without internals).
 * Custom SQLSTATEs raised by our triggers: CBT01 (forbidden unit transition; DETAIL lists the allowed
 * ones), CB409 (state conflict), CB422 (invalid), CB404 (unknown).
 */
export function domainErrorFromDatabase(err: unknown): DomainError | undefined {
  const e = unwrap(err);
  if (!e?.code) {
    return isConnectionError(err) ? new DomainError('DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly') : undefined;
  }
  const constraint = e.constraint ?? '';
  switch (e.code) {
    case '23505':
      return new DomainError('CONFLICT', constraintMessages.get(constraint) ?? 'A record with the same unique value already exists', { constraint });
    case '23P01':
      return new DomainError('CONFLICT', constraintMessages.get(constraint) ?? 'The change conflicts with an existing record', { constraint });
    case '23503':
      return new DomainError('CONFLICT', constraintMessages.get(constraint) ?? 'The change refers to a record that does not exist or is still referenced', { constraint });
    case '23514':
      return new DomainError('VALIDATION_FAILED', constraintMessages.get(constraint) ?? 'The value is not allowed', { constraint });
    case '23502':
      return new DomainError('VALIDATION_FAILED', `${e.column ?? 'a value'} is required${e.table ? ` (${e.table})` : ''}`, {
        errors: [{ field: e.column ?? '(body)', message: 'is required' }],
      });
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22023':
    case '22021':
      return new DomainError('VALIDATION_FAILED', 'A value has the wrong form or is out of range');
    case '40001':
    case '40P01':
      return new DomainError('CONFLICT', 'A concurrent change to the same record won; retry the request');
    case '55P03':
      return new DomainError('CONFLICT', 'The record is locked by another change; retry the request');
    case 'CBT01':
      return new DomainError('INVALID_TRANSITION', e.message ?? 'Forbidden transition', {
        allowed: (e.detail ?? '').split(',').filter(Boolean),
      });
    case 'CB409':
      return new DomainError('CONFLICT', e.message ?? 'State conflict');
    case 'CB422':
      // a trigger that names the column (RAISE ... USING COLUMN) gets a field error on its API name
      return new DomainError('VALIDATION_FAILED', e.message ?? 'Invalid', e.column ? { errors: [{ field: camelCase(e.column), message: e.message ?? 'is invalid' }] } : {});
    case 'CB404':
      return new DomainError('NOT_FOUND', e.message ?? 'Not found');
    case 'CBL09':
      // a unit held by an open look-back leaving its hold (trigger lookback_hold_guard): 409 naming the look-back
      return new DomainError('CONFLICT', e.message ?? 'The unit is held by an open look-back', { lookback: e.detail });
    default:
      return isConnectionError(err) ? new DomainError('DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly') : undefined;
  }
}

/** `handed_over_at` → `handedOverAt`: a column as the API names its field. */
function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
