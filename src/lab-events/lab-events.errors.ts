import type { FeatureErrors } from '../common/database-errors';

declare module '../common/domain-error' {
  interface FeatureErrorCodes {
    /** the same eventId was received from the integration with another body */
    IDEMPOTENCY_CONFLICT: 409;
  }
}

/** The lab-events feature's error codes. */
export const LAB_EVENTS_ERRORS: FeatureErrors = {
  feature: 'lab-events',
  codes: { IDEMPOTENCY_CONFLICT: 409 },
};
