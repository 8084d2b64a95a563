/**
 * Donor eligibility (21 CFR 1271.45–1271.85), computed from the records, never stored as a flag: it
 * is the evidence the responsible person's determination rests on (1271.50(a); see
 * determinations.service.ts). Rules, each with its source:
 *
 * - Every required marker must be tested, not reactive, on a maternal sample drawn within 7 days
 *   before or after the collection (1271.80(b)); a missing one leaves the status `incomplete`.
 * - A reactive (positive or indeterminate) screening test makes the donor ineligible
 *   (1271.80(d)(1)(i)), except CMV (recorded: released only under the bank's documented procedure,
 *   1271.85(b)) and a reactive nontreponemal syphilis screen with a negative specific treponemal
 *   confirmatory test on the same specimen (1271.80(d)(1)(i)), which is not a reactive result.
 * - A specimen from a donor transfused or infused in the 48 hours before it was drawn counts only
 *   when the plasma-dilution algorithm accepted it (1271.80(d)(1)(ii)); a marker tested only on
 *   such specimens without that acceptance makes the donor ineligible (plasma dilution suspected).
 * - Every screening's deferral counts (1271.75(d)): a newer clean questionnaire does not clear an
 *   earlier deferral; only a correction with a reason does (DonorsService.correctScreening).
 * - WNV and T. cruzi are required by the bank's policy and FDA guidance, not by 1271.85's text: the
 *   reasons say so.
 */
import { isoDay as day } from '../common/mappers';
export const REQUIRED_MARKERS = ['HIV-1', 'HIV-2', 'HBsAg', 'anti-HBc', 'HCV', 'HTLV-I/II', 'syphilis', 'WNV', 'T. cruzi', 'CMV'] as const;
/** `syphilis-treponemal`: the specific treponemal confirmatory test of a reactive nontreponemal `syphilis` screen. */
export const ALL_MARKERS = [...REQUIRED_MARKERS, 'syphilis-treponemal'] as const;
export type Marker = (typeof ALL_MARKERS)[number];
export type IdmResult = 'negative' | 'positive' | 'indeterminate';
export type EligibilityStatus = 'eligible' | 'ineligible' | 'incomplete';
export const IDM_METHODS = ['NAT', 'serology'] as const;

/** Where each required marker comes from (shown in the reasons and the traceability matrix). */
export const MARKER_BASIS: Record<(typeof REQUIRED_MARKERS)[number], string> = {
  'HIV-1': '21 CFR 1271.85(a)(1)',
  'HIV-2': '21 CFR 1271.85(a)(1)',
  HBsAg: '21 CFR 1271.85(a)(2)',
  'anti-HBc': '21 CFR 1271.85(a)(2)',
  HCV: '21 CFR 1271.85(a)(3)',
  syphilis: '21 CFR 1271.85(a)(4)',
  'HTLV-I/II': '21 CFR 1271.85(b)(1) (viable, leukocyte-rich cells)',
  CMV: '21 CFR 1271.85(b)(2) (viable, leukocyte-rich cells)',
  WNV: "the bank's policy and FDA guidance (not in 21 CFR 1271.85's text)",
  'T. cruzi': "the bank's policy and FDA guidance (not in 21 CFR 1271.85's text)",
};

export const SAMPLE_WINDOW_DAYS = 7;

export interface IdmTestInput {
  marker: string;
  result: IdmResult;
  sampleDrawnAt: Date;
  /** the donor was transfused or infused in the 48 hours before the sample (null: a legacy record) */
  transfusedBeforeSample?: boolean | null;
  /** the plasma-dilution algorithm accepted the specimen (asked only when transfused) */
  dilutionAcceptable?: boolean | null;
}

export interface ScreeningInput {
  completedAt: Date;
  deferralReasons: string[];
}

