import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal, Public } from '../common/principal';
import { CreateFeedDto } from './feeds.dto';
import { FeedsService } from './feeds.service';

@ApiTags('calendar')
@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @ApiBearerAuth()
  @Get('projects/:id/calendar.ics')
  async project(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ics = await this.feeds.project(user, id);
    res.type('text/calendar; charset=utf-8');
    return ics;
  }

  @ApiBearerAuth()
  @Post('calendar/feeds')
  create(@CurrentUser() user: Principal, @Body() body: CreateFeedDto) {
    return this.feeds.create(user, body);
  }

  @ApiBearerAuth()
  @Delete('calendar/feeds/:token')
  @HttpCode(204)
  revoke(@CurrentUser() user: Principal, @Param('token') token: string) {
    return this.feeds.revoke(user, token);
  }

  @Public()
  @Get('feeds/:token/calendar.ics')
  async feed(@Param('token') token: string, @Res({ passthrough: true }) res: Response) {
    const ics = await this.feeds.feed(token);
    res.type('text/calendar; charset=utf-8');
    return ics;
  }
}
