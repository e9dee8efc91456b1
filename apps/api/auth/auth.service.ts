import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../../db/password';
import { passwordProblem } from '../../../db/password-rules';
import type { UserEntity } from '../../../db/entities';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { AccountsRepository } from './accounts.repository';
import { localized, LocalizedException } from '../common/localized.exception';

interface Claims {
  sub: string;
  name: string;
  role: Principal['role'];
  dept: string | null;
  /** The account's token version when issued: a later logout or password change revokes the token. */
  ver: number;
}

/** One answer for an unknown user, a wrong password and a locked account: sign-in tells nobody which. */
const signInRefused = () =>
  localized(
    401,
    '用户名或密码错误，或账号因多次失败已被暂时锁定，请核对后重试或稍后再试',
    'unknown user, wrong password or locked account',
  );

/** A token that no longer counts: the account changed its password, logged out or is gone. */
export class RevokedTokenError extends Error {}

@Injectable()
export class AuthService {
  /** Hashed once per process, so an unknown user costs the same scrypt work as a known one. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async login(username: string, password: string, address?: string) {
    const user = await this.accounts.byUsername(username);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    const locked = !!user?.lockedUntil && user.lockedUntil.getTime() > Date.now();
    if (!user || !matches || locked || user.disabled) {
      const reason = locked ? 'locked' : !user || !matches ? 'wrong-credentials' : 'disabled';
      await this.refuse(username, user, reason, address);
      throw signInRefused();
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.accounts.succeeded(user.id);
    return this.signedIn(user);
  }

  /** The answer to a sign-in, by password or single sign-on alike: a token, and what must come first. */
  async signedIn(user: UserEntity) {
    const session = await this.session(user, user.tokenVersion);
    if (!user.mustChangePassword) return session;
    return {
      ...session,
      mustChangePassword: true,
      detail:
        '首次登录请先修改密码：POST /api/v1/me/password（{ currentPassword, newPassword }），修改前其他功能不可用',
    };
  }

  /** Failed sign-ins are counted per account, locked past the limit, and every one is audited. */
  private async refuse(username: string, user: UserEntity | null, reason: string, address?: string) {
    const details = { username, reason, ...(address ? { address } : {}) };
    await this.audit.append({
      actorId: user?.id ?? 'anonymous',
      actorRole: user?.role ?? 'anonymous',
      action: 'auth.login-failed',
      details,
    });
    // A disabled account's right password is not a guess: it neither counts nor locks.
    if (!user || reason !== 'wrong-credentials') return;
    const { locked } = await this.accounts.failed(
      user.id,
      this.config.login.maxFailures,
      this.config.login.lockMinutes * 60_000,
    );
    if (locked) {
      await this.audit.append({
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.locked',
        details: { ...details, minutes: this.config.login.lockMinutes },
      });
    }
  }

  async logout(principal: Principal): Promise<void> {
    await this.accounts.revokeTokens(principal.id);
    await this.audit.append({ actorId: principal.id, actorRole: principal.role, action: 'auth.logout' });
  }

  /** A new password ends every other session; the answer carries a fresh token for this one. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string) {
    const user = await this.accounts.byUsername(principal.username);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.audit.append({
        actorId: principal.id,
        actorRole: principal.role,
        action: 'auth.password-change.refused',
        details: { reason: 'wrong current password' },
      });
      throw localized(
        422,
        '「currentPassword」不正确，请输入当前密码',
        'currentPassword: the current password is wrong',
      );
    }
    if (passwordProblem(newPassword, user.username))
      throw new LocalizedException(
        422,
        (lang) => passwordProblem(newPassword, user.username, 'newPassword', lang) as string,
      );
    if (newPassword === currentPassword)
      throw localized(
        422,
        '「newPassword」不能与当前密码相同，请换一个',
        'newPassword: must differ from the current password',
      );
    const version = await this.accounts.revokeTokens(user.id, await hashPassword(newPassword));
    await this.audit.append({ actorId: user.id, actorRole: user.role, action: 'auth.password-changed' });
    return this.session(user, version);
  }

  private async session(user: UserEntity, version: number) {
    const claims: Claims = {
      sub: user.id,
      name: user.username,
      role: user.role,
      dept: user.departmentId,
      ver: version,
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwt.ttlSeconds,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        departmentId: user.departmentId,
        departmentName: await this.accounts.departmentName(user.departmentId),
      },
    };
  }

  async verify(token: string): Promise<Principal> {
    const claims = await this.jwt.verifyAsync<Claims>(token);
    // One primary-key read per request: revocation takes effect at once, on every API instance.
    const current = await this.accounts.tokenState(claims.sub);
    if (!current || current.disabled || current.tokenVersion !== (claims.ver ?? 0))
      throw new RevokedTokenError('token revoked');
    return {
      id: claims.sub,
      username: claims.name,
      role: claims.role,
      departmentId: claims.dept,
      ...(current.mustChangePassword ? { mustChangePassword: true } : {}),
    };
  }
}
