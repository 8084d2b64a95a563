import { Module, OnModuleInit } from '@nestjs/common';
import { DonorsModule } from '../donors/donors.module';
import { StorageModule } from '../storage/storage.module';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { ReleaseRequestsController } from './release-requests.controller';
import { ReleaseRequestsService, unitReservationPart } from './release-requests.service';

/**
 * Release requests from request to infusion. Uses the units core (lock, transition, release
 * criteria), custody (through the units module) and storage (retrieval for shipping); adds the
 * reservation to `GET /units/:din` through UnitExtensions, so neither of those imports this module.
 */
@Module({
  imports: [UnitsModule, StorageModule, DonorsModule],
  controllers: [ReleaseRequestsController],
  providers: [ReleaseRequestsService],
  exports: [ReleaseRequestsService],
})
export class ReleaseRequestsModule implements OnModuleInit {
  constructor(
    private readonly extensions: UnitExtensions,
    private readonly requests: ReleaseRequestsService,
  ) {}

  onModuleInit(): void {
    this.extensions.register({ name: 'release-requests', view: unitReservationPart });
  }
}
