import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DepartmentEntity } from '../../../db/entities';
import { AuditService } from '../audit/audit.service';
import { isBureau, Principal } from './principal';
import { say, type Lang } from '../../../domain';
import { localized, LocalizedException } from './localized.exception';

/** How a department id is written wherever a request names one. */
export const DEPARTMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The one answer for a department the caller may not name: 404, whether it does not exist or
 * belongs to someone else, exactly as for another department's project, so the answer never
 * confirms that a department exists.
 */
export class DepartmentNotVisible extends LocalizedException {
  constructor(id: string) {
    super(404, (lang: Lang) =>
      say(
        lang,
        `部门「${id}」不存在或不在您的权限范围内，请核对部门编号`,
        `no department ${id}; check the code`,
      ),
    );
  }
}

/**
 * The single department-scope check for every route that takes a department: a query's
 * `department`, a body's `departmentId`, the `:id` of `/departments/:id/…`. A department acts and
 * reads for itself only; bureau staff name any existing department.
 */
@Injectable()
export class DepartmentScope {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The department a list is narrowed to: the requested one if the caller may see it, else the
   * caller's own (department staff), else null for every department (bureau staff).
   */
  async filter(principal: Principal, requested: string | undefined): Promise<string | null> {
    if (requested === undefined) return isBureau(principal) ? null : this.own(principal);
    return this.check(principal, requested);
  }

  /** The department an act is for; bureau staff must name it in `field`. */
  async target(principal: Principal, requested: string | undefined, field = 'departmentId'): Promise<string> {
    if (requested !== undefined) return this.check(principal, requested);
    if (isBureau(principal)) {
      throw localized(
        400,
        `缺少「${field}」：局方人员须指明部门（部门编号，如 dept-a）`,
        `${field} is required for bureau staff: name the department`,
      );
    }
    return this.own(principal);
  }

  /** A deactivated department keeps what it has but gets nothing new (`what`: 新项目, 新用户). */
  async assertActive(id: string, what: string): Promise<void> {
    const department = await this.dataSource.getRepository(DepartmentEntity).findOneBy({ id });
    if (department && !department.active) {
      throw localized(
        409,
        `部门「${id}」已停用，不能添加${what}；如需添加，请先由管理员重新启用该部门（PATCH /departments/${id}，active: true）`,
        `department ${id} is deactivated, so nothing new can be added to it; an administrator can reactivate it (PATCH /departments/${id}, active: true)`,
      );
    }
  }

  private async check(principal: Principal, id: string): Promise<string> {
    if (!isBureau(principal)) {
      if (id !== principal.departmentId) {
        // A department reaching for another one is a refused attempt, and every one is audited.
        await this.audit.append({
          actorId: principal.id,
          actorRole: principal.role,
          action: 'department.refused',
          details: { departmentId: principal.departmentId, requested: id },
        });
        throw new DepartmentNotVisible(id);
      }
      return id;
    }
    const exists =
      DEPARTMENT_ID.test(id) && (await this.dataSource.getRepository(DepartmentEntity).existsBy({ id }));
    if (!exists) throw new DepartmentNotVisible(id);
    return id;
  }

  private own(principal: Principal): string {
    return principal.departmentId as string;
  }

  /**
   * The Chinese names of departments, by code, for views people read (the code stays beside it as
   * `departmentId`). A code with no department row keeps the code as its name.
   */
  async names(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const names = new Map(unique.map((id) => [id, id]));
    if (unique.length === 0) return names;
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      'SELECT id, name FROM departments WHERE id = ANY($1)',
      [unique],
    );
    for (const r of rows) names.set(r.id, r.name);
    return names;
  }
}

@Global()
@Module({ providers: [DepartmentScope], exports: [DepartmentScope] })
export class DepartmentScopeModule {}
