import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FactCorrectionEntity, FactEntity, ObligationEntity } from '../../../db/entities';

@Injectable()
export class CorrectionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(FactCorrectionEntity);
  }

  facts(projectId: string): Promise<FactEntity[]> {
    return this.dataSource
      .getRepository(FactEntity)
      .find({ where: { projectId }, order: { eventIndex: 'ASC' } });
  }

  obligations(projectId: string): Promise<Pick<ObligationEntity, 'key' | 'dueOn' | 'status'>[]> {
    return this.dataSource
      .getRepository(ObligationEntity)
      .find({ where: { projectId }, select: { key: true, dueOn: true, status: true } });
  }

  find(id: string): Promise<FactCorrectionEntity | null> {
    return this.rows.findOneBy({ id });
  }

  async insert(row: Omit<FactCorrectionEntity, 'requestedAt'>): Promise<FactCorrectionEntity> {
    await this.rows.insert(row);
    return this.rows.findOneByOrFail({ id: row.id });
  }

  /** Decides a pending request; false when someone else decided it first. */
  async decide(id: string, status: 'applied' | 'refused', by: string, reason: string): Promise<boolean> {
    const result = await this.rows.update(
      { id, status: 'pending' },
      { status, decidedBy: by, decidedAt: new Date(), decisionReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  list(
    filter: { departmentId: string | null; status?: string; projectId?: string },
    page: number,
    size: number,
  ) {
    const q = this.rows.createQueryBuilder('c');
    if (filter.departmentId) q.andWhere('c.department_id = :d', { d: filter.departmentId });
    if (filter.status) q.andWhere('c.status = :s', { s: filter.status });
    if (filter.projectId) q.andWhere('c.project_id = :p', { p: filter.projectId });
    return q
      .orderBy('c.requested_at', 'DESC')
      .skip((page - 1) * size)
      .take(size)
      .getManyAndCount();
  }
}
