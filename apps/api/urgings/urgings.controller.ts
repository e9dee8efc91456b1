import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { AnswerDto, UrgeDto, UrgingsQuery } from './urgings.dto';
import { UrgingsService } from './urgings.service';

/** 催办 (bureau → department, on an overdue obligation) and 反馈 (the department's answer). */
@ApiTags('urgings')
@ApiBearerAuth()
@Controller()
export class UrgingsController {
  constructor(private readonly urgings: UrgingsService) {}

  @Post('projects/:id/obligations/:key/urgings')
  @Roles('operator', 'admin')
  @HttpCode(201)
  urge(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('key') key: string,
    @Body() body: UrgeDto,
  ) {
    return this.urgings.urge(user, id, key, body);
  }

  // Not @Roles: a bureau account trying to answer is refused by the service, and the attempt audited.
  @Post('urgings/:id/answers')
  @HttpCode(201)
  answer(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: AnswerDto) {
    return this.urgings.answer(user, id, body);
  }

  @Get('oversight/urgings')
  list(@CurrentUser() user: Principal, @Query() query: UrgingsQuery) {
    return this.urgings.list(user, query);
  }
}
