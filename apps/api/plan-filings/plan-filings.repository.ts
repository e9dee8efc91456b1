import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PlanFilingEntity, ProjectEntity } from '../../../db/entities';

export interface FilingRow {
  department_id: string;
  name: string;
  filed_on: string | null;
  filed_by: string | null;
}

@Injectable()
export class PlanFilingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(departmentId: string, policyId: string, planYear: number): Promise<PlanFilingEntity | null> {
    return this.dataSource.getRepository(PlanFilingEntity).findOneBy({ departmentId, policyId, planYear });
  }

  insert(filing: Omit<PlanFilingEntity, 'createdAt'>, tx: EntityManager): Promise<unknown> {
    return tx.getRepository(PlanFilingEntity).insert(filing);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  projects(departmentId: string, policyId: string): Promise<ProjectEntity[]> {
    return this.dataSource.getRepository(ProjectEntity).findBy({ departmentId, policyId });
  }

  /** Every department with a project under `policyId`, with its filing for `year` if any. */
  filings(policyId: string, year: number, departmentId: string | null): Promise<FilingRow[]> {
    return this.dataSource.query(
      `SELECT d.id AS department_id, d.name, f.filed_on::text AS filed_on, f.filed_by
           FROM departments d
           JOIN (SELECT DISTINCT department_id FROM projects WHERE policy_id = $1) p ON p.department_id = d.id
           LEFT JOIN plan_filings f ON f.department_id = d.id AND f.policy_id = $1 AND f.plan_year = $2
          WHERE ($3::text IS NULL OR d.id = $3)
          ORDER BY d.id`,
      [policyId, year, departmentId],
    );
  }
}
