import type { EligibilityStatus } from './eligibility';

/** A statement the unit's label must carry, with the rule that requires it. */
export interface LabelStatement {
  code: 'AUTOLOGOUS_USE_ONLY' | 'BIOHAZARD' | 'ADVISE_PATIENT' | 'REACTIVE_RESULTS' | 'NOT_EVALUATED';
  text: string;
  rule: string;
}

export interface LabelStatementInput {
  bankingType: 'public' | 'family';
  /** the intended use of the release request the unit is reserved for, if any */
  intendedUse?: string | null;
  /** the determination in force (null: none yet, or voided) */
  determination?: { status: 'eligible' | 'ineligible' } | null;
  /** the eligibility computed now */
  eligibility: { status: EligibilityStatus; reactiveMarkers: string[] };
}

const SEVERITY: Record<EligibilityStatus, number> = { eligible: 0, incomplete: 1, ineligible: 2 };

/**
 * Which of the statements 21 CFR 1271 requires apply to a unit, decided from the donor-eligibility
 * determination (or, where it is missing or voided, from the status computed now: the stricter of
 * the two counts), the reactive markers and the intended use. The labels feature prints them; this
 * decides them, so a label can never say less than the record.
 *
 * - `FOR AUTOLOGOUS USE ONLY` when the unit is reserved for autologous use (1271.90(c)(1)). A family
 *   unit not yet reserved does not get it: family banking also serves a sibling (directed use).
 * - Ineligible donor: the Biohazard legend (1271.3(h)), `WARNING: Advise patient of communicable
 *   disease risks`, and `WARNING: Reactive test results for <markers>` when tests were reactive
 *   (1271.65(b)(2); for autologous use 1271.90(c)(3)).
 * - Testing or screening incomplete: `NOT EVALUATED FOR INFECTIOUS SUBSTANCES` (1271.90(c)(2) for
 *   autologous use; 1271.60(d)(2) for a release before the determination is complete, with
 *   `WARNING: Advise patient of communicable disease risks`).
 */
export function labelStatements(input: LabelStatementInput): LabelStatement[] {
  const autologous = input.intendedUse === 'autologous';
  const computed = input.eligibility.status;
  const determined = input.determination?.status;
  const status: EligibilityStatus = determined && SEVERITY[determined] >= SEVERITY[computed] ? determined : computed;
  const out: LabelStatement[] = [];
  if (autologous) out.push({ code: 'AUTOLOGOUS_USE_ONLY', text: 'FOR AUTOLOGOUS USE ONLY', rule: '21 CFR 1271.90(c)(1)' });
  if (status === 'ineligible') {
    const rule = autologous ? '21 CFR 1271.90(c)(3)' : '21 CFR 1271.65(b)(2)';
    out.push({ code: 'BIOHAZARD', text: 'Biohazard legend (21 CFR 1271.3(h))', rule });
    out.push({ code: 'ADVISE_PATIENT', text: 'WARNING: Advise patient of communicable disease risks', rule });
    const markers = input.eligibility.reactiveMarkers.filter((m) => m !== 'CMV');
    if (markers.length) out.push({ code: 'REACTIVE_RESULTS', text: `WARNING: Reactive test results for ${markers.join(', ')}`, rule });
  } else if (status === 'incomplete') {
    out.push({ code: 'NOT_EVALUATED', text: 'NOT EVALUATED FOR INFECTIOUS SUBSTANCES', rule: autologous ? '21 CFR 1271.90(c)(2)' : '21 CFR 1271.60(d)(2)' });
    if (!autologous) out.push({ code: 'ADVISE_PATIENT', text: 'WARNING: Advise patient of communicable disease risks', rule: '21 CFR 1271.60(d)(2)' });
  }
  return out;
}
