import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { DecideCorrectionDto, ListCorrectionsQuery, RequestCorrectionDto } from './corrections.dto';
import { CorrectionsService } from './corrections.service';

/** Correcting a fact recorded wrong: a department asks, the bureau decides, an administrator may correct at once. */
@ApiTags('corrections')
@ApiBearerAuth()
@Controller()
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  @Post('projects/:id/facts/:factIndex/corrections')
  @HttpCode(201)
  request(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('factIndex', new ParseIntPipe()) factIndex: number,
    @Body() body: RequestCorrectionDto,
  ) {
    return this.corrections.request(user, id, factIndex, body);
  }

  @Post('projects/:id/facts/:factIndex/correct')
  @HttpCode(200)
  @Roles('admin')
  correct(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('factIndex', new ParseIntPipe()) factIndex: number,
    @Body() body: RequestCorrectionDto,
  ) {
    return this.corrections.request(user, id, factIndex, body);
  }

  @Get('corrections')
  list(@CurrentUser() user: Principal, @Query() query: ListCorrectionsQuery) {
    return this.corrections.list(user, query);
  }

  // Not @Roles: a department trying to decide is refused by the service, and the attempt audited.
  @Post('corrections/:id/approve')
  @HttpCode(200)
  approve(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecideCorrectionDto,
  ) {
    return this.corrections.decide(user, id, 'approve', body.reason);
  }

  @Post('corrections/:id/refuse')
  @HttpCode(200)
  refuse(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecideCorrectionDto,
  ) {
    return this.corrections.decide(user, id, 'refuse', body.reason);
  }
}
