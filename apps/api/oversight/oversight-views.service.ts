import { Inject, Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { addDays, daysBetween, shanghaiDateOf, WorkingCalendar } from '../../../domain';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { DepartmentScope } from '../common/department-scope';
import type { Principal } from '../common/principal';
import type { DueSoonQuery, OverdueHistoryQuery } from './oversight-views.dto';
import { OversightViewsRepository } from './oversight-views.repository';
import { toCsv } from '../common/csv';
import { CSV_MAX_ROWS, DEFAULT_YELLOW_DAYS, obligationItem, type OverdueItem } from './oversight.service';
import { OversightRepository } from './oversight.repository';

/** The columns of the overdue export, the same in .xlsx as in the CSV. */
export const OVERDUE_COLUMNS = [
  { key: 'departmentName', label: '部门', width: 28 },
  { key: 'projectName', label: '项目', width: 36 },
  { key: 'regulation', label: '办法', width: 12 },
  { key: 'title', label: '事项', width: 24 },
  { key: 'dueOn', label: '期限', width: 12 },
  { key: 'daysOverdue', label: '逾期天数', width: 10 },
  { key: 'articleText', label: '依据', width: 48 },
  { key: 'projectId', label: '项目编号', width: 38 },
  { key: 'departmentId', label: '部门编号', width: 14 },
];

/** The due-soon export: the overdue columns with the working days left in place of the days overdue. */
export const DUE_SOON_COLUMNS = OVERDUE_COLUMNS.map((c) =>
  c.key === 'daysOverdue' ? { key: 'daysLeft', label: '剩余天数', width: 10 } : c,
);

@Injectable()
export class OversightViewsService {
  constructor(
    private readonly repository: OversightViewsRepository,
    private readonly oversight: OversightRepository,
    private readonly scope: DepartmentScope,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Overdue obligations at the end of each of the last `days` days (today included), for the trend chart. */
  async overdueHistory(principal: Principal, query: OverdueHistoryQuery) {
    const departmentId = await this.scope.filter(principal, query.department);
    const days = query.days ?? 90;
    const to = shanghaiDateOf(Date.now());
    const from = addDays(to, -(days - 1));
    const rows = await this.repository.history(
      { departmentId, ...(query.regulation ? { policyId: query.regulation } : {}) },
      from,
      to,
    );
    return { from, to, days, points: rows.map((r) => ({ date: r.day, overdue: Number(r.count) })) };
  }

  /** Open obligations due within `yellowDays` working days (the yellow light), soonest first. */
  async dueSoon(principal: Principal, query: DueSoonQuery, all = false) {
    const departmentId = await this.scope.filter(principal, query.department);
    const today = shanghaiDateOf(Date.now());
    const yellowDays = query.yellowDays ?? this.config.yellowWorkingDays ?? DEFAULT_YELLOW_DAYS;
    const yellowUntil = WorkingCalendar.standard(await this.oversight.notices()).addWorkingDays(
      today,
      yellowDays,
    );
    const page = all ? 1 : (query.page ?? 1);
    const pageSize = all ? CSV_MAX_ROWS : (query.pageSize ?? 50);
    const rows = await this.repository.dueSoon(
      {
        departmentId,
        ...(query.regulation ? { policyId: query.regulation } : {}),
        ...(query.q ? { nameContains: query.q } : {}),
      },
      yellowUntil,
      pageSize,
      (page - 1) * pageSize,
    );
    const names = await this.scope.names(rows.map((r) => r.department_id));
    return {
      asOf: today,
      yellowDays,
      yellowUntil,
      page,
      pageSize,
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({ ...obligationItem(r, names), daysLeft: daysBetween(today, r.due_on) })),
    };
  }

  overdueXlsx(items: OverdueItem[]): Promise<Buffer> {
    return this.xlsx('逾期事项', OVERDUE_COLUMNS, items);
  }

  dueSoonXlsx(items: object[]): Promise<Buffer> {
    return this.xlsx('即将到期事项', DUE_SOON_COLUMNS, items);
  }

  dueSoonCsv(items: object[]): string {
    return toCsv(DUE_SOON_COLUMNS, items as Record<string, unknown>[]);
  }

  private async xlsx(sheet: string, columns: typeof OVERDUE_COLUMNS, items: object[]): Promise<Buffer> {
    const wb = new Workbook();
    const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.label, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    // Values, never formulas: nothing a project's name holds runs in Excel.
    ws.addRows(items);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
