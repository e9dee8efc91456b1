import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ProjectEntity } from '../../../db/entities';
import { isBureau, Principal } from '../common/principal';
import { localized } from '../common/localized.exception';

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
    if (!project)
      throw localized(
        404,
        `项目「${id}」不存在或不在您的权限范围内，请核对项目编号（GET /projects 可列出可见项目）`,
        `no project ${id}`,
      );
    return project;
  }
}
