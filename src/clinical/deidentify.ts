import { createHmac } from 'node:crypto';

/**
 * De-identification of the outcome export (issue 17; HIPAA 45 CFR 164.514(b) and (c) as guidance,
 * the suppression threshold is the bank's policy):
 *
 * - no patient identifier, name, DIN, request number, free text or calendar date leaves: times are
 *   days from the infusion, ages months (90 years and over as one category);
 * - each patient gets a stable pseudonym: HMAC-SHA256 under a secret key (OUTCOMES_PSEUDONYM_SECRET,
 *   kept like the JWT secret) over the requesting facility and the patient identifier. Without the
 *   key it can not be recomputed from a guessed identifier (a plain hash could, by hashing every
 *   plausible MRN). It is what issue 17 asks for; note that HIPAA 164.514(c) wants a re-identification
 *   code "not derived from information about the individual", which a keyed hash strictly is (see the
 *   README: a random code table would meet the letter);
 * - small cells are suppressed, minimum cell size k (≥ 5): (1) a diagnosis is shown only when at
 *   least k distinct patients of the export share it within the same (intended use, route, cell type);
 *   otherwise it reads `[suppressed]`. (2) A patient whose (intended use, route, cell type) is shared by
 *   fewer than k distinct patients is withheld from the export altogether (counted in the
 *   `X-Export-Withheld-Patients` header): a rare route or product alone could point at one child.
 */
export const SUPPRESSED = '[suppressed]';
export const MIN_CELL_FLOOR = 5;

export function normaliseDiagnosis(d: string): string {
  return d.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function pseudonym(secret: string, facility: string, identifier: string): string {
  const key = `${facility.normalize('NFKC').trim().toLowerCase()}\u0000${identifier.normalize('NFKC').trim().toUpperCase()}`;
  return 'P' + createHmac('sha256', secret).update(key).digest('hex').slice(0, 20);
}

export interface ClassMember {
  patient: string;
  diagnosis: string;
  use: string;
  route: string;
  cellType: string;
}

export interface SuppressionPlan {
  /** per member (same order): the diagnosis to show, or null when the member is withheld */
  diagnosis: (string | null)[];
  withheldPatients: number;
  suppressedDiagnoses: number;
}

const classKey = (m: ClassMember) => JSON.stringify([m.use, m.route, m.cellType]);

export function planSuppression(members: readonly ClassMember[], k: number): SuppressionPlan {
  if (!(k >= MIN_CELL_FLOOR)) throw new RangeError(`the minimum cell size must be at least ${MIN_CELL_FLOOR}`);
  const patientsIn = (key: (m: ClassMember) => string) => {
    const sets = new Map<string, Set<string>>();
    for (const m of members) {
      const kk = key(m);
      let s = sets.get(kk);
      if (!s) sets.set(kk, (s = new Set()));
      s.add(m.patient);
    }
    return (m: ClassMember) => sets.get(key(m))!.size;
  };
  const byClass = patientsIn(classKey);
  const byDiagnosis = patientsIn((m) => JSON.stringify([classKey(m), normaliseDiagnosis(m.diagnosis)]));
  const withheld = new Set<string>();
  const suppressed = new Set<string>();
  const diagnosis = members.map((m) => {
    if (byClass(m) < k) {
      withheld.add(m.patient);
      return null;
    }
    if (byDiagnosis(m) < k) {
      suppressed.add(normaliseDiagnosis(m.diagnosis));
      return SUPPRESSED;
    }
    return normaliseDiagnosis(m.diagnosis);
  });
  return { diagnosis, withheldPatients: withheld.size, suppressedDiagnoses: suppressed.size };
}

/** Whole days between two instants (UTC calendar days), negative when `at` is before `from`. */
export function daysBetween(from: Date, at: Date): number {
  const d = (x: Date) => Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate());
  return Math.round((d(at) - d(from)) / 86_400_000);
}

/** Ages in months; 90 years and over are one category (HIPAA 164.514(b)(2)(i)(C)). */
export const exportedAge = (months: number): number | string => (months >= 1080 ? '>=1080' : months);

/** Two significant digits: the dose as exported (enough to analyse, less to match a record by). */
export const twoSignificant = (x: number): number => Number(x.toPrecision(2));
