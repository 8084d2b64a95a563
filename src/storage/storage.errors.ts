import { featureErrors, type CodesOf } from '../common/database-errors';
import { DomainError } from '../common/domain-error';

/** The constraint that makes one unit per position and one position per unit (DESIGN.md section 5). */
export const POSITION_CONSTRAINT = 'cord_blood_units_position_key';

/** The storage feature's error codes and constraint messages (registered at boot, src/features.ts). */
export const STORAGE_ERRORS = featureErrors(
  'storage',
  {
    /** the position already holds a unit (one unit per position, decided by the database) */
    POSITION_TAKEN: 409,
  },
  {
    [POSITION_CONSTRAINT]: 'That storage position already holds a unit; choose a free position (GET /storage/free-positions)',
    cord_blood_units_position_fk: 'That storage position does not exist',
    freezers_name_key: 'A freezer with this name already exists',
    freezers_name_valid: 'name: 1 to 100 characters, and not shaped like a freezer code (F01)',
    freezers_layout_valid: 'The layout is out of bounds: each size at least 1, rows at most 26, columns at most 99, at most 100,000 positions',
    freezers_seq_key: 'Another freezer was created at the same moment; retry',
    freezer_excursions_one_open_key: 'The freezer already has an open excursion',
    unit_excursions_review_complete: 'An excursion review needs a reviewer, an outcome and a reason',
  },
);

declare module '../common/domain-error' {
  interface FeatureErrorCodes extends CodesOf<typeof STORAGE_ERRORS> {}
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/** True when `err` is the database refusing a second unit in one position. */
export function isPositionTaken(err: unknown): boolean {
  const e = err as PgErrorLike | undefined;
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && constraint === POSITION_CONSTRAINT;
}

export const positionTaken = (label: string): DomainError =>
  new DomainError('POSITION_TAKEN', `Position ${label} already holds a unit; choose a free position`, { position: label });

export const outOfService = (code: string, name: string): DomainError =>
  new DomainError('CONFLICT', `Freezer ${code} (${name}) is out of service: no unit can be stored in it`, { freezer: code });
