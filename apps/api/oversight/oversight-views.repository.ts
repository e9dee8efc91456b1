import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import type { OverdueRow, OversightFilter } from './oversight.repository';

export interface DueSoonRow extends OverdueRow {
  total: string;
}

function scope(filter: OversightFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.departmentId !== null) where.push(`o.department_id = $${params.push(filter.departmentId)}`);
  if (filter.policyId) where.push(`o.policy_id = $${params.push(filter.policyId)}`);
  if (filter.nameContains)
    where.push(`o.project_name ILIKE $${params.push(containsPattern(filter.nameContains))} ESCAPE '\\'`);
  return where.map((w) => `AND ${w}`).join(' ');
}

/** The dashboard's trend and the due-soon list, on the obligations' own copied columns. */
@Injectable()
export class OversightViewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * For every day from `from` to `to`, how many obligations were overdue at its end: due before it
   * and not met by it. Those met late count on the days they were late; waived ones never do.
   */
  history(filter: OversightFilter, from: string, to: string): Promise<{ day: string; count: string }[]> {
    const params: unknown[] = [from, to];
    const where = scope(filter, params);
    return this.dataSource.query(
      `SELECT d.day::date::text AS day, count(o.project_id) AS count
         FROM generate_series($1::date, $2::date, interval '1 day') AS d(day)
         LEFT JOIN obligations o
           ON o.status IN ('overdue', 'met-late') AND o.due_on < d.day::date
          AND (o.met_on IS NULL OR o.met_on > d.day::date) ${where}
        GROUP BY d.day ORDER BY d.day`,
      params,
    );
  }

  /** Open obligations due on or before `until`, soonest first, one page, with the full count. */
  dueSoon(filter: OversightFilter, until: string, limit: number, offset: number): Promise<DueSoonRow[]> {
    const params: unknown[] = [until];
    const where = scope(filter, params);
    return this.dataSource.query(
      `SELECT o.project_id, o.project_name AS name, o.department_id, o.policy_id, o.key, o.title,
              o.due_on::text AS due_on, o.basis, count(*) OVER () AS total
         FROM obligations o
        WHERE o.status = 'open' AND o.due_on <= $1::date ${where}
        ORDER BY o.due_on, o.project_name, o.project_id, o.key
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  }
}
