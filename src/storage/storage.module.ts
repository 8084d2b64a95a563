import { Module, OnModuleInit } from '@nestjs/common';
import type { Db, Tx } from '../database/db.service';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { ExcursionsService } from './excursions.service';
import { FreezerReviewsService } from './freezer-reviews.service';
import { FreezersService } from './freezers.service';
import { PlacementService } from './placement.service';
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
    private readonly placement: PlacementService,
    private readonly excursions: ExcursionsService,
  ) {}

  onModuleInit(): void {
    this.extensions.register({
      name: 'storage',
      view: (db, dins) => this.unitFields(db, dins),
      releaseBlockers: (tx, din) => this.excursions.releaseBlockers(tx, din),
      releaseBlockersMany: (tx, dins) => this.excursions.releaseBlockersMany(tx, dins),
      listFilters: { freezerId: (param) => `position_id IN (SELECT id FROM storage_positions WHERE freezer_id = ${param})` },
    });
  }

  /** Adds `position` and `excursions` to `GET /units/:din` (UnitExtension.view), read concurrently. */
  private async unitFields(db: Db | Tx, dins: string[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (dins.length === 0) return out;
    const [positions, excursions] = await Promise.all([this.placement.unitPositions(db, dins), this.excursions.unitExcursionDetails(db, dins)]);
    for (const [din, position] of positions) out.set(din, { position });
    for (const [din, list] of excursions) out.set(din, { ...(out.get(din) ?? {}), excursions: list });
    return out;
  }
}
