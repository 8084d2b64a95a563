import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { LookbacksController } from './lookbacks.controller';
import { LookbacksService } from './lookbacks.service';

@Module({
  imports: [UnitsModule],
  controllers: [LookbacksController],
  providers: [LookbacksService],
})
export class LookbacksModule {}
