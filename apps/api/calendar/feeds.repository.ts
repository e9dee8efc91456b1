import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { FeedTokenEntity, ObligationEntity, ProjectEntity } from '../../../db/entities';

@Injectable()
export class FeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  obligationsOf(projectIds: string[]): Promise<ObligationEntity[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ObligationEntity)
      .createQueryBuilder('o')
      .where('o.project_id IN (:...ids)', { ids: projectIds })
      .getMany();
  }

  projectsOf(departmentId: string): Promise<ProjectEntity[]> {
    return this.dataSource.getRepository(ProjectEntity).findBy({ departmentId });
  }

  /** A feed that has not been revoked. */
  live(token: string): Promise<FeedTokenEntity | null> {
    return this.dataSource.getRepository(FeedTokenEntity).findOneBy({ token, revokedAt: IsNull() });
  }

  async insert(feed: { token: string; departmentId: string; createdBy: string }, tx: EntityManager) {
    await tx.getRepository(FeedTokenEntity).insert(feed);
  }

  async revoke(token: string, tx: EntityManager) {
    await tx.getRepository(FeedTokenEntity).update({ token }, { revokedAt: new Date() });
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
