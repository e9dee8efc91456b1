import { Inject, Injectable } from '@nestjs/common';
import {
  addDays,
  citationOf,
  daysBetween,
  findPolicy,
  isIsoDate,
  POLICIES,
  shanghaiDateOf,
  STATUS_LABELS,
  WorkingCalendar,
} from '../../../domain';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { DepartmentScope } from '../common/department-scope';
import type { Principal } from '../common/principal';
import { toCsv } from '../common/csv';
import type { OverdueQuery, SummaryQuery } from './oversight.dto';
import { decodeCursor, encodeCursor } from './overdue-cursor';
import {
  OversightFilter,
  OversightRepository,
  type OverdueRow,
  type SummaryRow,
} from './oversight.repository';
import { localized } from '../common/localized.exception';

/** The most rows one CSV export holds; the header X-Total-Count tells when there were more. */
export const CSV_MAX_ROWS = 10_000;

export interface OverdueItem {
  projectId: string;
  projectName: string;
  departmentId: string;
  departmentName: string;
  policyId: string;
  regulation: string;
  /** Where the regulation applies (山东省): what a narrow column shows, the full name beside it. */
  jurisdiction: string;
  obligation: string;
  title: string;
  dueOn: string;
  daysOverdue: number;
  article: string;
  /** The article as a person reads it: 《山东省政务信息系统项目管理办法》第十三条. */
  articleText: string;
}

/** An obligation row as the oversight lists answer it, department and regulation by name. */
export function obligationItem(r: OverdueRow, names: Map<string, string>) {
  const pack = findPolicy(r.policy_id);
  return {
    projectId: r.project_id,
    projectName: r.name,
    departmentId: r.department_id,
    departmentName: names.get(r.department_id) ?? r.department_id,
    policyId: r.policy_id,
    regulation: pack?.name ?? r.policy_id,
    jurisdiction: pack?.jurisdiction ?? r.policy_id,
    obligation: r.key,
    title: r.title,
    dueOn: r.due_on,
    article: r.basis,
    articleText: citationOf(r.basis),
  };
}

@Injectable()
export class OversightService {
  constructor(
    private readonly repository: OversightRepository,
    private readonly scope: DepartmentScope,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * The overdue obligations the caller may see that match every filter, oldest first: one page,
   * or (`all`, for CSV) up to CSV_MAX_ROWS.
   */
  async overdue(principal: Principal, query: OverdueQuery, all = false) {
    if (query.dueBefore !== undefined && !isIsoDate(query.dueBefore)) {
      throw localized(
        400,
        `「dueBefore」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：${query.dueBefore}`,
        `dueBefore is not a real date written YYYY-MM-DD: ${query.dueBefore}`,
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
      throw localized(
        400,
        '「cursor」与「page」只能给一个，请去掉其一',
        'cursor and page cannot be combined; send one',
      );
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
    const names = await this.scope.names(rows.map((r) => r.department_id));
    const receipts = all ? new Map() : await this.repository.receipts(rows.slice(0, pageSize));
    const items = rows.slice(0, pageSize).map((r) => ({
      ...obligationItem(r, names),
      daysOverdue: daysBetween(r.due_on, today),
      // Read receipts: whether the department has opened the notices it was sent about this obligation.
      notices: receipts.get(`${r.project_id}|${r.key}`) ?? NO_NOTICES,
      read: (receipts.get(`${r.project_id}|${r.key}`)?.read ?? 0) > 0,
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
        { key: 'departmentName', label: '部门' },
        { key: 'projectName', label: '项目' },
        { key: 'regulation', label: '办法' },
        { key: 'title', label: '事项' },
        { key: 'dueOn', label: '期限' },
        { key: 'daysOverdue', label: '逾期天数' },
        { key: 'articleText', label: '依据' },
        { key: 'projectId', label: '项目编号' },
        { key: 'departmentId', label: '部门编号' },
      ],
      items as unknown as Record<string, unknown>[],
    );
  }

  /**
   * Per department, obligation counts by status and the 红黄绿灯 lights: red the overdue, yellow the
   * open ones due within `yellowDays` working days (today's date counted as day 0), green the other open
   * ones. Statuses come from obligation_counts; yellow is one index range count per department.
   */
  async summary(principal: Principal, query: SummaryQuery) {
    const filter = await this.filterOf(principal, query);
    const today = shanghaiDateOf(Date.now());
    const yellowDays = query.yellowDays ?? this.config.yellowWorkingDays ?? DEFAULT_YELLOW_DAYS;
    const calendar = WorkingCalendar.standard(await this.repository.notices());
    const yellowUntil = calendar.addWorkingDays(today, yellowDays);
    const [rows, soon] = await Promise.all([
      this.repository.summary(filter),
      this.repository.dueSoon(filter, yellowUntil),
    ]);
    const names = await this.scope.names([...rows, ...soon].map((r) => r.department_id));
    const nameOf = (id: string) => names.get(id) ?? id;
    // Rows come per department, status and regulation (in that order); `items` keeps department × status.
    const counts = new Map<string, SummaryRow & { total: number }>();
    const departmentLights = new Map<string, Lights>();
    const policyLights = new Map<string, Lights>();
    for (const r of rows) {
      const n = Number(r.count);
      const key = `${r.department_id}\u0000${r.status}`;
      counts.set(key, { ...r, total: (counts.get(key)?.total ?? 0) + n });
      for (const l of [lightsOf(departmentLights, r.department_id), lightsOf(policyLights, r.policy_id)]) {
        if (r.status === 'overdue') l.red += n;
        if (r.status === 'open') l.open += n;
      }
    }
    for (const r of soon) {
      lightsOf(departmentLights, r.department_id).yellow += Number(r.count);
      lightsOf(policyLights, r.policy_id).yellow += Number(r.count);
    }
    const items = [...counts.values()].map((r) => ({
      departmentId: r.department_id,
      departmentName: nameOf(r.department_id),
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status,
      count: r.total,
    }));
    const departments = [...departmentLights.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, l]) => ({ departmentId: id, departmentName: nameOf(id), ...colours(l) }));
    // Every regulation in the filter's reach, with zeros where none applies: the dashboard's one answer.
    const regulations = POLICIES.filter((p) => !filter.policyId || p.id === filter.policyId).map((p) => ({
      policyId: p.id,
      jurisdiction: p.jurisdiction,
      regulation: p.name,
      ...colours(policyLights.get(p.id) ?? { red: 0, yellow: 0, open: 0 }),
    }));
    return { asOf: today, yellowDays, yellowUntil, departments, regulations, items };
  }

  summaryCsv(
    items: { departmentId: string; departmentName: string; statusLabel: string; count: number }[],
  ): string {
    return toCsv(
      [
        { key: 'departmentName', label: '部门' },
        { key: 'statusLabel', label: '状态' },
        { key: 'count', label: '数量' },
        { key: 'departmentId', label: '部门编号' },
      ],
      items,
    );
  }
}

interface Lights {
  red: number;
  yellow: number;
  open: number;
}
const lightsOf = (map: Map<string, Lights>, id: string): Lights =>
  map.get(id) ?? map.set(id, { red: 0, yellow: 0, open: 0 }).get(id)!;
// The counts and the index are written in one transaction, so yellow never exceeds open.
const colours = (l: Lights) => ({ red: l.red, yellow: l.yellow, green: Math.max(0, l.open - l.yellow) });

const NO_NOTICES = { notices: 0, read: 0, firstReadAt: null, lastReadAt: null };

/** Yellow: due within this many working days, unless YELLOW_WORKING_DAYS or ?yellowDays says otherwise. */
export const DEFAULT_YELLOW_DAYS = 5;
