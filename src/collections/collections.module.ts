import { Module } from '@nestjs/common';
import { DonorsModule } from '../donors/donors.module';
import { SuppliesModule } from '../supplies/supplies.module';
import { UnitsModule } from '../units/units.module';
import { CollectionsController } from './collections.controller';
import { CollectionsService } from './collections.service';

@Module({
  imports: [UnitsModule, DonorsModule, SuppliesModule],
  controllers: [CollectionsController],
  providers: [CollectionsService],
})
export class CollectionsModule {}
