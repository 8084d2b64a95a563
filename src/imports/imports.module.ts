import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Bulk import of an existing inventory (issue 19): dry run, the import job, its progress. */
@Module({ imports: [JobsModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
