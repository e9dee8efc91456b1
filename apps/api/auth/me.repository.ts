import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from '../../../db/entities';

@Injectable()
export class MeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  user(id: string): Promise<UserEntity> {
    return this.dataSource.getRepository(UserEntity).findOneByOrFail({ id });
  }

  async update(id: string, changes: Partial<Pick<UserEntity, 'email' | 'dailyDigest'>>, tx: EntityManager) {
    await tx.getRepository(UserEntity).update({ id }, changes);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
