import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../common/principal';
import { PlanFilingDto, PlanFilingsQuery } from './plan-filings.dto';
import { PlanFilingsService } from './plan-filings.service';

@ApiTags('plan-filings')
@ApiBearerAuth()
@Controller()
export class PlanFilingsController {
  constructor(private readonly filings: PlanFilingsService) {}

  @Post('plan-filings')
  file(@CurrentUser() user: Principal, @Body() body: PlanFilingDto) {
    return this.filings.file(user, body);
  }

  @Get('oversight/plan-filings')
  oversight(@CurrentUser() user: Principal, @Query() query: PlanFilingsQuery) {
    return this.filings.oversight(user, query);
  }

  @Get('plan-filings/schedules')
  schedules() {
    return this.filings.schedules();
  }
}
