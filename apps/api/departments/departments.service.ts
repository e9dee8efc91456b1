import { Injectable } from '@nestjs/common';
import type { DepartmentEntity } from '../../../db/entities';
import { AuditService } from '../audit/audit.service';
import { DEPARTMENT_ID, DepartmentNotVisible } from '../common/department-scope';
import { isBureau, type Principal } from '../common/principal';
import { cleanContacts } from './contacts';
import type { CreateDepartmentDto, ListDepartmentsQuery, UpdateDepartmentDto } from './departments.dto';
import { DepartmentsRepository } from './departments.repository';
import { localized } from '../common/localized.exception';

const view = (d: DepartmentEntity) => ({
  code: d.id,
  name: d.name,
  active: d.active,
  contacts: d.contacts,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

/** Departments as administrators keep them; every change is audited with what it was and became. */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly repository: DepartmentsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Bureau staff see every department; a department only itself. */
  async list(user: Principal, query: ListDepartmentsQuery) {
    const rows = await this.repository.list({
      ...(isBureau(user) ? {} : { id: user.departmentId as string }),
      ...(query.active ? { active: query.active === 'true' } : {}),
    });
    return { items: rows.map(view) };
  }

  async create(user: Principal, dto: CreateDepartmentDto) {
    return this.repository.transaction(async (tx) => {
      const row = { id: dto.code, name: dto.name.trim(), contacts: cleanContacts(dto.contacts ?? []) };
      if (!(await this.repository.insert(tx, row)))
        throw localized(
          409,
          `部门编号「${dto.code}」已存在，请换一个编号，或修改已有部门（PATCH /departments/${dto.code}）`,
          `department code ${dto.code} exists; choose another or change it (PATCH /departments/${dto.code})`,
        );
      const created = view((await this.repository.byCode(tx, dto.code)) as DepartmentEntity);
      await this.audit.append(
        { actorId: user.id, actorRole: user.role, action: 'department.created', details: { after: created } },
        tx,
      );
      return created;
    });
  }

  async update(user: Principal, code: string, dto: UpdateDepartmentDto) {
    if (dto.name === undefined && dto.contacts === undefined && dto.active === undefined)
      throw localized(
        400,
        '请至少提供「name」「contacts」「active」之一',
        'send at least one of name, contacts, active',
      );
    return this.repository.transaction(async (tx) => {
      const current = DEPARTMENT_ID.test(code) ? await this.repository.byCode(tx, code, true) : null;
      if (!current) throw new DepartmentNotVisible(code);
      const changes = {
        ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
        ...(dto.contacts !== undefined ? { contacts: cleanContacts(dto.contacts) } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
      };
      const before = view(current);
      await this.repository.update(tx, code, changes);
      const after = view((await this.repository.byCode(tx, code)) as DepartmentEntity);
      const action =
        before.active && !after.active
          ? 'department.deactivated'
          : !before.active && after.active
            ? 'department.reactivated'
            : 'department.updated';
      await this.audit.append(
        { actorId: user.id, actorRole: user.role, action, details: { code, before, after } },
        tx,
      );
      return after;
    });
  }
}
