import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JsonWebTokenError } from '@nestjs/jwt';
import type { Role } from '../../../domain';
import { timingSafeEqual } from 'node:crypto';
import { BEFORE_PASSWORD_CHANGE, Principal, PUBLIC_ROUTE, ROLES, SCRAPE_TOKEN } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { AuthService, RevokedTokenError } from './auth.service';
import { localized } from '../common/localized.exception';

const ROLE_NAMES: Record<Role, string> = {
  admin: '管理员',
  operator: '局方经办人员',
  department: '部门人员',
};

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token)
      throw localized(
        401,
        '请先登录：POST /api/v1/auth/login 取得令牌，再以 Authorization: Bearer <令牌> 发送请求',
        'sign in first: send Authorization: Bearer <token>',
      );
    if (this.reflector.getAllAndOverride<boolean>(SCRAPE_TOKEN, targets) && this.isScrapeToken(token))
      return true;
    try {
      request.principal = await this.auth.verify(token);
    } catch (error) {
      // Expired, not yet valid, badly signed or malformed tokens all derive from JsonWebTokenError.
      if (error instanceof JsonWebTokenError)
        throw localized(
          401,
          '登录令牌无效或已过期，请重新登录',
          'the token is invalid or has expired; sign in again',
        );
      if (error instanceof RevokedTokenError)
        throw localized(
          401,
          '登录已失效（已退出、已修改密码或账号已停用），请重新登录',
          'the token was revoked (signed out, password changed or account disabled); sign in again',
        );
      throw error;
    }
    if (
      request.principal.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw localized(
        403,
        '请先修改初始密码：POST /api/v1/me/password（{ currentPassword, newPassword }），再使用其他功能',
        'change the initial password first: POST /api/v1/me/password ({ currentPassword, newPassword })',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw localized(
        403,
        `此操作仅限${roles.map((r) => ROLE_NAMES[r]).join('、')}办理，您的账号无权操作；如需办理，请联系有权限的人员`,
        `this action is for: ${roles.join(', ')}`,
      );
    }
    return true;
  }

  private isScrapeToken(token: string): boolean {
    const expected = this.config.metricsToken;
    if (!expected) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
