import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CalendarYearEntity } from '../../../db/entities';
import type { YearNotice } from '../../../domain';
import { containsPattern } from '../common/like-pattern';
import type { OverdueKey } from './overdue-cursor';

export interface OverdueRow {
  project_id: string;
  name: string;
  department_id: string;
  policy_id: string;
  key: string;
  title: string;
  due_on: string;
  basis: string;
}

export interface SummaryRow {
  department_id: string;
  policy_id: string;
  status: string;
  count: string;
}

/** What narrows an oversight query; null or absent means no narrowing. */
export interface OversightFilter {
  departmentId: string | null;
  policyId?: string;
  /** Due on or before this day (the days-overdue threshold turned into a date). */
  dueOnOrBefore?: string;
  dueBefore?: string;
  nameContains?: string;
}

/** The WHERE conditions of a filter on the obligations' own (copied) columns, numbered from `$1`. */
function conditions(filter: OversightFilter, after: OverdueKey | null = null) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.departmentId !== null) add((n) => `o.department_id = ${n}`, filter.departmentId);
  if (filter.policyId) add((n) => `o.policy_id = ${n}`, filter.policyId);
  if (filter.dueOnOrBefore) add((n) => `o.due_on <= ${n}::date`, filter.dueOnOrBefore);
  if (filter.dueBefore) add((n) => `o.due_on < ${n}::date`, filter.dueBefore);
  if (filter.nameContains)
    add((n) => `o.project_name ILIKE ${n} ESCAPE '\\'`, containsPattern(filter.nameContains));
  if (after) {
    params.push(after.dueOn, after.projectName, after.projectId, after.key);
    const n = params.length;
    // One row comparison, so the index range starts right after the cursor instead of being filtered.
    where.push(
      `(o.due_on, o.project_name, o.project_id, o.key) > ($${n - 3}::date, $${n - 2}, $${n - 1}, $${n})`,
    );
  }
  return { sql: where.map((w) => `AND ${w}`).join(' '), params };
}

/**
 * The oversight queries. The overdue ones read only the partial indexes of the 1763856630000
 * migration (status = 'overdue', in list order); the summary reads obligation_counts.
 */
@Injectable()
export class OversightRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overdue obligations after `after` (or skipping `offset`), oldest first. */
  overdue(
    filter: OversightFilter,
    limit: number,
    after: OverdueKey | null,
    offset = 0,
  ): Promise<OverdueRow[]> {
    const { sql, params } = conditions(filter, after);
    return this.dataSource.query(
      `SELECT o.project_id, o.project_name AS name, o.department_id, o.policy_id, o.key, o.title,
              o.due_on::text AS due_on, o.basis
         FROM obligations o
        WHERE o.status = 'overdue' ${sql}
        ORDER BY o.due_on, o.project_name, o.project_id, o.key
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  }

  /**
   * How many overdue obligations match. Department and regulation alone are answered from the counts;
   * a date or name filter counts the (narrow, overdue-only) index.
   */
  async countOverdue(filter: OversightFilter): Promise<number> {
    if (!filter.dueOnOrBefore && !filter.dueBefore && !filter.nameContains) {
      const rows = await this.summary(filter, 'overdue');
      return rows.reduce((total, r) => total + Number(r.count), 0);
    }
    const { sql, params } = conditions(filter);
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM obligations o WHERE o.status = 'overdue' ${sql}`,
      params,
    );
    return Number(row?.count ?? 0);
  }

  /** Obligation counts per department, regulation and status, from the counts the projection keeps. */
  summary(filter: OversightFilter, status?: string): Promise<SummaryRow[]> {
    const where: string[] = ['c.count > 0'];
    const params: unknown[] = [];
    if (filter.departmentId !== null) where.push(`c.department_id = $${params.push(filter.departmentId)}`);
    if (filter.policyId) where.push(`c.policy_id = $${params.push(filter.policyId)}`);
    if (status) where.push(`c.status = $${params.push(status)}`);
    return this.dataSource.query(
      `SELECT c.department_id, c.policy_id, c.status, sum(c.count) AS count
         FROM obligation_counts c
        WHERE ${where.join(' AND ')}
        GROUP BY c.department_id, c.policy_id, c.status
        ORDER BY c.department_id, c.status, c.policy_id`,
      params,
    );
  }

  /**
   * Open obligations due on or before `until`, per department and regulation: a range of the partial index
   * obligations_open_department_due (migration 1763856800000), one count per department.
   */
  dueSoon(
    filter: OversightFilter,
    until: string,
  ): Promise<{ department_id: string; policy_id: string; count: string }[]> {
    const params: unknown[] = [until];
    const where = [`o.status = 'open'`, 'o.due_on <= $1::date'];
    if (filter.departmentId !== null) where.push(`o.department_id = $${params.push(filter.departmentId)}`);
    if (filter.policyId) where.push(`o.policy_id = $${params.push(filter.policyId)}`);
    return this.dataSource.query(
      `SELECT o.department_id, o.policy_id, count(*) AS count FROM obligations o
        WHERE ${where.join(' AND ')} GROUP BY o.department_id, o.policy_id`,
      params,
    );
  }

  /**
   * Per overdue obligation of a page: how many notices its department was sent about it (overdue
   * notices, escalations, urgings), how many of them someone of the department opened, and when first.
   */
  async receipts(
    rows: readonly { project_id: string; key: string }[],
  ): Promise<
    Map<string, { notices: number; read: number; firstReadAt: Date | null; lastReadAt: Date | null }>
  > {
    if (rows.length === 0) return new Map();
    const found: {
      project_id: string;
      obligation_key: string;
      notices: string;
      read: string;
      first_read_at: Date | null;
      last_read_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT n.project_id, n.obligation_key, count(*) AS notices, count(d.first) AS read,
              min(d.first) AS first_read_at, max(d.first) AS last_read_at
         FROM notifications n
         LEFT JOIN LATERAL (
           SELECT min(r.read_at) AS first FROM inbox_reads r JOIN users u ON u.id = r.user_id
            WHERE r.notification_id = n.id AND u.department_id = n.department_id
         ) d ON true
        WHERE (n.project_id, n.obligation_key) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))
          AND n.kind IN ('overdue-notice', 'escalation', 'escalation-head', 'escalation-leadership', 'urging')
        GROUP BY n.project_id, n.obligation_key`,
      [rows.map((r) => r.project_id), rows.map((r) => r.key)],
    );
    return new Map(
      found.map((f) => [
        `${f.project_id}|${f.obligation_key}`,
        {
          notices: Number(f.notices),
          read: Number(f.read),
          firstReadAt: f.first_read_at,
          lastReadAt: f.last_read_at,
        },
      ]),
    );
  }

  /** The holiday notices loaded into the database, so "N working days" honours an uploaded year. */
  async notices(): Promise<YearNotice[]> {
    const rows = await this.dataSource.getRepository(CalendarYearEntity).find({ order: { year: 'ASC' } });
    return rows.map((r) => ({ ...r.notice, source: r.source }));
  }
}
