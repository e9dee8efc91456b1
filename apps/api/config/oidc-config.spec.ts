import { ConfigError, loadApiConfig } from './api-config';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  TEMPORAL_ADDRESS: 'localhost:7233',
  JWT_SECRET: 'x'.repeat(32),
};
const sso = {
  ...valid,
  OIDC_ISSUER: 'https://idp.example.gov.cn/realms/gov',
  OIDC_CLIENT_ID: 'deadline-keeper',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_REDIRECT_URI: 'https://deadlines.example.gov.cn/api/v1/auth/sso/callback',
};

const problems = (env: NodeJS.ProcessEnv): string => {
  try {
    loadApiConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('single sign-on configuration', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(loadApiConfig(valid).oidc).toBeUndefined();
  });

  it('reads the defaults', () => {
    expect(loadApiConfig(sso).oidc).toEqual({
      issuer: sso.OIDC_ISSUER,
      clientId: 'deadline-keeper',
      clientSecret: 's3cret',
      redirectUri: sso.OIDC_REDIRECT_URI,
      scopes: 'openid profile email phone',
      usernameClaim: 'preferred_username',
      roleMap: {},
      autoCreate: false,
      displayName: '统一身份认证',
    });
  });

  it('reads a role mapping', () => {
    const oidc = loadApiConfig({
      ...sso,
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'bureau-admin:admin, bureau-op:operator,dept:department',
      OIDC_DEPARTMENT_CLAIM: 'dept_code',
      OIDC_AUTO_CREATE: 'true',
    }).oidc;
    expect(oidc).toMatchObject({
      roleClaim: 'groups',
      roleMap: { 'bureau-admin': 'admin', 'bureau-op': 'operator', dept: 'department' },
      departmentClaim: 'dept_code',
      autoCreate: true,
    });
  });

  it('allows http on loopback only', () => {
    expect(loadApiConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(problems({ ...sso, OIDC_ISSUER: 'http://idp.example.gov.cn' })).toContain(
      'OIDC_ISSUER must be an https:// URL (http only on loopback)',
    );
  });

  it('names every problem at once, without echoing the secret', () => {
    const message = problems({
      ...valid,
      OIDC_ISSUER: 'ftp://idp',
      OIDC_CLIENT_SECRET: 'do-not-print-me',
      OIDC_SCOPES: 'profile',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'x:root',
      OIDC_AUTO_CREATE: 'yes',
    });
    for (const problem of [
      'OIDC_CLIENT_ID is required when OIDC_ISSUER is set',
      'OIDC_REDIRECT_URI is required when OIDC_ISSUER is set',
      'OIDC_ISSUER must be an https:// URL',
      'OIDC_SCOPES must include "openid"',
      'OIDC_ROLE_MAP entry "x:root" must be value:role',
      'OIDC_ROLE_MAP must name at least one value:role',
      'OIDC_AUTO_CREATE must be true or false, got "yes"',
    ])
      expect(message).toContain(problem);
    expect(message).not.toContain('do-not-print-me');
  });
});
