/**
 * Single sign-on against a real OpenID provider (oidc-provider, run as a child process): a browser
 * starts at GET /auth/sso, signs in on the provider's pages and comes back to our callback.
 */
import { randomUUID } from 'node:crypto';
import { AuditEntryEntity, UserEntity } from '../../db/entities';
import { hashPassword } from '../../db/password';
import type { OidcConfig } from '../../apps/api/config/oidc-config';
import { useSystem } from './api-harness';
import { signInAtProvider, startProvider, type Provider } from './sso-browser';

const CALLBACK = 'http://127.0.0.1:9/api/v1/auth/sso/callback';
const SECRET = 'sso-client-secret-that-must-never-show';
const client = (client_id: string) => ({
  client_id,
  client_secret: SECRET,
  redirect_uris: [CALLBACK],
  grant_types: ['authorization_code'],
  response_types: ['code'],
});

let provider: Provider;
/** Filled once the provider listens; the API reads it by reference, so a test may switch mapping on. */
const oidc = {
  clientId: 'deadline-keeper',
  clientSecret: SECRET,
  redirectUri: CALLBACK,
  scopes: 'openid profile email phone',
  usernameClaim: 'preferred_username',
  roleMap: {},
  autoCreate: false,
  displayName: '统一身份认证',
} as unknown as OidcConfig;

beforeAll(async () => {
  provider = await startProvider({
    clients: [client('deadline-keeper'), client('other-app')],
    accounts: {
      'new-person': { groups: ['dept'], department: 'dept-a', email: 'new@example.gov.cn' },
      'new-operator': { groups: ['staff', 'bureau-op'] },
      promoted: { groups: ['bureau-op'] },
      ungrouped: { groups: ['staff'] },
    },
  });
  oidc.issuer = provider.issuer;
});
afterAll(() => provider?.stop());

const system = useSystem({ oidc });

const mapping = (on: boolean) => {
  oidc.autoCreate = on;
  if (on) {
    oidc.roleClaim = 'groups';
    oidc.roleMap = { 'bureau-admin': 'admin', 'bureau-op': 'operator', dept: 'department' };
    oidc.departmentClaim = 'department';
  } else {
    delete oidc.roleClaim;
    delete oidc.departmentClaim;
    oidc.roleMap = {};
  }
};
afterEach(() => mapping(false));

/** GET /auth/sso: the provider's URL and our browser-binding cookie. */
async function start() {
  const res = await system.http().get('/api/v1/auth/sso').expect(302);
  const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
  return { authorizationUrl: res.headers.location as string, cookie };
}

const callback = (url: string, cookie?: string) => {
  const { pathname, search } = new URL(url);
  const req = system.http().get(pathname + search);
  return cookie ? req.set('Cookie', cookie) : req;
};

async function signIn(login: string) {
  const { authorizationUrl, cookie } = await start();
  const back = await signInAtProvider(authorizationUrl, login, CALLBACK);
  return { back, cookie, res: await callback(back, cookie) };
}

const ssoAudit = async () =>
  (await system.dataSource.getRepository(AuditEntryEntity).find({ order: { id: 'ASC' } })).filter((e) =>
    e.action.startsWith('auth.sso'),
  );

it('tells the console that single sign-on is on', async () => {
  const res = await system.http().get('/api/v1/auth/sso/config').expect(200);
  expect(res.body).toEqual({ enabled: true, displayName: '统一身份认证', loginUrl: '/api/v1/auth/sso' });
});

it('sends the browser to the provider with PKCE, state and nonce, and a bound cookie', async () => {
  const res = await system.http().get('/api/v1/auth/sso').expect(302);
  const url = new URL(res.headers.location as string);
  expect(url.origin).toBe(provider.issuer);
  for (const p of ['state', 'nonce', 'code_challenge'])
    expect(url.searchParams.get(p)?.length).toBeGreaterThan(20);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('client_id')).toBe('deadline-keeper');
  expect(res.headers['set-cookie']![0]).toMatch(
    /^dk_sso=.+; Max-Age=600; Path=\/api\/v1\/auth\/sso; .*HttpOnly; SameSite=Lax/,
  );
});

it('signs a known user in with our own token, which then works', async () => {
  const { res } = await signIn('operator');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { username: 'operator', role: 'operator' } });
  const me = await system
    .http()
    .get('/api/v1/me')
    .set('Authorization', `Bearer ${res.body.accessToken}`)
    .expect(200);
  expect(me.body.username).toBe('operator');
  const last = (await ssoAudit()).at(-1)!;
  expect(last.action).toBe('auth.sso.login');
  expect(last.details).toMatchObject({ username: 'operator', subject: 'operator', issuer: provider.issuer });
});

it('refuses an account nobody opened here, and says so in Chinese', async () => {
  const { res } = await signIn(`stranger-${randomUUID().slice(0, 6)}`);
  expect(res.status).toBe(403);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.detail).toBe('该统一身份认证账号尚未开通本系统权限，请联系管理员');
  expect((await ssoAudit()).at(-1)).toMatchObject({
    action: 'auth.sso.refused',
    details: { reason: 'unknown-account' },
  });
});

