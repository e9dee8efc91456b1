import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CalendarYearEntity, FactEntity, ProjectEntity } from '../../../db/entities';

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

  /** Running projects with a provisional date in `year` or later: the ones a notice for `year` may move. */
  async affectedProjectIds(year: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT p.id FROM projects p JOIN obligations o ON o.project_id = p.id
        WHERE p.status IN ('active', 'paused') AND o.provisional
          AND (extract(year FROM o.due_on) >= $1 OR extract(year FROM o.opens_on) >= $1)`,
      [year],
    );
    return rows.map((r) => r.id);
  }

  project(id: string): Promise<ProjectEntity> {
    return this.dataSource.getRepository(ProjectEntity).findOneByOrFail({ id });
  }

  facts(projectId: string): Promise<FactEntity[]> {
    return this.dataSource
      .getRepository(FactEntity)
      .find({ where: { projectId }, order: { eventIndex: 'ASC' } });
  }
}
