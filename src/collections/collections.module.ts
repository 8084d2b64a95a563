import { Module, OnModuleInit } from '@nestjs/common';
import { DonorsModule } from '../donors/donors.module';
import { SuppliesModule } from '../supplies/supplies.module';
import { UnitExtensions } from '../units/unit-extensions';
import { UnitsModule } from '../units/units.module';
import { CollectionsController } from './collections.controller';
import { CollectionsService } from './collections.service';

@Module({
  imports: [UnitsModule, DonorsModule, SuppliesModule],
  controllers: [CollectionsController],
  providers: [CollectionsService],
})
export class CollectionsModule implements OnModuleInit {
  constructor(
    private readonly extensions: UnitExtensions,
    private readonly collections: CollectionsService,
  ) {}

  onModuleInit(): void {
    // a unit correction that names collection fields is written here, by the collection's owner
    this.extensions.register({ name: 'collections', correct: (tx, din, set) => this.collections.correct(tx, din, set) });
  }
}
