import { featureErrors, type CodesOf } from '../common/database-errors';

/** The lab-events feature's error codes. */
export const LAB_EVENTS_ERRORS = featureErrors('lab-events', {
  /** the same eventId was received from the integration with another body */
  IDEMPOTENCY_CONFLICT: 409,
});

declare module '../common/domain-error' {
  interface FeatureErrorCodes extends CodesOf<typeof LAB_EVENTS_ERRORS> {}
}
