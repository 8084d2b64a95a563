import { Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** The PostgreSQL-backed job queue shared by every instance (graphile-worker). */
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
