import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../../../db/entities';
import { hashPassword } from '../../../db/password';
import { accountView, USERNAME } from '../../../db/repositories/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { SsoRefusal, type SsoIdentity } from './sso-claims';
import { SsoRepository } from './sso.repository';

const UNKNOWN_ACCOUNT = {
  zh: '该统一身份认证账号尚未开通本系统权限，请联系管理员',
  en: 'this single sign-on account has no access to this system yet; ask an administrator',
};

/**
 * Which account a provider's identity signs in as. By username; created on first sign-in only when
 * OIDC_AUTO_CREATE is on; and when the role or department comes from the provider, the account
 * follows it, audited like an administrator's change.
 */
@Injectable()
export class SsoAccountsService {
  constructor(
    private readonly repository: SsoRepository,
    private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  resolve(identity: SsoIdentity): Promise<UserEntity> {
    return this.repository.transaction(async (tx) => {
      const user = await this.repository.byUsername(tx, identity.username);
      if (!user) return this.create(tx, identity);
      if (user.disabled)
        throw new SsoRefusal(
          403,
          'disabled',
          { zh: '该账号已被停用，请联系管理员', en: 'this account is disabled; ask an administrator' },
          identity.username,
        );
      return this.follow(tx, user, identity);
    });
  }

  private async create(tx: EntityManager, identity: SsoIdentity): Promise<UserEntity> {
    const { username } = identity;
    if (!this.config.oidc?.autoCreate)
      throw new SsoRefusal(403, 'unknown-account', UNKNOWN_ACCOUNT, username);
    if (!USERNAME.test(username))
      throw new SsoRefusal(
        403,
        'username-unusable',
        {
          zh: `统一身份认证平台的用户名「${username}」不符合本系统用户名规则（小写字母或数字开头，2–64 个字符），请管理员手工开通`,
          en: `the provider's username ${username} does not fit this system's rules (2 to 64 characters starting with a lower-case letter or digit); an administrator must create the account`,
        },
        username,
      );
    const role = identity.role ?? 'department';
    const departmentId = await this.departmentFor(tx, role, identity);
    const user = await this.repository.insert(tx, {
      username,
      displayName: identity.displayName.slice(0, 200),
      role,
      departmentId,
      email: identity.email?.slice(0, 200) ?? null,
      phone: identity.phone?.slice(0, 32) ?? null,
      // Nobody knows this password: the account signs in through the provider only.
      passwordHash: await hashPassword(randomBytes(32).toString('hex')),
      mustChangePassword: false,
    });
    await this.audit.append(
      {
        actorId: user.id,
        actorRole: user.role,
        action: 'user.created',
        details: { via: 'sso', subject: identity.subject, after: accountView(user) },
      },
      tx,
    );
    return user;
  }

  /** Only what the configuration says the provider decides is taken from it. */
  private async follow(tx: EntityManager, user: UserEntity, identity: SsoIdentity): Promise<UserEntity> {
    const role = identity.role ?? user.role;
    const decidesDepartment = identity.departmentId !== undefined || identity.role !== undefined;
    const departmentId =
      role !== 'department'
        ? null
        : decidesDepartment
          ? await this.departmentFor(tx, role, identity, user.departmentId)
          : user.departmentId;
    if (role === user.role && departmentId === user.departmentId) return user;
    const after = await this.repository.reassign(tx, user.id, role, departmentId);
    await this.audit.append(
      {
        actorId: user.id,
        actorRole: role,
        action: 'user.updated',
        details: {
          via: 'sso',
          username: user.username,
          before: accountView(user),
          after: accountView(after),
          revoked: true,
        },
      },
      tx,
    );
    return after;
  }

  /**
   * A department account's department, as the provider names it: it must exist and be active, as
   * when an administrator creates one. An account already in a since-deactivated department keeps it.
   */
  private async departmentFor(
    tx: EntityManager,
    role: UserEntity['role'],
    identity: SsoIdentity,
    current?: string | null,
  ): Promise<string | null> {
    if (role !== 'department') return null;
    const id = identity.departmentId ?? current ?? null;
    if (!id)
      throw new SsoRefusal(
        403,
        'no-department',
        {
          zh: '统一身份认证平台未提供所属部门，无法开通部门账号，请联系管理员',
          en: 'the identity provider gave no department, so no department account can be opened; ask an administrator',
        },
        identity.username,
      );
    const department = await this.repository.department(id, tx);
    if (!department || (!department.active && id !== current))
      throw new SsoRefusal(
        403,
        'unknown-department',
        {
          zh: `统一身份认证平台提供的部门「${id}」在本系统中不存在或已停用，请联系管理员`,
          en: `the department ${id} the identity provider names does not exist here or is deactivated; ask an administrator`,
        },
        identity.username,
      );
    return id;
  }
}
