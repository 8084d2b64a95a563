import type { Type } from '@nestjs/common';
import { CollectionsModule } from './collections/collections.module';
import { CustodyModule } from './custody/custody.module';
import { DonorsModule } from './donors/donors.module';
import { UnitsModule } from './units/units.module';
import { StorageModule } from './storage/storage.module';
import { LabEventsModule } from './lab-events/lab-events.module';
import { ReleaseRequestsModule } from './release-requests/release-requests.module';
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
export const FEATURE_MODULES: Type[] = [UnitsModule, CustodyModule, DonorsModule, CollectionsModule, StorageModule, LabEventsModule, SearchModule, ReleaseRequestsModule, ClinicalModule, LabelsModule, AlarmsModule, QualityModule, SuppliesModule, LookbacksModule, ImportsModule];
