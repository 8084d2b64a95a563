import { Module, OnModuleInit } from '@nestjs/common';
import { registerConstraintMessages } from '../common/database-errors';
import { StorageModule } from '../storage/storage.module';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { ReleaseRequestsController } from './release-requests.controller';
import { ReleaseRequestsService } from './release-requests.service';

registerConstraintMessages({
  cord_blood_units_reserved_for_key: 'The unit is already reserved for another request, or this request already holds a unit',
  release_requests_weight_valid: 'patient weight must be between 0.3 and 300 kg',
});

/**
 * Release requests from request to infusion. Uses the units core (lock, transition, release
 * criteria), custody (through the units module) and storage (retrieval for shipping); adds the
 * reservation to `GET /units/:din` through UnitExtensions, so neither of those imports this module.
 */
@Module({
  imports: [UnitsModule, StorageModule],
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
    this.extensions.register({ name: 'release-requests', view: (db, dins) => this.requests.unitReservations(db, dins) });
  }
}
