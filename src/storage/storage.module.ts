import { Module, OnModuleInit } from '@nestjs/common';
import { UnitExtensions, viewPart } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { ExcursionsService, type UnitExcursionPart, unitExcursionBlockers, unitExcursionDetails, unitExcursionsPart } from './excursions.service';
import { FreezerReviewsService } from './freezer-reviews.service';
import { FreezersService } from './freezers.service';
import { PlacementService, unitPositionPart, unitPositionView } from './placement.service';
import type { PositionRow } from './storage.shared';
import { StorageController, UnitStorageController } from './storage.controller';
import { StorageWorkflowService } from './storage-workflow.service';

/**
 * Cryostorage, in three services along its three jobs: freezers and their layout (FreezersService),
 * where units are stored (PlacementService), temperatures and excursions (ExcursionsService); the
 * HTTP acts that change a unit or record a reading are StorageWorkflowService's, the periodic
 * temperature reviews FreezerReviewsService's. Extends the unit (position, excursions, release
 * blockers) through UnitExtensions, so the units module never imports this one. Exports
 * PlacementService for release requests (retrieval for shipping) and ExcursionsService for lab
 * events (freezer temperatures).
 */
@Module({
  imports: [UnitsModule],
  controllers: [StorageController, UnitStorageController],
  providers: [FreezersService, PlacementService, ExcursionsService, StorageWorkflowService, FreezerReviewsService],
  exports: [PlacementService, ExcursionsService],
})
export class StorageModule implements OnModuleInit {
  constructor(
    private readonly extensions: UnitExtensions,
    private readonly excursions: ExcursionsService,
  ) {}

  onModuleInit(): void {
    this.extensions.register({
      name: 'storage',
      view: viewPart<StoragePart>({
        sql: `json_build_object('position', ${unitPositionPart}, 'excursions', ${unitExcursionsPart})`,
        fields: (v, unit) => ({
          ...(v?.position ? { position: unitPositionView(v.position, unit.stored_at) } : {}),
          ...(v?.excursions?.length ? { excursions: unitExcursionDetails(v.excursions) } : {}),
        }),
        blockers: (v) => unitExcursionBlockers(v?.excursions ?? []),
      }),
      releaseBlockers: (tx, dins) => this.excursions.releaseBlockersMany(tx, dins),
      listFilters: { freezerId: (param) => `position_id IN (SELECT id FROM storage_positions WHERE freezer_id = ${param})` },
    });
  }
}

/** Storage's part of the unit view: the position, and the excursion links with their excursions. */
interface StoragePart {
  position: PositionRow | null;
  excursions: UnitExcursionPart[] | null;
}
