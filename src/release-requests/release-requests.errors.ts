import type { FeatureErrors } from '../common/database-errors';

/** The release-requests feature's constraint messages. */
export const RELEASE_REQUESTS_ERRORS: FeatureErrors = {
  feature: 'release-requests',
  constraints: {
    release_requests_weight_valid: 'patient weight must be between 0.3 and 300 kg',
  },
};
