import { BadRequestException, Injectable } from '@nestjs/common';
import { addDays, daysBetween, findPolicy, isIsoDate, shanghaiDateOf, STATUS_LABELS } from '../../../domain';
import { DepartmentScope } from '../common/department-scope';
import type { Principal } from '../common/principal';
import { toCsv } from '../common/csv';
import type { OverdueQuery, SummaryQuery } from './oversight.dto';
import { decodeCursor, encodeCursor } from './overdue-cursor';
import { OversightFilter, OversightRepository } from './oversight.repository';

/** The most rows one CSV export holds; the header X-Total-Count tells when there were more. */
export const CSV_MAX_ROWS = 10_000;

export interface OverdueItem {
  projectId: string;
  projectName: string;
  departmentId: string;
  policyId: string;
  regulation: string;
  obligation: string;
  title: string;
  dueOn: string;
  daysOverdue: number;
  article: string;
}

@Injectable()
export class OversightService {
  constructor(
    private readonly repository: OversightRepository,
    private readonly scope: DepartmentScope,
  ) {}

  /**
   * The overdue obligations the caller may see that match every filter, oldest first: one page,
   * or (`all`, for CSV) up to CSV_MAX_ROWS.
   */
  async overdue(principal: Principal, query: OverdueQuery, all = false) {
    if (query.dueBefore !== undefined && !isIsoDate(query.dueBefore)) {
      throw new BadRequestException(
        `「dueBefore」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：${query.dueBefore}`,
      );
    }
    const today = shanghaiDateOf(Date.now());
    const filter: OversightFilter = {
      ...(await this.filterOf(principal, query)),
      ...(query.minDaysOverdue !== undefined ? { dueOnOrBefore: addDays(today, -query.minDaysOverdue) } : {}),
      ...(query.dueBefore ? { dueBefore: query.dueBefore } : {}),
      ...(query.q ? { nameContains: query.q } : {}),
    };
    if (query.cursor !== undefined && query.page !== undefined) {
      throw new BadRequestException('「cursor」与「page」只能给一个（cursor and page cannot be combined）');
    }
    const after = query.cursor !== undefined && !all ? decodeCursor(query.cursor) : null;
    const page = all ? 1 : after ? null : (query.page ?? 1);
    const pageSize = all ? CSV_MAX_ROWS : (query.pageSize ?? 50);
    // One row more than the page says whether there is a next one.
    const [rows, total] = await Promise.all([
      this.repository.overdue(filter, pageSize + 1, after, page ? (page - 1) * pageSize : 0),
      this.repository.countOverdue(filter),
    ]);
    const last = rows.length > pageSize ? rows[pageSize - 1] : undefined;
    const items = rows.slice(0, pageSize).map((r) => ({
      projectId: r.project_id,
      projectName: r.name,
      departmentId: r.department_id,
      policyId: r.policy_id,
      regulation: findPolicy(r.policy_id)?.name ?? r.policy_id,
      obligation: r.key,
      title: r.title,
      dueOn: r.due_on,
      daysOverdue: daysBetween(r.due_on, today),
      article: r.basis,
    }));
    const nextCursor = last
      ? encodeCursor({
          dueOn: last.due_on,
          projectName: last.name,
          projectId: last.project_id,
          key: last.key,
        })
      : null;
    return { asOf: today, page, pageSize, total, nextCursor, items };
  }

  private async filterOf(principal: Principal, query: SummaryQuery): Promise<OversightFilter> {
    return {
      departmentId: await this.scope.filter(principal, query.department),
      ...(query.regulation ? { policyId: query.regulation } : {}),
    };
  }

  overdueCsv(items: OverdueItem[]): string {
    return toCsv(
      [
        { key: 'departmentId', label: '部门' },
        { key: 'projectName', label: '项目' },
        { key: 'regulation', label: '办法' },
        { key: 'title', label: '事项' },
        { key: 'dueOn', label: '期限' },
        { key: 'daysOverdue', label: '逾期天数' },
        { key: 'article', label: '依据' },
        { key: 'projectId', label: '项目编号' },
      ],
      items as unknown as Record<string, unknown>[],
    );
  }

  /** Obligation counts per department and status. */
  async summary(principal: Principal, query: SummaryQuery) {
    const rows = await this.repository.summary(await this.filterOf(principal, query));
    const items = rows.map((r) => ({
      departmentId: r.department_id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status,
      count: Number(r.count),
    }));
    return { items };
  }

  summaryCsv(items: { departmentId: string; statusLabel: string; count: number }[]): string {
    return toCsv(
      [
        { key: 'departmentId', label: '部门' },
        { key: 'statusLabel', label: '状态' },
        { key: 'count', label: '数量' },
      ],
      items,
    );
  }
}
