import { MIN_MATCH_DEFAULT, cellDose, gradeMatch, type CellDose, type MatchResult, type Typing } from '../search/hla';
import type { IntendedUse } from '../search/dto/search.dto';

/**
 * The release request life cycle (DESIGN.md section 2): submitted → reserved → approved (medical
 * director, e-signed) → shipped → delivered → completed; cancelled from any state before shipped.
 * The database holds the same table (release_request_next_states) and refuses any other change.
 */
export const REQUEST_STATUSES = ['submitted', 'reserved', 'approved', 'shipped', 'delivered', 'completed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_NEXT: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  submitted: ['reserved', 'cancelled'],
  reserved: ['approved', 'cancelled'],
  approved: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

/** The route that makes each transition. */
const ACTION_OF: Partial<Record<RequestStatus, string>> = {
  reserved: 'reserve', approved: 'approve', shipped: 'ship', delivered: 'deliver', completed: 'outcome', cancelled: 'cancel',
};

export function allowedActions(status: RequestStatus): string[] {
  return REQUEST_NEXT[status].map((s) => ACTION_OF[s]!);
}

/** FACT-NetCord / 21 CFR 1271.65: family-banked units go to the family (the child or a relative). */
export const FAMILY_USES: readonly IntendedUse[] = ['autologous', 'directed_family'];
/** Public units are donated for unrelated recipients: transplant, or a clinical trial (research). */
export const UNRELATED_USES: readonly IntendedUse[] = ['allogeneic_transplant', 'clinical_trial'];

export interface ReservationInput {
  bankingType: 'public' | 'family';
  intendedUse: IntendedUse;
  patientHla: Typing | null;
  unitHla: Typing | null;
  weightKg: number;
  tncCount: number;
  cd34Count: number | null;
  overrideReason?: string | null;
  /** the donor has an active research consent (needed for clinical_trial use of a public unit) */
  researchConsent: boolean;
}

export interface ReservationAssessment {
  /** each reason the unit may not be reserved for this request (409) */
  refusals: string[];
  /** the dose is below 2.5 × 10^7 TNC/kg and no override reason was given (422 on overrideReason) */
  needsOverride: boolean;
  match: MatchResult | null;
  dose: CellDose;
}

/**
 * Whether a unit may be reserved for a request, beyond its status and release criteria (which the
 * units feature checks): use allowed for its banking type and consent, match grade at least 4/6 for
 * unrelated use (DESIGN.md section 5), and a cell dose of at least 2.5 × 10^7 TNC/kg or an override reason.
 */
export function assessReservation(i: ReservationInput): ReservationAssessment {
  const refusals: string[] = [];
  const match = i.patientHla ? gradeMatch(i.patientHla, i.unitHla) : null;
  if (i.bankingType === 'family' && !FAMILY_USES.includes(i.intendedUse)) {
    refusals.push(`use: a family unit is released only for autologous or directed_family use; this request is for ${i.intendedUse}`);
  }
  if (i.bankingType === 'public') {
    if (!UNRELATED_USES.includes(i.intendedUse)) {
      refusals.push(`use: a public unit is donated for unrelated use (allogeneic_transplant or clinical_trial); this request is for ${i.intendedUse}`);
    } else {
      if (i.intendedUse === 'clinical_trial' && !i.researchConsent) refusals.push('consent: clinical_trial use needs an active research consent of the donor');
      if (!i.patientHla) refusals.push('match: the request carries no patient HLA, so an unrelated unit can not be graded');
      else if (!match) refusals.push('match: the unit has no HLA typing at A, B and DRB1');
      else if (match.matches < MIN_MATCH_DEFAULT) {
        refusals.push(`match: ${match.grade} is below the ${MIN_MATCH_DEFAULT}/6 required for unrelated use (mismatched at ${match.mismatches.map((m) => m.locus).join(', ')})`);
      }
    }
  }
  const dose = cellDose(i.tncCount, i.cd34Count, i.weightKg);
  const needsOverride = dose.doseWarning && !(i.overrideReason && i.overrideReason.trim());
  return { refusals, needsOverride, match, dose };
}
