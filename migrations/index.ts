import { Foundation1763760000000 } from './1763760000000-Foundation';
import { DonorsCollectionsUnits1763760100000 } from './1763760100000-DonorsCollectionsUnits';
import { Custody1763760200000 } from './1763760200000-Custody';
import { Storage1763760300000 } from './1763760300000-Storage';
import { LabEvents1763760400000 } from './1763760400000-LabEvents';
import { ReleaseRequests1763760500000 } from './1763760500000-ReleaseRequests';
import { UnitSearch1763760510000 } from './1763760510000-UnitSearch';
import { AccessAudit1763760600000 } from './1763760600000-AccessAudit';
import { PhysicalTruth1763760700000 } from './1763760700000-PhysicalTruth';
import { SeparatedDuties1763760710000 } from './1763760710000-SeparatedDuties';
import { Isbt1281763760800000 } from './1763760800000-Isbt128';
import { JobsAlarms1763760900000 } from './1763760900000-JobsAlarms';
import { ClinicalOutcomes1763761000000 } from './1763761000000-ClinicalOutcomes';
import { EligibilityDetermination1763761100000 } from './1763761100000-EligibilityDetermination';
import { InspectorRecords1763761200000 } from './1763761200000-InspectorRecords';
import { QualityRecords1763761300000 } from './1763761300000-QualityRecords';
import { SuppliesLookback1763761400000 } from './1763761400000-SuppliesLookback';
import { Imports1763761500000 } from './1763761500000-Imports';
import { DecidedOnce1763761600000 } from './1763761600000-DecidedOnce';
import { AuditEngine1763761700000 } from './1763761700000-AuditEngine';
import { QualityDeadlines1763761800000 } from './1763761800000-QualityDeadlines';
import { ImportSpeed1763761900000 } from './1763761900000-ImportSpeed';
import { StorageHistoryContiguous1763762000000 } from './1763762000000-StorageHistoryContiguous';
import { AuditOneDiff1763762100000 } from './1763762100000-AuditOneDiff';
import { DonorAuditSet1763762200000 } from './1763762200000-DonorAuditSet';
import { PlacementAuditSet1763762250000 } from './1763762250000-PlacementAuditSet';
import { SearchSyncSet1763762500000 } from './1763762500000-SearchSyncSet';
import { SweepNowKey1763762600000 } from './1763762600000-SweepNowKey';
import { HlaKeyInline1763762700000 } from './1763762700000-HlaKeyInline';
import { LookbackAuditAction1763762800000 } from './1763762800000-LookbackAuditAction';
import { StorageCountsSet1763762900000 } from './1763762900000-StorageCountsSet';
import { AuditUnitUpdateDiff1763763000000 } from './1763763000000-AuditUnitUpdateDiff';
import { StorageHistorySet1763763100000 } from './1763763100000-StorageHistorySet';
import { ChainHeadsFillfactor1763763200000 } from './1763763200000-ChainHeadsFillfactor';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests run the same set. */
export const MIGRATIONS = [
  Foundation1763760000000,
  DonorsCollectionsUnits1763760100000,
  Custody1763760200000,
  Storage1763760300000,
  LabEvents1763760400000,
  ReleaseRequests1763760500000,
  UnitSearch1763760510000,
  AccessAudit1763760600000,
  PhysicalTruth1763760700000,
  SeparatedDuties1763760710000,
  Isbt1281763760800000,
  JobsAlarms1763760900000,
  ClinicalOutcomes1763761000000,
  EligibilityDetermination1763761100000,
  InspectorRecords1763761200000,
  QualityRecords1763761300000,
  SuppliesLookback1763761400000,
  Imports1763761500000,
  DecidedOnce1763761600000,
  AuditEngine1763761700000,
  QualityDeadlines1763761800000,
  ImportSpeed1763761900000,
  StorageHistoryContiguous1763762000000,
  AuditOneDiff1763762100000,
  DonorAuditSet1763762200000,
  PlacementAuditSet1763762250000,
  SearchSyncSet1763762500000,
  SweepNowKey1763762600000,
  HlaKeyInline1763762700000,
  LookbackAuditAction1763762800000,
  StorageCountsSet1763762900000,
  AuditUnitUpdateDiff1763763000000,
  StorageHistorySet1763763100000,
  ChainHeadsFillfactor1763763200000,
];
