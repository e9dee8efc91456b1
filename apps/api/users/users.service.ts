import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../../../db/entities';
import { oneTimePassword } from '../../../db/one-time-password';
import { hashPassword } from '../../../db/password';
import { passwordProblem } from '../../../db/password-rules';
import { accountView, type AccountRole } from '../../../db/repositories/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import type { Principal } from '../common/principal';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './users.dto';
import { AccountChanges, UsersRepository } from './users.repository';
import { localized, LocalizedException } from '../common/localized.exception';

const ONE_TIME_NOTE =
  '一次性密码仅在此显示一次，系统不保存明文：请通过安全渠道交给本人，首次登录后须立即修改密码';

/** Accounts as administrators keep them; every change is audited before and after, never a password. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly scope: DepartmentScope,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQuery) {
    const rows = await this.repository.list({
      ...(query.role ? { role: query.role } : {}),
      ...(query.department ? { departmentId: query.department } : {}),
    });
    return { items: rows.map(accountView) };
  }

  async create(admin: Principal, dto: CreateUserDto) {
    const departmentId = await this.departmentFor(admin, dto.role, dto.departmentId ?? null);
    if (dto.password !== undefined) {
      const chosen = dto.password;
      if (passwordProblem(chosen, dto.username, 'password'))
        throw new LocalizedException(
          422,
          (lang) => passwordProblem(chosen, dto.username, 'password', lang) as string,
        );
    }
    const password = dto.password ?? oneTimePassword(dto.username);
    const passwordHash = await hashPassword(password);
    const created = await this.repository.transaction(async (tx) => {
      if (await this.repository.byUsername(tx, dto.username))
        throw localized(
          409,
          `用户名「${dto.username}」已被使用，请换一个用户名`,
          `username ${dto.username} is taken; choose another`,
        );
      const user = await this.repository.insert(tx, { ...dto, departmentId, passwordHash });
      const after = accountView(user);
      await this.audit.append(
        {
          actorId: admin.id,
          actorRole: admin.role,
          action: 'user.created',
          details: { after, initialPassword: dto.password === undefined ? 'one-time' : 'chosen' },
        },
        tx,
      );
      return after;
    });
    if (dto.password !== undefined) return created;
    return { ...created, oneTimePassword: password, detail: ONE_TIME_NOTE };
  }

  async update(admin: Principal, username: string, dto: UpdateUserDto) {
    if (Object.values(dto).every((v) => v === undefined))
      throw localized(
        400,
        '请至少提供「role」「departmentId」「displayName」「phone」「email」「disabled」「escalationRole」之一',
        'send at least one of role, departmentId, displayName, phone, email, disabled, escalationRole',
      );
    return this.repository.transaction(async (tx) => {
      // Administrators first, always in the same order, then the account: no two updates deadlock.
      const admins = await this.repository.activeAdminIds(tx);
      const user = await this.existing(tx, username);
      const role = dto.role ?? user.role;
      const departmentId = await this.departmentFor(
        admin,
        role,
        dto.departmentId !== undefined ? dto.departmentId : role === 'department' ? user.departmentId : null,
        user.departmentId,
      );
      const disabled = dto.disabled ?? user.disabled;
      if (admins.includes(user.id) && (role !== 'admin' || disabled) && admins.length === 1)
        throw localized(
          409,
          `「${username}」是最后一位启用的管理员，不能停用或改为其他角色：请先创建或启用另一位管理员（POST /users）`,
          `${username} is the last active administrator and cannot be disabled or demoted: create or enable another first (POST /users)`,
        );
      const escalationRole = dto.escalationRole !== undefined ? dto.escalationRole : user.escalationRole;
      if (escalationRole === 'head' && role !== 'department')
        throw localized(
          422,
          '「escalationRole」为 head（部门负责人）时账号须为部门账号（role: department）；局方领导请用 leadership',
          'escalationRole head (the department head) needs a department account (role: department); use leadership for the bureau',
        );
      if (escalationRole === 'leadership' && role === 'department')
        throw localized(
          422,
          '「escalationRole」为 leadership（局领导）时账号须为局方账号（operator 或 admin）；部门负责人请用 head',
          'escalationRole leadership (the bureau leadership) needs a bureau account (operator or admin); use head for a department',
        );
      const changes: AccountChanges = {
        ...(dto.escalationRole !== undefined ? { escalationRole: dto.escalationRole } : {}),
        role,
        departmentId,
        disabled,
        ...(dto.displayName !== undefined ? { displayName: dto.displayName.trim() } : {}),
        ...(dto.phone !== undefined ? { phone: dto.phone } : {}),
        ...(dto.email !== undefined ? { email: dto.email } : {}),
      };
      // The role and department travel in every token, and a disabled account keeps none.
      const revoke = role !== user.role || departmentId !== user.departmentId || (disabled && !user.disabled);
      await this.repository.update(tx, user.id, changes, revoke);
      const before = accountView(user);
      const after = accountView(await this.existing(tx, username));
      const action =
        disabled && !user.disabled
          ? 'user.disabled'
          : !disabled && user.disabled
            ? 'user.enabled'
            : 'user.updated';
      await this.audit.append(
        {
          actorId: admin.id,
          actorRole: admin.role,
          action,
          details: { username, before, after, revoked: revoke },
        },
        tx,
      );
      return after;
    });
  }

  /** A new one-time password, shown once; the old password and every token stop working. */
  async resetPassword(admin: Principal, username: string) {
    const password = oneTimePassword(username);
    const passwordHash = await hashPassword(password);
    await this.repository.transaction(async (tx) => {
      const user = await this.existing(tx, username);
      await this.repository.setTemporaryPassword(tx, user.id, passwordHash);
      await this.audit.append(
        { actorId: admin.id, actorRole: admin.role, action: 'user.password-reset', details: { username } },
        tx,
      );
    });
    return { username, oneTimePassword: password, mustChangePassword: true, detail: ONE_TIME_NOTE };
  }

  private async existing(tx: EntityManager, username: string): Promise<UserEntity> {
    const user = await this.repository.byUsername(tx, username, true);
    if (!user)
      throw localized(
        404,
        `用户「${username}」不存在，请核对用户名（GET /users 可列出全部账号）`,
        `no user ${username} (GET /users lists them)`,
      );
    return user;
  }

  /**
   * A department account needs an existing, active department; the bureau's accounts have none.
   * An account staying in a department that was deactivated later keeps it (`current`).
   */
  private async departmentFor(
    admin: Principal,
    role: AccountRole,
    departmentId: string | null,
    current?: string | null,
  ): Promise<string | null> {
    if (role !== 'department') {
      if (departmentId !== null)
        throw localized(
          422,
          `「departmentId」只适用于 department 角色；${role} 属于局方，不隶属部门，请去掉该字段或设为 null`,
          `departmentId is only for the department role; ${role} is bureau staff: drop it or set it to null`,
        );
      return null;
    }
    if (departmentId === null)
      throw localized(
        422,
        '「departmentId」department 角色须指明所属部门（部门编号，如 dept-a）',
        'departmentId: a department account needs its department (a code such as dept-a)',
      );
    await this.scope.target(admin, departmentId);
    if (departmentId !== current) await this.scope.assertActive(departmentId, '新用户');
    return departmentId;
  }
}
