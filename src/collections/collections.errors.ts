import type { FeatureErrors } from '../common/database-errors';

/** The collections feature's constraint messages. */
export const COLLECTIONS_ERRORS: FeatureErrors = {
  feature: 'collections',
  constraints: {
    collections_din_key: 'This DIN already has a collection',
  },
};
