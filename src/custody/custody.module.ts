import { Module } from '@nestjs/common';
import { CustodyChainService } from './custody-chain.service';
import { CustodyController } from './custody.controller';
import { CustodyService } from './custody.service';

@Module({
  controllers: [CustodyController],
  providers: [CustodyService, CustodyChainService],
  exports: [CustodyService],
})
export class CustodyModule {}