export interface Eligibility {
  status: EligibilityStatus;
  /** what makes the donor ineligible or leaves the status incomplete (empty when eligible) */
  reasons: string[];
  /** facts that do not block but that the determination and the label must reflect */
  notes: string[];
  /** markers with a reactive result that counts (for the label's "Reactive test results for …") */
  reactiveMarkers: string[];
  /** CMV reactive: release only under the bank's documented procedure (1271.85(b)) */
  cmvReactive: boolean;
  /** the collection the sample window was checked against */
  collectedAt?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const reactive = (t: IdmTestInput) => t.result !== 'negative';
/** 1271.80(d)(1)(ii): a specimen after a transfusion or infusion counts only with the algorithm's acceptance. */
const diluted = (t: IdmTestInput) => t.transfusedBeforeSample === true && t.dilutionAcceptable !== true;
const policy = (m: string) => (MARKER_BASIS[m as keyof typeof MARKER_BASIS].startsWith('21 CFR') ? '' : ` (required by ${MARKER_BASIS[m as keyof typeof MARKER_BASIS]})`);

export function computeEligibility(input: { collectedAt?: Date | null; screenings: ScreeningInput[]; tests: IdmTestInput[] }): Eligibility {
  const ineligible: string[] = [];
  const incomplete: string[] = [];
  const notes: string[] = [];
  const reactiveMarkers = new Set<string>();
  let cmvReactive = false;

  if (!input.screenings.length) incomplete.push('screening: no medical and behavioural history questionnaire recorded');
  const byTime = [...input.screenings].sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime());
  for (const s of byTime) for (const r of s.deferralReasons) ineligible.push(`screening: deferral on the questionnaire of ${day(s.completedAt)} — ${r} (21 CFR 1271.75(d); cleared only by a correction with a reason)`);

  if (!input.collectedAt) incomplete.push('collection: none recorded, so the 7-day maternal sample window can not be checked');
  const inWindow = (t: IdmTestInput) => !input.collectedAt || Math.abs(t.sampleDrawnAt.getTime() - input.collectedAt.getTime()) <= SAMPLE_WINDOW_DAYS * DAY_MS;

  const treponemal = input.tests.filter((t) => t.marker === 'syphilis-treponemal');
  for (const t of treponemal.filter(reactive)) {
    ineligible.push(`syphilis-treponemal: ${t.result} on the sample drawn ${day(t.sampleDrawnAt)} (21 CFR 1271.80(d)(1)(i))`);
    reactiveMarkers.add('syphilis');
  }

  for (const marker of REQUIRED_MARKERS) {
    const tests = input.tests.filter((t) => t.marker === marker);
    /** tests that count as not reactive: negative, or (syphilis) a reactive screen confirmed negative */
    const cleared: IdmTestInput[] = tests.filter((t) => !reactive(t));
    let blocked = false;
    for (const t of tests.filter(reactive)) {
      if (marker === 'CMV') {
        cmvReactive = true;
        reactiveMarkers.add('CMV');
        notes.push(`CMV: ${t.result} on the sample drawn ${day(t.sampleDrawnAt)} — not a reason for ineligibility; released only under the bank's documented procedure, recorded with the determination (21 CFR 1271.85(b)(2))`);
        continue;
      }
      if (marker === 'syphilis') {
        const same = treponemal.filter((c) => c.sampleDrawnAt.getTime() === t.sampleDrawnAt.getTime());
        if (same.length && same.every((c) => !reactive(c))) {
          notes.push(`syphilis: nontreponemal screen ${t.result} on the sample drawn ${day(t.sampleDrawnAt)}, specific treponemal confirmatory test negative on the same specimen — not a reactive result for syphilis (21 CFR 1271.80(d)(1)(i))`);
          cleared.push(t);
          continue;
        }
        if (same.some(reactive)) {
          blocked = true;
          continue; // named once, above, with the treponemal result
        }
      }
      ineligible.push(`${marker}: ${t.result} on the sample drawn ${day(t.sampleDrawnAt)} (21 CFR 1271.80(d)(1)(i))${policy(marker)}`);
      reactiveMarkers.add(marker);
      blocked = true;
    }
    if (blocked || (marker === 'CMV' && cmvReactive)) continue;
    const windowed = cleared.filter(inWindow);
    const acceptable = windowed.filter((t) => !diluted(t));
    if (!tests.length) incomplete.push(`${marker}: not tested${marker === 'CMV' ? ' (required for viable, leukocyte-rich cells, 21 CFR 1271.85(b)(2))' : policy(marker)}`);
    else if (!input.collectedAt) continue;
    else if (!windowed.length) incomplete.push(`${marker}: no negative result on a sample drawn within ${SAMPLE_WINDOW_DAYS} days of the collection (${day(input.collectedAt)})${policy(marker)}`);
    else if (!acceptable.length) {
      ineligible.push(`${marker}: tested only on specimens drawn after a transfusion or infusion without the plasma-dilution algorithm's acceptance — plasma dilution suspected (21 CFR 1271.80(d)(1)(ii))`);
    }
  }

  const status: EligibilityStatus = ineligible.length ? 'ineligible' : incomplete.length ? 'incomplete' : 'eligible';
  return {
    status,
    reasons: [...ineligible, ...incomplete],
    notes,
    reactiveMarkers: [...reactiveMarkers],
    cmvReactive,
    ...(input.collectedAt ? { collectedAt: input.collectedAt.toISOString() } : {}),
  };
}
