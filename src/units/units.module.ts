import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CustodyModule } from '../custody/custody.module';
import { SuppliesModule } from '../supplies/supplies.module';
import { UnitExtensions } from './unit-extensions';
import { UnitWorkflowService } from './unit-workflow.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [AuditModule, CustodyModule, SuppliesModule],
  controllers: [UnitsController],
  providers: [UnitsService, UnitExtensions, UnitWorkflowService],
  exports: [UnitsService, UnitExtensions, CustodyModule],
})
export class UnitsModule {}
