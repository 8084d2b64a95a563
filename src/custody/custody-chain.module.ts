import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { CustodyChainService } from './custody-chain.service';
import { CustodyController } from './custody.controller';

/**
 * `GET/POST /units/:din/custody`: reading a unit's chain and recording a manual handover. Above the
 * units module (it locks the unit and hands it over through UnitsService); the events themselves are
 * CustodyModule's, below it.
 */
@Module({
  imports: [UnitsModule],
  controllers: [CustodyController],
  providers: [CustodyChainService],
})
export class CustodyChainModule {}
