import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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
  status: string;
  count: string;
}

/** The oversight queries over obligations joined to their projects. */
@Injectable()
export class OversightRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overdue obligations, oldest first; `departmentId` null means every department. */
  overdue(departmentId: string | null): Promise<OverdueRow[]> {
    const scoped = departmentId !== null;
    return this.dataSource.query(
      `SELECT o.project_id, p.name, p.department_id, p.policy_id, o.key, o.title, o.due_on::text AS due_on, o.basis
           FROM obligations o JOIN projects p ON p.id = o.project_id
          WHERE o.status = 'overdue' ${scoped ? 'AND p.department_id = $1' : ''}
          ORDER BY o.due_on ASC, p.name ASC`,
      scoped ? [departmentId] : [],
    );
  }

  /** Obligation counts per department and status. */
  summary(departmentId: string | null): Promise<SummaryRow[]> {
    const scoped = departmentId !== null;
    return this.dataSource.query(
      `SELECT p.department_id, o.status, count(*) AS count
         FROM obligations o JOIN projects p ON p.id = o.project_id
        WHERE true ${scoped ? 'AND p.department_id = $1' : ''}
        GROUP BY p.department_id, o.status
        ORDER BY p.department_id, o.status`,
      scoped ? [departmentId] : [],
    );
  }
}
