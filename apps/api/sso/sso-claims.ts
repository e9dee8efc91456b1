import type { Role } from '../../../domain';
import type { OidcConfig } from '../config/oidc-config';

/** Who the provider says signed in, in our terms. `role`/`departmentId` only when mapping decides them. */
export interface SsoIdentity {
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  role?: Role;
  /** The department code the provider names, when OIDC_DEPARTMENT_CLAIM is set. */
  departmentId?: string | null;
}

/** Why a sign-in is refused, for the person (detail, in Chinese and English) and for the audit log (reason). */
export class SsoRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 502,
    readonly reason: string,
    readonly detail: { zh: string; en: string },
    readonly username?: string,
  ) {
    super(detail.zh);
    this.name = 'SsoRefusal';
  }
}

/** A person in several mapped groups gets the widest role, as their separate grants together allow. */
const PRECEDENCE: readonly Role[] = ['admin', 'operator', 'department'];

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const values = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

export function identityFrom(claims: Record<string, unknown>, config: OidcConfig): SsoIdentity {
  const username = text(claims[config.usernameClaim]);
  if (!username)
    throw new SsoRefusal(403, 'no-username', {
      zh: `统一身份认证平台未提供用户名（声明「${config.usernameClaim}」），无法对应本系统账号，请联系管理员`,
      en: `the identity provider gave no username (claim ${config.usernameClaim}), so no account matches; ask an administrator`,
    });
  const identity: SsoIdentity = {
    subject: String(claims.sub),
    username,
    displayName: text(claims.name) ?? username,
    email: text(claims.email),
    phone: text(claims.phone_number),
  };
  if (config.roleClaim) {
    const granted = new Set(values(claims[config.roleClaim]).map((v) => config.roleMap[v]));
    const role = PRECEDENCE.find((r) => granted.has(r));
    if (!role)
      throw new SsoRefusal(
        403,
        'no-role',
        {
          zh: `统一身份认证平台未授予本系统的任何角色（声明「${config.roleClaim}」中没有已配置的值），请联系管理员`,
          en: `the identity provider grants no role in this system (no configured value in claim ${config.roleClaim}); ask an administrator`,
        },
        username,
      );
    identity.role = role;
  }
  if (config.departmentClaim) identity.departmentId = text(claims[config.departmentClaim]);
  return identity;
}
