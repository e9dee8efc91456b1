/**
 * Sign-in as 等级保护 expects it: no telling unknown users from wrong passwords (not even by timing),
 * lockout per account, revocable tokens (logout, password change), and every refused change audited.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../db/password';
import { AuditEntryEntity, UserEntity } from '../../db/entities';
import { PASSWORD, useSystem } from './api-harness';

const system = useSystem({ login: { maxFailures: 3, lockMinutes: 15 } });
const login = (username: string, password: string) =>
  system.http().post('/api/v1/auth/login').send({ username, password });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A fresh department account of its own, so lockouts and revocations touch no other test. */
async function account(password = 'Start-Password-1'): Promise<{ id: string; username: string }> {
  const username = `u-${randomUUID().slice(0, 8)}`;
  const id = `user-${username}`;
  await system.dataSource.getRepository(UserEntity).insert({
    id,
    username,
    displayName: '测试联络员',
    passwordHash: await hashPassword(password),
    role: 'department',
    departmentId: 'dept-a',
  });
  return { id, username };
}

const actions = async (actorId: string) =>
  (
    await system.dataSource.getRepository(AuditEntryEntity).find({ where: { actorId }, order: { id: 'ASC' } })
  ).map((e) => e.action);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it('answers an unknown user and a wrong password alike, in body and in time', async () => {
  const { username } = await account();
  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let i = 0; i < 2; i++) {
    // Two wrong passwords stay under this test's lockout of three.
    for (const [name, times] of [
      [`nobody-${i}`, unknown],
      [username, wrong],
    ] as const) {
      const started = process.hrtime.bigint();
      const res = await login(name, 'Not-The-Password-9').expect(401);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(res.body.detail).toContain('用户名或密码错误');
    }
  }
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    await login(`nobody-x${i}`, 'Not-The-Password-9').expect(401);
    unknown.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  // Before, an unknown user skipped scrypt: ~3 ms against ~40 ms. Now both hash.
  expect(median(unknown) / median(wrong)).toBeGreaterThan(0.4);
});

it('locks an account after repeated failures, says nothing more, and audits it', async () => {
  const { id, username } = await account();
  for (let i = 0; i < 3; i++) await login(username, 'Wrong-Password-1').expect(401);
  // The right password no longer opens it while it is locked, and the answer is the same as any failure.
  const locked = await login(username, 'Start-Password-1').expect(401);
  expect(locked.body.detail).toContain('用户名或密码错误');
  expect(await actions(id)).toEqual([
    'auth.login-failed',
    'auth.login-failed',
    'auth.login-failed',
    'auth.locked',
    'auth.login-failed',
  ]);
  // Once the lock has run out the right password works, and the count starts again.
  await system.dataSource.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [
    id,
  ]);
  await login(username, 'Start-Password-1').expect(200);
  const row = await system.dataSource.getRepository(UserEntity).findOneByOrFail({ id });
  expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
});

it("names the account's department in Chinese in the login answer, as the console's header shows it", async () => {
  const { username } = await account();
  const res = await login(username, 'Start-Password-1').expect(200);
  expect(res.body.user).toMatchObject({ departmentId: 'dept-a', departmentName: '市数据局政务服务处' });
  const bureau = await login('operator', PASSWORD).expect(200);
  expect(bureau.body.user).toMatchObject({ departmentId: null, departmentName: null });
});

it('logout revokes every token of the account', async () => {
  const { id, username } = await account();
  const first = (await login(username, 'Start-Password-1').expect(200)).body.accessToken;
  const second = (await login(username, 'Start-Password-1').expect(200)).body.accessToken;
  await system.http().get('/api/v1/me').set(bearer(first)).expect(200);
  await system.http().post('/api/v1/auth/logout').set(bearer(first)).expect(204);
  for (const token of [first, second]) {
    const res = await system.http().get('/api/v1/me').set(bearer(token)).expect(401);
    expect(res.body.detail).toContain('请重新登录');
  }
  const third = (await login(username, 'Start-Password-1').expect(200)).body.accessToken;
  await system.http().get('/api/v1/me').set(bearer(third)).expect(200);
  expect(await actions(id)).toContain('auth.logout');
});

describe('POST /me/password', () => {
  it('refuses a wrong current password and a weak new one, naming the field', async () => {
    const { id, username } = await account();
    const token = (await login(username, 'Start-Password-1').expect(200)).body.accessToken;
    const change = (body: object) => system.http().post('/api/v1/me/password').set(bearer(token)).send(body);
    const wrong = await change({ currentPassword: 'nope', newPassword: 'Good-Password-2026' }).expect(422);
    expect(wrong.body.detail).toContain('「currentPassword」');
    for (const [weak, reason] of [
      ['short-1A', '至少需要 12 个字符'],
      ['onlylowercaseletters', '至少三类'],
      [`${username}-Pass-1`, '不能包含用户名'],
    ]) {
      const res = await change({ currentPassword: 'Start-Password-1', newPassword: weak }).expect(422);
      expect(res.body.detail).toContain(reason);
    }
    await change({ currentPassword: 'Start-Password-1' }).expect(400);
    expect(await actions(id)).toEqual(['auth.password-change.refused']);
  });

  it('changes it, revokes earlier tokens and answers with a fresh one', async () => {
    const { id, username } = await account();
    const old = (await login(username, 'Start-Password-1').expect(200)).body.accessToken;
    const res = await system
      .http()
      .post('/api/v1/me/password')
      .set(bearer(old))
      .send({ currentPassword: 'Start-Password-1', newPassword: 'Changed-Password-2026' })
      .expect(200);
    await system.http().get('/api/v1/me').set(bearer(old)).expect(401);
    await system.http().get('/api/v1/me').set(bearer(res.body.accessToken)).expect(200);
    await login(username, 'Start-Password-1').expect(401);
    await login(username, 'Changed-Password-2026').expect(200);
    expect(await actions(id)).toContain('auth.password-changed');
    const stored = await system.dataSource.getRepository(UserEntity).findOneByOrFail({ id });
    expect(stored.passwordHash).not.toContain('Changed-Password-2026');
  });
});

it('audits a refused change (401 and 403) with who, what and why', async () => {
  const dept = await system.token('dept-a');
  const junk = randomUUID();
  await system
    .http()
    .post(`/api/v1/projects/${junk}/pause`)
    .set(bearer(dept))
    .send({ reason: '越权尝试' })
    .expect(403);
  await system.http().post('/api/v1/projects').send({ name: 'x' }).expect(401);
  const rows = await system.dataSource.query(
    `SELECT actor_id, details FROM audit_log WHERE action = 'request.refused' ORDER BY id DESC LIMIT 2`,
  );
  expect(rows[1]).toMatchObject({
    actor_id: 'user-dept-a',
    details: { method: 'POST', route: '/api/v1/projects/:id/pause', status: 403 },
  });
  expect(rows[0]).toMatchObject({
    actor_id: 'anonymous',
    details: { method: 'POST', route: '/api/v1/projects', status: 401 },
  });
  // A refused read is not a change: nothing is added.
  const before = await system.dataSource.getRepository(AuditEntryEntity).count();
  await system.http().get('/api/v1/projects').expect(401);
  expect(await system.dataSource.getRepository(AuditEntryEntity).count()).toBe(before);
});

it('says single sign-on is off while no provider is configured', async () => {
  expect((await system.http().get('/api/v1/auth/sso/config').expect(200)).body).toEqual({ enabled: false });
  const res = await system.http().get('/api/v1/auth/sso').expect(404);
  expect(res.body.detail).toContain('未启用统一身份认证');
});
