import { featureErrors, type CodesOf } from '../common/database-errors';

/** The units feature's error codes and the messages of the unit row's constraints. */
export const UNITS_ERRORS = featureErrors(
  'units',
  {
    /** a release criterion is unmet (the problem lists them in `unmet`) */
    UNIT_NOT_AVAILABLE: 409,
  },
  {
    cord_blood_units_acceptance_before_processing: 'A unit whose receipt acceptance is pending can not be processed (21 CFR 1271.265(a)): QA decides first',
    cord_blood_units_acceptance_rejected: 'A unit rejected at receipt stays rejected (or is discarded)',
    cord_blood_units_din_check: 'Not an ISBT 128 DIN: the facility identification number starts with A–N, P–Z or 1–9',
    // the unit row's DIN is written once, by the collection that creates it
    cord_blood_units_pkey: 'This DIN is already assigned to another unit (ISBT 128 DINs are unique forever)',
    // the reservation column is the unit's (release requests set it through UnitsService)
    cord_blood_units_reserved_for_key: 'The unit is already reserved for another request, or this request already holds a unit',
  },
);

declare module '../common/domain-error' {
  interface FeatureErrorCodes extends CodesOf<typeof UNITS_ERRORS> {}
}
