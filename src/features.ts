import type { Type } from '@nestjs/common';
import type { FeatureErrors } from './common/database-errors';
import { CollectionsModule } from './collections/collections.module';
import { COLLECTIONS_ERRORS } from './collections/collections.errors';
import { CustodyModule } from './custody/custody.module';
import { CustodyChainModule } from './custody/custody-chain.module';
import { DonorsModule } from './donors/donors.module';
import { DONORS_ERRORS } from './donors/donors.errors';
import { UnitsModule } from './units/units.module';
import { UNITS_ERRORS } from './units/units.errors';
import { StorageModule } from './storage/storage.module';
import { STORAGE_ERRORS } from './storage/storage.errors';
import { LabEventsModule } from './lab-events/lab-events.module';
import { LAB_EVENTS_ERRORS } from './lab-events/lab-events.errors';
import { ReleaseRequestsModule } from './release-requests/release-requests.module';
import { RELEASE_REQUESTS_ERRORS } from './release-requests/release-requests.errors';
import { SearchModule } from './search/search.module';
import { ClinicalModule } from './clinical/clinical.module';
import { LabelsModule } from './labels/labels.module';
import { AlarmsModule } from './alarms/alarms.module';
import { QualityModule } from './quality/quality.module';
import { SuppliesModule } from './supplies/supplies.module';
import { LookbacksModule } from './lookbacks/lookbacks.module';
import { ImportsModule } from './imports/imports.module';

/**
 * The feature modules (donors, collections, units, storage, custody, release requests, lab events,
 * search, supplies and equipment, look-backs). Features may import each other one way (never a cycle); the core never imports them.
 */
export const FEATURE_MODULES: Type[] = [UnitsModule, CustodyModule, CustodyChainModule, DonorsModule, CollectionsModule, StorageModule, LabEventsModule, SearchModule, ReleaseRequestsModule, ClinicalModule, LabelsModule, AlarmsModule, QualityModule, SuppliesModule, LookbacksModule, ImportsModule];

/**
 * The features' error tables (`<feature>.errors.ts`: their error codes and constraint messages),
 * registered with the core's by AppModule at boot (registerFeatureErrors), never as a side effect of
 * importing a feature.
 */
export const FEATURE_ERRORS: readonly FeatureErrors[] = [UNITS_ERRORS, DONORS_ERRORS, COLLECTIONS_ERRORS, STORAGE_ERRORS, LAB_EVENTS_ERRORS, RELEASE_REQUESTS_ERRORS];
