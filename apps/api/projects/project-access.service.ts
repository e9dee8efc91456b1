import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ProjectEntity } from '../../../db/entities';
import { isBureau, Principal } from '../common/principal';

/**
 * Department isolation in the query itself: a department's query can only ever return its own
 * projects, and another department's project is a 404, never a 403 that confirms it exists.
 */
@Injectable()
export class ProjectAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  scoped(principal: Principal, alias = 'p'): SelectQueryBuilder<ProjectEntity> {
    const query = this.dataSource.getRepository(ProjectEntity).createQueryBuilder(alias);
    return isBureau(principal)
      ? query
      : query.where(`${alias}.department_id = :scopeDept`, { scopeDept: principal.departmentId });
  }

  async visible(principal: Principal, id: string): Promise<ProjectEntity> {
    const project = await this.scoped(principal).andWhere('p.id = :id', { id }).getOne();
    if (!project) throw new NotFoundException(`no project ${id}`);
    return project;
  }
}
