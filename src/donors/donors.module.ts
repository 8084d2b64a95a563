import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { DeterminationsController } from './determinations.controller';
import { DeterminationsService } from './determinations.service';
import { DonorsController } from './donors.controller';
import { DonorsService } from './donors.service';

@Module({
  imports: [UnitsModule, AuditModule],
  controllers: [DonorsController, DeterminationsController],
  providers: [DonorsService, DeterminationsService],
  exports: [DonorsService],
})
export class DonorsModule {}
