import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { DepartmentEntity } from '../../../db/entities';

@Injectable()
export class DepartmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(where: FindOptionsWhere<DepartmentEntity>): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).find({ where, order: { id: 'ASC' } });
  }

  /** Inserts unless the code is taken; false when it is. */
  async insert(tx: EntityManager, row: Pick<DepartmentEntity, 'id' | 'name' | 'contacts'>): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO departments (id, name, contacts) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [row.id, row.name, JSON.stringify(row.contacts)],
    );
    return rows.length === 1;
  }

  byCode(tx: EntityManager, id: string, lock = false): Promise<DepartmentEntity | null> {
    return tx
      .getRepository(DepartmentEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async update(
    tx: EntityManager,
    id: string,
    changes: Partial<Pick<DepartmentEntity, 'name' | 'contacts' | 'active'>>,
  ): Promise<void> {
    await tx.getRepository(DepartmentEntity).update({ id }, { ...changes, updatedAt: () => 'now()' });
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
