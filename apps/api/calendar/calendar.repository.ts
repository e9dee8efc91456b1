import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CalendarYearEntity } from '../../../db/entities';

export interface AffectedProject {
  id: string;
  name: string;
  code: string | null;
  departmentId: string;
  policyId: string;
  attributes: object;
  workflowId: string;
  events: object[];
}

@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  years(): Promise<CalendarYearEntity[]> {
    return this.dataSource.getRepository(CalendarYearEntity).find({ order: { year: 'ASC' } });
  }

  async saveYear(year: CalendarYearEntity, tx: EntityManager): Promise<void> {
    await tx.getRepository(CalendarYearEntity).upsert(year, ['year']);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Running projects with a provisional date in `year` or later (the ones a notice for `year` may move),
   * each with its recorded facts in order.
   */
  affected(year: number): Promise<AffectedProject[]> {
    return this.dataSource.query(
      `SELECT p.id, p.name, p.code, p.department_id AS "departmentId", p.policy_id AS "policyId",
              p.attributes, p.workflow_id AS "workflowId",
              COALESCE((SELECT jsonb_agg(f.payload ORDER BY f.event_index) FROM facts f WHERE f.project_id = p.id),
                       '[]'::jsonb) AS events
         FROM projects p
        WHERE p.status IN ('active', 'paused')
          AND EXISTS (SELECT 1 FROM obligations o WHERE o.project_id = p.id AND o.provisional
                        AND (extract(year FROM o.due_on) >= $1 OR extract(year FROM o.opens_on) >= $1))
        ORDER BY p.name, p.id`,
      [year],
    );
  }
}
