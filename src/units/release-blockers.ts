/**
 * What blocks release (FACT-NetCord release criteria; 21 CFR 1271.265 and 1271.260): the one home of
 * the rule. The unit's own criteria (processing, sterility, HLA of a public unit, storage) and the
 * excursion criterion (a temperature excursion QA has not accepted for the unit) are written here
 * once; the units service (the gate and the hold of a unit that stops meeting them), storage (the
 * excursion blocker and the unit view's `blocksRelease`) and search (units it may offer) import them.
 * Other features add their criteria through UnitExtension.releaseBlockers (donor eligibility and
 * consent, look-back holds). The database keeps the backstop: the CHECK
 * cord_blood_units_available_preconditions refuses an available unit that breaks a physical
 * criterion, and the unit_search read model leaves out what is not available.
 */

/** The unit row's columns the criteria read. */
export interface ReleaseCriteriaRow {
  position_id: string | null;
  processed_at: Date | null;
  sterility_aerobic: string | null;
  sterility_anaerobic: string | null;
  banking_type: 'public' | 'family';
  hla: unknown;
}

interface Criterion {
  /** true when the unit fails it */
  fails(u: ReleaseCriteriaRow): boolean;
  /** how the release check names it (`GET /units/:din` releaseCheck.unmet, 409 UNIT_NOT_AVAILABLE) */
  unmet(u: ReleaseCriteriaRow): string;
  /** how a hold for a broken CHECK precondition names it */
  short: string;
}

const sterilityNegative = (u: ReleaseCriteriaRow): boolean => u.sterility_aerobic === 'negative' && u.sterility_anaerobic === 'negative';

const PROCESSED: Criterion = { fails: (u) => !u.processed_at, unmet: () => 'processing: no processing results recorded', short: 'not processed' };
const STERILE: Criterion = {
  fails: (u) => !sterilityNegative(u),
  unmet: (u) => (u.sterility_aerobic === 'positive' || u.sterility_anaerobic === 'positive' ? 'sterility: culture positive' : 'sterility: no negative aerobic and anaerobic culture recorded'),
  short: 'sterility not negative',
};
const HLA_TYPED: Criterion = { fails: (u) => u.banking_type === 'public' && !u.hla, unmet: () => 'hla: a public unit must be HLA typed', short: 'public unit without HLA typing' };
const STORED: Criterion = { fails: (u) => !u.position_id, unmet: () => 'storage: the unit is not stored in a position', short: 'not stored' };

/** The unit's own criteria, in the order the release check lists them. */
const UNIT_CRITERIA = [PROCESSED, STERILE, HLA_TYPED, STORED];
/** The same criteria as the CHECK cord_blood_units_available_preconditions, in the order a hold names them. */
const PHYSICAL_CRITERIA = [STORED, PROCESSED, STERILE, HLA_TYPED];

/** The unit's own unmet release criteria (the release check's first entries). */
export function unitCriteriaUnmet(u: ReleaseCriteriaRow): string[] {
  return UNIT_CRITERIA.filter((c) => c.fails(u)).map((c) => c.unmet(u));
}

/**
 * The unmet preconditions of `available` that the database enforces (CHECK
 * cord_blood_units_available_preconditions): an available unit whose new values break one goes on
 * hold in the same UPDATE, else the CHECK would refuse it.
 */
export function physicalBlockers(u: ReleaseCriteriaRow): string[] {
  return PHYSICAL_CRITERIA.filter((c) => c.fails(u)).map((c) => c.short);
}

// ---- temperature excursions (FACT-NetCord storage; 21 CFR 1271.260(d)/(e)) -------------------------

/** SQL: the unit_excursions row `ue` blocks release: QA has not reviewed it, or judged it unacceptable. */
export const EXCURSION_BLOCKS_RELEASE = `(ue.reviewed_at IS NULL OR ue.review_outcome = 'unacceptable')`;

/** The same rule on a row already read (the unit view's `blocksRelease`). */
export function excursionBlocksRelease(review: { reviewed_at: Date | null; review_outcome: string | null }): boolean {
  return review.reviewed_at === null || review.review_outcome === 'unacceptable';
}

/** SQL predicate: the unit whose DIN is `din` (an SQL expression) has no excursion blocking release. */
export const noBlockingExcursion = (din: string): string => `NOT EXISTS (SELECT 1 FROM unit_excursions ue WHERE ue.din = ${din} AND ${EXCURSION_BLOCKS_RELEASE})`;

/** The units' excursions that block their release ($1: the DINs), each unit's oldest first. */
export const EXCURSION_BLOCKERS_SQL = `SELECT ue.din, e.id, f.code, e.started_at, e.ended_at, ue.review_outcome
         FROM unit_excursions ue JOIN freezer_excursions e ON e.id = ue.excursion_id JOIN freezers f ON f.id = e.freezer_id
        WHERE ue.din = ANY($1::text[]) AND ${EXCURSION_BLOCKS_RELEASE}
        ORDER BY ue.din, e.started_at`;

export interface ExcursionBlockerRow {
  id: string;
  code: string;
  started_at: Date;
  ended_at: Date | null;
  review_outcome: string | null;
}

/** How the release check names an excursion that blocks release. */
export function excursionBlocker(r: ExcursionBlockerRow): string {
  const when = `${r.started_at.toISOString()}${r.ended_at ? ` to ${r.ended_at.toISOString()}` : ', still open'}`;
  return r.review_outcome === 'unacceptable'
    ? `excursion: temperature excursion ${r.id} in freezer ${r.code} (${when}) was judged unacceptable by QA`
    : `excursion: temperature excursion ${r.id} in freezer ${r.code} (${when}) has not been reviewed by QA`;
}
