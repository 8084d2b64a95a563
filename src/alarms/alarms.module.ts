import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { AlarmsController, AnchorsController, NotificationsController, WebhooksController } from './alarms.controller';
import { AlarmsService } from './alarms.service';
import { AnchorsService } from './anchors.service';
import { NotificationsService } from './notifications.service';

/** Alarms, their notifications (e-mail, webhooks) and the daily audit anchors, on the job queue (DESIGN.md section 10). */
@Module({
  imports: [JobsModule],
  controllers: [AlarmsController, NotificationsController, WebhooksController, AnchorsController],
  providers: [AlarmsService, NotificationsService, AnchorsService],
})
export class AlarmsModule {}
