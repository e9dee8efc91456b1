import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal } from '../common/principal';
import { DueSoonQuery, OverdueHistoryQuery } from './oversight-views.dto';
import { OversightViewsService } from './oversight-views.service';
import { OverdueQuery } from './oversight.dto';
import { OversightService } from './oversight.service';

/** The console's oversight views: the overdue trend, the due-soon list and both lists' exports. */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller('oversight')
export class OversightViewsController {
  constructor(
    private readonly views: OversightViewsService,
    private readonly oversight: OversightService,
  ) {}

  @Get('overdue-history')
  history(@CurrentUser() user: Principal, @Query() query: OverdueHistoryQuery) {
    return this.views.overdueHistory(user, query);
  }

  @Get('due-soon')
  dueSoon(@CurrentUser() user: Principal, @Query() query: DueSoonQuery) {
    return this.views.dueSoon(user, query);
  }

  @Get('due-soon/export.xlsx')
  async dueSoonXlsx(
    @CurrentUser() user: Principal,
    @Query() query: DueSoonQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const report = await this.views.dueSoon(user, query, true);
    res.setHeader('X-Total-Count', String(report.total));
    return new StreamableFile(await this.views.dueSoonXlsx(report.items), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="due-soon-${report.asOf}.xlsx"`,
    });
  }

  @Get('due-soon/export.csv')
  async dueSoonCsv(
    @CurrentUser() user: Principal,
    @Query() query: DueSoonQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const report = await this.views.dueSoon(user, query, true);
    res.setHeader('X-Total-Count', String(report.total));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="due-soon-${report.asOf}.csv"`);
    return this.views.dueSoonCsv(report.items);
  }

  @Get('overdue/export.xlsx')
  async exportXlsx(
    @CurrentUser() user: Principal,
    @Query() query: OverdueQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const report = await this.oversight.overdue(user, query, true);
    res.setHeader('X-Total-Count', String(report.total));
    return new StreamableFile(await this.views.overdueXlsx(report.items), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="overdue-${report.asOf}.xlsx"`,
    });
  }

  @Get('overdue/export.csv')
  async exportCsv(
    @CurrentUser() user: Principal,
    @Query() query: OverdueQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const report = await this.oversight.overdue(user, query, true);
    res.setHeader('X-Total-Count', String(report.total));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="overdue-${report.asOf}.csv"`);
    return this.oversight.overdueCsv(report.items);
  }
}
