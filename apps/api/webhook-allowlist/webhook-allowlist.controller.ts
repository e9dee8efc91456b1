import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { WebhookAllowlistDto } from './webhook-allowlist.dto';
import { WebhookAllowlistService } from './webhook-allowlist.service';

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/webhook-allowlist')
export class WebhookAllowlistController {
  constructor(private readonly allowlist: WebhookAllowlistService) {}

  @Get()
  list() {
    return this.allowlist.list();
  }

  @Put()
  replace(@CurrentUser() user: Principal, @Body() body: WebhookAllowlistDto) {
    return this.allowlist.replace(user, body.entries);
  }
}