it('says what was refused in English on request, with the same detail as in Chinese', async () => {
  const { authorizationUrl, cookie } = await start();
  const back = await signInAtProvider(authorizationUrl, `stranger-${randomUUID().slice(0, 6)}`, CALLBACK);
  const unknown = await callback(back, cookie).set('Accept-Language', 'en');
  expect(unknown.status).toBe(403);
  expect(unknown.body.detail).toBe(
    'this single sign-on account has no access to this system yet; ask an administrator',
  );
  const noState = (lang?: string) => {
    const req = system.http().get('/api/v1/auth/sso/callback?code=abc');
    return lang ? req.set('Accept-Language', lang) : req;
  };
  expect((await noState()).body.detail).toBe('回调缺少 state 参数，请返回登录页重新发起统一身份认证登录');
  expect((await noState('en')).body.detail).toBe(
    'the callback has no state parameter; go back to the sign-in page and start single sign-on again',
  );
  const stale = await system
    .http()
    .get('/api/v1/auth/sso/callback?code=abc&state=no-such-state')
    .set('Accept-Language', 'en')
    .expect(400);
  expect(stale.body.detail).toMatch(/^the sign-in request is unknown or already used/);
});

it('refuses a disabled account', async () => {
  const username = `off-${randomUUID().slice(0, 6)}`;
  await system.dataSource.getRepository(UserEntity).insert({
    id: `user-${username}`,
    username,
    displayName: '已停用',
    passwordHash: await hashPassword('Unused-Password-1'),
    role: 'department',
    departmentId: 'dept-a',
    disabled: true,
  });
  const { res } = await signIn(username);
  expect(res.status).toBe(403);
  expect(res.body.detail).toContain('已被停用');
  expect((await ssoAudit()).at(-1)?.details).toMatchObject({ reason: 'disabled', username });
});

it('creates an account on first sign-in when allowed, role and department from the claims', async () => {
  mapping(true);
  const { res } = await signIn('new-person');
  expect(res.status).toBe(200);
  const user = await system.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'new-person' });
  expect(user).toMatchObject({
    role: 'department',
    departmentId: 'dept-a',
    email: 'new@example.gov.cn',
    displayName: 'new-person 本人',
    mustChangePassword: false,
  });
  const created = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneByOrFail({ actorId: user.id, action: 'user.created' });
  expect(created.details).toMatchObject({
    via: 'sso',
    after: { role: 'department', departmentId: 'dept-a' },
  });
  // A person in several groups gets the widest mapped role; unmapped groups are ignored.
  const op = await signIn('new-operator');
  expect(op.res.body.user).toMatchObject({ role: 'operator', departmentId: null });
});

it('moves an existing account to the role the provider grants, revoking its older tokens', async () => {
  await system.dataSource.getRepository(UserEntity).insert({
    id: 'user-promoted',
    username: 'promoted',
    displayName: '待调岗',
    passwordHash: await hashPassword('Start-Password-1'),
    role: 'department',
    departmentId: 'dept-b',
  });
  const before = await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username: 'promoted', password: 'Start-Password-1' })
    .expect(200);
  mapping(true);
  const { res } = await signIn('promoted');
  expect(res.body.user).toMatchObject({ role: 'operator', departmentId: null });
  await system.http().get('/api/v1/me').set('Authorization', `Bearer ${before.body.accessToken}`).expect(401);
  // Mapping on and no mapped group: refused, whatever the account was.
  const none = await signIn('ungrouped');
  expect(none.res.status).toBe(403);
  expect((await ssoAudit()).at(-1)?.details).toMatchObject({ reason: 'no-role' });
});

it('refuses a tampered state, a missing cookie and an expired sign-in', async () => {
  const { authorizationUrl, cookie } = await start();
  const back = await signInAtProvider(authorizationUrl, 'operator', CALLBACK);
  const tampered = new URL(back);
  tampered.searchParams.set('state', 'forged-state-value');
  const t = await callback(tampered.href, cookie).expect(400);
  expect(t.body.detail).toContain('state 不匹配');
  await callback(back).expect(400);
  expect((await ssoAudit()).at(-1)?.details).toMatchObject({ reason: 'browser-mismatch' });

  const late = await start();
  const lateBack = await signInAtProvider(late.authorizationUrl, 'operator', CALLBACK);
  await system.dataSource.query(`UPDATE sso_logins SET expires_at = now() - interval '1 second'`);
  const e = await callback(lateBack, late.cookie).expect(400);
  expect(e.body.detail).toContain('超过 10 分钟');
});

it('refuses a replayed callback, and a used code under a fresh state', async () => {
  const { back, cookie, res } = await signIn('operator');
  expect(res.status).toBe(200);
  await callback(back, cookie).expect(400);
  const fresh = await start();
  const replay = new URL(back);
  replay.searchParams.set('state', new URL(fresh.authorizationUrl).searchParams.get('state')!);
  const r = await callback(replay.href, fresh.cookie).expect(401);
  expect(r.body.detail).toContain('授权码无效');
  expect((await ssoAudit()).at(-1)?.details).toMatchObject({ reason: 'token-endpoint:invalid_grant' });
});

it("refuses another client's code and an answer naming another issuer", async () => {
  const { authorizationUrl, cookie } = await start();
  const forOther = new URL(authorizationUrl);
  forOther.searchParams.set('client_id', 'other-app');
  const back = await signInAtProvider(forOther.href, 'operator', CALLBACK);
  await callback(back, cookie).expect(401);

  const second = await start();
  const genuine = new URL(await signInAtProvider(second.authorizationUrl, 'operator', CALLBACK));
  genuine.searchParams.set('iss', 'https://idp.elsewhere.example');
  await callback(genuine.href, second.cookie).expect(401);
  expect((await ssoAudit()).at(-1)?.details).toMatchObject({
    reason: expect.stringMatching(/^response-invalid:/),
  });
});

it('never writes the client secret, a code or a token into the audit log', async () => {
  const { back, res } = await signIn('operator');
  const code = new URL(back).searchParams.get('code')!;
  const log = JSON.stringify(await system.dataSource.getRepository(AuditEntryEntity).find());
  for (const secret of [SECRET, code, res.body.accessToken as string]) expect(log).not.toContain(secret);
});
