import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { containsPattern } from '../common/like-pattern';

export interface OverdueRow {
  project_id: string;
  name: string;
  department_id: string;
  policy_id: string;
  key: string;
  title: string;
  due_on: string;
  basis: string;
  total: string;
}

export interface SummaryRow {
  department_id: string;
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

/** The WHERE conditions of a filter, numbered from `$1`. */
function conditions(filter: OversightFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.departmentId !== null) add((n) => `p.department_id = ${n}`, filter.departmentId);
  if (filter.policyId) add((n) => `p.policy_id = ${n}`, filter.policyId);
  if (filter.dueOnOrBefore) add((n) => `o.due_on <= ${n}::date`, filter.dueOnOrBefore);
  if (filter.dueBefore) add((n) => `o.due_on < ${n}::date`, filter.dueBefore);
  if (filter.nameContains) add((n) => `p.name ILIKE ${n} ESCAPE '\\'`, containsPattern(filter.nameContains));
  return { sql: where.map((w) => `AND ${w}`).join(' '), params };
}

/** The oversight queries over obligations joined to their projects. */
@Injectable()
export class OversightRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overdue obligations, oldest first, each row carrying the total across pages. */
  overdue(filter: OversightFilter, limit: number, offset: number): Promise<OverdueRow[]> {
    const { sql, params } = conditions(filter);
    return this.dataSource.query(
      `SELECT o.project_id, p.name, p.department_id, p.policy_id, o.key, o.title, o.due_on::text AS due_on,
              o.basis, count(*) OVER () AS total
           FROM obligations o JOIN projects p ON p.id = o.project_id
          WHERE o.status = 'overdue' ${sql}
          ORDER BY o.due_on ASC, p.name ASC, o.project_id ASC, o.key ASC
          LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  }

  /** How many overdue obligations match, for a page past the last one (which has no row to carry it). */
  async countOverdue(filter: OversightFilter): Promise<number> {
    const { sql, params } = conditions(filter);
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM obligations o JOIN projects p ON p.id = o.project_id
        WHERE o.status = 'overdue' ${sql}`,
      params,
    );
    return Number(row?.count ?? 0);
  }

  /** Obligation counts per department and status. */
  summary(filter: OversightFilter): Promise<SummaryRow[]> {
    const { sql, params } = conditions(filter);
    return this.dataSource.query(
      `SELECT p.department_id, o.status, count(*) AS count
         FROM obligations o JOIN projects p ON p.id = o.project_id
        WHERE true ${sql}
        GROUP BY p.department_id, o.status
        ORDER BY p.department_id, o.status`,
      params,
    );
  }
}
