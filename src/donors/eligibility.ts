/**
 * Donor eligibility (21 CFR 1271.45–1271.85), computed from the records, never stored as a flag.
 * Every required relevant communicable disease marker must be tested negative on a maternal sample
 * drawn within 7 days before or after the collection (1271.80(b)); the latest screening must have no
 * deferral (1271.75). CMV is recorded, and a positive CMV does not make the donor ineligible.
 */
export const REQUIRED_MARKERS = ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'WNV', 'T. cruzi'] as const;
export const ALL_MARKERS = [...REQUIRED_MARKERS, 'CMV'] as const;
export type Marker = (typeof ALL_MARKERS)[number];
export type IdmResult = 'negative' | 'positive' | 'indeterminate';
export type EligibilityStatus = 'eligible' | 'ineligible' | 'incomplete';

export const SAMPLE_WINDOW_DAYS = 7;

export interface IdmTestInput {
  marker: string;
  result: IdmResult;
  sampleDrawnAt: Date;
}

export interface ScreeningInput {
  completedAt: Date;
  deferralReasons: string[];
}

export interface Eligibility {
  status: EligibilityStatus;
  reasons: string[];
  /** the collection the sample window was checked against */
  collectedAt?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const day = (d: Date) => d.toISOString().slice(0, 10);

export function computeEligibility(input: { collectedAt?: Date | null; screenings: ScreeningInput[]; tests: IdmTestInput[] }): Eligibility {
  const ineligible: string[] = [];
  const incomplete: string[] = [];

  const latest = [...input.screenings].sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime())[0];
  if (!latest) incomplete.push('screening: no medical and behavioural history questionnaire recorded');
  else for (const r of latest.deferralReasons) ineligible.push(`screening: deferral — ${r}`);

  if (!input.collectedAt) incomplete.push('collection: none recorded, so the 7-day maternal sample window can not be checked');

  for (const marker of REQUIRED_MARKERS) {
    const tests = input.tests.filter((t) => t.marker === marker);
    const reactive = tests.filter((t) => t.result !== 'negative');
    if (reactive.length) {
      for (const t of reactive) ineligible.push(`${marker}: ${t.result} on the sample drawn ${day(t.sampleDrawnAt)}`);
      continue;
    }
    if (!input.collectedAt) {
      if (!tests.length) incomplete.push(`${marker}: not tested`);
      continue;
    }
    const collected = input.collectedAt.getTime();
    const inWindow = tests.filter((t) => Math.abs(t.sampleDrawnAt.getTime() - collected) <= SAMPLE_WINDOW_DAYS * DAY_MS);
    if (!tests.length) incomplete.push(`${marker}: not tested`);
    else if (!inWindow.length) incomplete.push(`${marker}: no negative result on a sample drawn within ${SAMPLE_WINDOW_DAYS} days of the collection (${day(input.collectedAt)})`);
  }

  const status: EligibilityStatus = ineligible.length ? 'ineligible' : incomplete.length ? 'incomplete' : 'eligible';
  return { status, reasons: [...ineligible, ...incomplete], ...(input.collectedAt ? { collectedAt: input.collectedAt.toISOString() } : {}) };
}
