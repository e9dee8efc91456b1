import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal } from '../common/principal';
import { wantsCsv } from '../common/csv';
import { OverdueQuery, SummaryQuery } from './oversight.dto';
import { OversightService } from './oversight.service';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller('oversight')
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('overdue')
  @ApiProduces('application/json', 'text/csv')
  async overdue(
    @CurrentUser() user: Principal,
    @Query() query: OverdueQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const csv = wantsCsv(accept);
    const report = await this.oversight.overdue(user, query, csv);
    if (!csv) return report;
    res.type('text/csv; charset=utf-8');
    res.setHeader('X-Total-Count', String(report.total));
    res.setHeader('Content-Disposition', `attachment; filename="overdue-${report.asOf}.csv"`);
    return this.oversight.overdueCsv(report.items);
  }

  @Get('summary')
  @ApiProduces('application/json', 'text/csv')
  async summary(
    @CurrentUser() user: Principal,
    @Query() query: SummaryQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.oversight.summary(user, query);
    if (!wantsCsv(accept)) return report;
    res.type('text/csv; charset=utf-8');
    return this.oversight.summaryCsv(report.items);
  }
}
