import type { Role } from '../../../domain';

/** Single sign-on through an OpenID Connect provider (统一身份认证平台), configured by an administrator. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Sent to the token endpoint only; never logged, echoed or audited. */
  clientSecret: string;
  /** Our callback as registered with the provider: the code is exchanged for exactly this URI. */
  redirectUri: string;
  scopes: string;
  usernameClaim: string;
  /** When set, the provider decides the role: each sign-in takes it from this claim through roleMap. */
  roleClaim?: string;
  roleMap: Record<string, Role>;
  /** A department code; decides a department account's department when set. */
  departmentClaim?: string;
  /** Off: only accounts an administrator created may sign in. On: the first sign-in creates one. */
  autoCreate: boolean;
  displayName: string;
  /** Where the browser goes after signing in, the token in the URL fragment (never sent to a server). */
  postLoginUrl?: string;
}

const ROLES: readonly Role[] = ['admin', 'operator', 'department'];

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '[::1]' || host === 'localhost';
}

/** https, except on loopback where the tests' provider listens. */
function urlProblem(name: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} must be a URL, got "${value}"`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return `${name} must be an https:// URL (http only on loopback), got "${value}"`;
}

/** `bureau-admin:admin,bureau-op:operator,dept:department` → { 'bureau-admin': 'admin', … }. */
function roleMap(raw: string, problems: string[]): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const entry of raw.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const at = entry.lastIndexOf(':');
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim() as Role;
    if (at <= 0 || !ROLES.includes(role)) {
      problems.push(`OIDC_ROLE_MAP entry "${entry}" must be value:role with role one of ${ROLES.join(', ')}`);
      continue;
    }
    map[value] = role;
  }
  return map;
}

/** Undefined while OIDC_ISSUER is unset: single sign-on is off and its routes say so. */
export function loadOidcConfig(env: NodeJS.ProcessEnv, problems: string[]): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER ?? '';
  if (!issuer) return undefined;
  const required = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;
  for (const name of required) if (!env[name]) problems.push(`${name} is required when OIDC_ISSUER is set`);
  for (const [name, value] of [
    ['OIDC_ISSUER', issuer],
    ['OIDC_REDIRECT_URI', env.OIDC_REDIRECT_URI],
    ['OIDC_POST_LOGIN_URL', env.OIDC_POST_LOGIN_URL],
  ] as const) {
    const problem = value ? urlProblem(name, value) : undefined;
    if (problem) problems.push(problem);
  }
  const scopes = (env.OIDC_SCOPES || 'openid profile email phone').trim();
  if (!scopes.split(/\s+/).includes('openid')) problems.push('OIDC_SCOPES must include "openid"');
  const map = roleMap(env.OIDC_ROLE_MAP ?? '', problems);
  if (env.OIDC_ROLE_CLAIM && !Object.keys(map).length)
    problems.push('OIDC_ROLE_MAP must name at least one value:role when OIDC_ROLE_CLAIM is set');
  if (!env.OIDC_ROLE_CLAIM && Object.keys(map).length)
    problems.push('OIDC_ROLE_MAP needs OIDC_ROLE_CLAIM: the claim its values are read from');
  const autoCreate = (env.OIDC_AUTO_CREATE ?? 'false').toLowerCase();
  if (!['true', 'false'].includes(autoCreate))
    problems.push(`OIDC_AUTO_CREATE must be true or false, got "${env.OIDC_AUTO_CREATE}"`);
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID ?? '',
    clientSecret: env.OIDC_CLIENT_SECRET ?? '',
    redirectUri: env.OIDC_REDIRECT_URI ?? '',
    scopes,
    usernameClaim: env.OIDC_USERNAME_CLAIM || 'preferred_username',
    ...(env.OIDC_ROLE_CLAIM ? { roleClaim: env.OIDC_ROLE_CLAIM } : {}),
    roleMap: map,
    ...(env.OIDC_DEPARTMENT_CLAIM ? { departmentClaim: env.OIDC_DEPARTMENT_CLAIM } : {}),
    autoCreate: autoCreate === 'true',
    displayName: env.OIDC_DISPLAY_NAME || '统一身份认证',
    ...(env.OIDC_POST_LOGIN_URL ? { postLoginUrl: env.OIDC_POST_LOGIN_URL } : {}),
  };
}
