import { Module } from '@nestjs/common';
import { WebhookAllowlistController } from './webhook-allowlist.controller';
import { WebhookAllowlistService } from './webhook-allowlist.service';

@Module({
  controllers: [WebhookAllowlistController],
  providers: [WebhookAllowlistService],
  exports: [WebhookAllowlistService],
})
export class WebhookAllowlistModule {}
