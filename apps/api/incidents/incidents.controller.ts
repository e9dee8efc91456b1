import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { IncidentsService } from './incidents.service';

/** Incidents as Camunda Operate shows them: steps that failed past their retries, and their retry. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('oversight/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Roles('operator', 'admin')
  list(@Query() query: PageQuery) {
    return this.incidents.list(query.page ?? 1, query.pageSize ?? 50);
  }

  @Post(':id/retry')
  @Roles('admin')
  @HttpCode(200)
  retry(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.incidents.retry(user, id);
  }
}
