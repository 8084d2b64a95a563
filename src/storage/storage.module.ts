import { Module, OnModuleInit } from '@nestjs/common';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { StorageController, UnitStorageController } from './storage.controller';
import { StorageService } from './storage.service';
import { FreezerReviewsService } from './freezer-reviews.service';
import './storage.errors';

/**
 * Cryostorage: freezers, positions, storing/moving/retrieving units, temperatures and excursions.
 * Extends the unit (position, excursions, release blockers) through UnitExtensions, so the units
 * module never imports this one. Exports StorageService for release requests (retrieveInTx) and
 * lab events (recordTemperature).
 */
@Module({
  imports: [UnitsModule],
  controllers: [StorageController, UnitStorageController],
  providers: [StorageService, FreezerReviewsService],
  exports: [StorageService],
})
export class StorageModule implements OnModuleInit {
  constructor(
    private readonly extensions: UnitExtensions,
    private readonly storage: StorageService,
  ) {}

  onModuleInit(): void {
    this.extensions.register({
      name: 'storage',
      view: (db, dins) => this.storage.unitFields(db, dins),
      releaseBlockers: (tx, din) => this.storage.releaseBlockers(tx, din),
    });
  }
}
