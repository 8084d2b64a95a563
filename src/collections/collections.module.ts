import { Module } from '@nestjs/common';
import { SuppliesModule } from '../supplies/supplies.module';
import { UnitsModule } from '../units/units.module';
import { CollectionsController } from './collections.controller';
import { CollectionsService } from './collections.service';

@Module({
  imports: [UnitsModule, SuppliesModule],
  controllers: [CollectionsController],
  providers: [CollectionsService],
})
export class CollectionsModule {}
