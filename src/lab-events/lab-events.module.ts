import { Module } from '@nestjs/common';
import { DonorsModule } from '../donors/donors.module';
import { StorageModule } from '../storage/storage.module';
import { UnitsModule } from '../units/units.module';
import { LabEventsController } from './lab-events.controller';
import { LabEventsService } from './lab-events.service';

/**
 * Lab integrations' events: received with an API key, stored raw, applied through the units,
 * donors and storage services (never by writing their tables here).
 */
@Module({
  imports: [UnitsModule, DonorsModule, StorageModule],
  controllers: [LabEventsController],
  providers: [LabEventsService],
})
export class LabEventsModule {}
