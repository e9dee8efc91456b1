import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface LateRecordRow {
  project_id: string;
  name: string;
  department_id: string;
  policy_id: string;
  type: string;
  occurred_on: string;
  recorded_on: string;
  actor_id: string;
  total: string;
}

/** Facts entered long after the day they happened, newest entry first. */
@Injectable()
export class LateRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(
    filter: { departmentId: string | null; policyId?: string; thresholdDays: number },
    limit: number,
    offset: number,
  ): Promise<LateRecordRow[]> {
    const params: unknown[] = [filter.thresholdDays];
    let where = '';
    if (filter.departmentId !== null) {
      params.push(filter.departmentId);
      where += ` AND p.department_id = $${params.length}`;
    }
    if (filter.policyId) {
      params.push(filter.policyId);
      where += ` AND p.policy_id = $${params.length}`;
    }
    return this.dataSource.query(
      `SELECT f.project_id, p.name, p.department_id, p.policy_id, f.type, f.occurred_on::text AS occurred_on,
              (f.recorded_at AT TIME ZONE 'Asia/Shanghai')::date::text AS recorded_on, f.actor_id,
              count(*) OVER () AS total
         FROM facts f JOIN projects p ON p.id = f.project_id
        WHERE f.occurred_on < (f.recorded_at AT TIME ZONE 'Asia/Shanghai')::date - $1::int ${where}
        ORDER BY f.recorded_at DESC, f.project_id, f.event_index
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  }
}
