import { Module } from '@nestjs/common';
import { CustodyService } from './custody.service';

/**
 * The custody events (the chain's rows), below the units module: UnitsService.handOver writes them
 * with the unit's custodian. The chain over HTTP is CustodyChainModule.
 */
@Module({
  providers: [CustodyService],
  exports: [CustodyService],
})
export class CustodyModule {}
