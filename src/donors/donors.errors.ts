import { featureErrors, type CodesOf } from '../common/database-errors';

/** The donors feature's error codes and constraint messages (eligibility determinations, 21 CFR 1271.50). */
export const DONORS_ERRORS = featureErrors(
  'donors',
  {
    /** a determination can not be made: a required record is missing (the problem lists them) */
    ELIGIBILITY_INCOMPLETE: 409,
    /** the determination asked for is not the one the donor's records support */
    DETERMINATION_MISMATCH: 409,
  },
  {
    // two determinations made at once: the partial unique index decides, the second is 409
    eligibility_determinations_in_force_key: 'This unit already has an eligibility determination in force',
  },
);

declare module '../common/domain-error' {
  interface FeatureErrorCodes extends CodesOf<typeof DONORS_ERRORS> {}
}
