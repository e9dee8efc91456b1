import { Module } from '@nestjs/common';
import { WebhookAllowlistModule } from '../webhook-allowlist/webhook-allowlist.module';
import { ChannelsService } from './channels.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [WebhookAllowlistModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, ChannelsService],
})
export class NotificationsModule {}
