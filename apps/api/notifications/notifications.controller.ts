import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { PageQuery } from '../common/page.query';
import { ChannelsDto } from './channels.dto';
import { ChannelsService } from './channels.service';
import { DeadLettersQuery } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly channelSettings: ChannelsService,
  ) {}

  @Get('inbox')
  inbox(@CurrentUser() user: Principal, @Query() query: PageQuery) {
    return this.notifications.inbox(user, query);
  }

  @Post('inbox/:id/read')
  @HttpCode(204)
  read(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.notifications.read(user, id);
  }

  /** Deliveries that failed past their attempts, newest first; `POST /notifications/:id/retry` requeues one. */
  @Get('notifications/dead-letters')
  @Roles('operator', 'admin')
  deadLetters(@CurrentUser() user: Principal, @Query() query: DeadLettersQuery) {
    return this.notifications.deadLetters(user, query);
  }

  @Get('notifications/:id')
  one(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.notifications.one(user, id);
  }

  @Post('notifications/:id/retry')
  @Roles('operator', 'admin')
  @HttpCode(200)
  retry(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.notifications.retry(user, id);
  }

  /** Robot URLs and every secret are write-only: answered masked, or as `…SecretSet`. */
  @Get('departments/:id/channels')
  channels(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.channelSettings.get(user, id);
  }

  @Put('departments/:id/channels')
  @Roles('department', 'admin')
  setChannels(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: ChannelsDto) {
    return this.channelSettings.set(user, id, body);
  }
}
