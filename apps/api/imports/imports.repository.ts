import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DepartmentEntity, NotificationEntity, ProjectEntity } from '../../../db/entities';

export interface OverdueRow {
  project_id: string;
  project_name: string;
  code: string | null;
  department_id: string;
  title: string;
  due_on: string;
}

export interface SummaryNotice {
  batchId: string;
  departmentId: string;
  message: string;
  projects: { id: string; code: string | null; name: string; overdue: string[] }[];
  writtenAt: Date;
}

@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  departments(only: string | null): Promise<DepartmentEntity[]> {
    return this.dataSource
      .getRepository(DepartmentEntity)
      .find({ where: only ? { id: only } : {}, order: { id: 'ASC' } });
  }

  /** The projects already there under these ids, to tell what an import would leave unchanged. */
  existing(ids: string[]): Promise<Pick<ProjectEntity, 'id' | 'status'>[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .select(['p.id', 'p.status'])
      .where('p.id IN (:...ids)', { ids })
      .getMany();
  }

  /** The facts these projects have recorded, by project: what a re-upload compares its rows with. */
  async facts(projectIds: string[]): Promise<Map<string, { type: string; on: string }[]>> {
    const out = new Map<string, { type: string; on: string }[]>();
    if (!projectIds.length) return out;
    const rows: { project_id: string; type: string; on: string }[] = await this.dataSource.query(
      `SELECT project_id, payload ->> 'type' AS type, payload ->> 'on' AS on
         FROM facts WHERE project_id = ANY($1) ORDER BY project_id, event_index`,
      [projectIds],
    );
    for (const r of rows) out.set(r.project_id, [...(out.get(r.project_id) ?? []), r]);
    return out;
  }

  /** What the first evaluation of these projects found overdue, as the workflows projected it. */
  overdue(projectIds: string[]): Promise<OverdueRow[]> {
    if (!projectIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT o.project_id, p.name AS project_name, p.code, p.department_id, o.title, o.due_on::text AS due_on
         FROM obligations o JOIN projects p ON p.id = o.project_id
        WHERE o.project_id = ANY($1) AND o.status = 'overdue'
        ORDER BY p.department_id, p.code, o.due_on`,
      [projectIds],
    );
  }

  /**
   * One summary per department and import batch, to the department and the bureau; the dispatcher
   * delivers it like any notice. The key makes a retried write a no-op.
   */
  async writeSummaries(notices: SummaryNotice[]): Promise<number> {
    if (!notices.length) return 0;
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        notices.map((n) => ({
          dedupeKey: `import|${n.batchId}|${n.departmentId}`,
          projectId: null,
          departmentId: n.departmentId,
          obligationKey: null,
          kind: 'import-summary',
          audience: 'department-and-bureau',
          dueOn: null,
          scheduledFor: n.writtenAt,
          writtenAt: n.writtenAt,
          payload: {
            projectName: '批量导入',
            title: '导入时已逾期的事项',
            basis: null,
            batchId: n.batchId,
            projects: n.projects,
            message: n.message,
          },
        })),
      )
      .orIgnore()
      .execute();
    return result.identifiers.filter(Boolean).length;
  }
}
