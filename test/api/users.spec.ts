/**
 * Accounts as administrators keep them: created with a role, a one-time password shown once and never
 * stored or audited in clear, changed at the first sign-in before anything else; disabling and role
 * changes revoke tokens; the last active administrator cannot be disabled or demoted.
 */
import { randomBytes } from 'node:crypto';
import { AuditEntryEntity, UserEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem();
const as = async (username: string) => ({ Authorization: `Bearer ${await system.token(username)}` });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const name = () => `u-${randomBytes(3).toString('hex')}`;
const login = (username: string, password: string) =>
  system.http().post('/api/v1/auth/login').send({ username, password });
const CHOSEN = 'Chosen-Start-2026';
const NEXT = 'Own-Password-2026!';

/** POST /users as the administrator, expecting `status` (and saying what came instead). */
async function create(body: Record<string, unknown>, status = 201) {
  const res = await system
    .http()
    .post('/api/v1/users')
    .set(await as('admin'))
    .send(body);
  expect({ status: res.status, detail: res.body.detail }).toMatchObject({ status });
  return res;
}
/** The whole audit log as text, to prove a secret never reached it. */
const auditText = async () =>
  JSON.stringify(await system.dataSource.getRepository(AuditEntryEntity).find({ order: { id: 'ASC' } }));
const lastAudit = (action: string) =>
  system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action }, order: { id: 'DESC' } });

it('creates an account with a one-time password shown once, lists and changes it, audited without secrets', async () => {
  const username = name();
  const res = await create(
    {
      username,
      displayName: '王联络员',
      role: 'department',
      departmentId: 'dept-a',
      phone: '13812345678',
      email: 'wang@a.example.gov.cn',
    },
    201,
  );
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body).toMatchObject({
    username,
    role: 'department',
    departmentId: 'dept-a',
    mustChangePassword: true,
  });
  const otp: string = res.body.oneTimePassword;
  expect(otp).toHaveLength(16);
  expect(res.body.detail).toContain('仅在此显示一次');
  const row = await system.dataSource.getRepository(UserEntity).findOneByOrFail({ username });
  expect(row.passwordHash).not.toContain(otp);
  expect(await auditText()).not.toContain(otp);
  expect((await lastAudit('user.created')).details).toMatchObject({
    after: { username },
    initialPassword: 'one-time',
  });

  const list = await system
    .http()
    .get('/api/v1/users?role=department')
    .set(await as('admin'))
    .expect(200);
  const listed = list.body.items.find((u: { username: string }) => u.username === username);
  expect(listed).toMatchObject({ phone: '13812345678', disabled: false });
  expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|tokenVersion/);

  const patched = await system
    .http()
    .patch(`/api/v1/users/${username}`)
    .set(await as('admin'))
    .send({ displayName: '王科长', phone: '010-66668888', email: null })
    .expect(200);
  expect(patched.body).toMatchObject({ displayName: '王科长', phone: '010-66668888', email: null });
  expect((await lastAudit('user.updated')).details).toMatchObject({
    username,
    before: { displayName: '王联络员', email: 'wang@a.example.gov.cn' },
    after: { displayName: '王科长', email: null },
    revoked: false,
  });
});

it.each([
  [{ displayName: '无部门', role: 'department' }, 422, '「departmentId」'],
  [{ displayName: '局方', role: 'operator', departmentId: 'dept-a' }, 422, '「departmentId」'],
  [
    { displayName: '无此部门', role: 'department', departmentId: 'dept-nowhere' },
    404,
    '部门「dept-nowhere」',
  ],
  [{ displayName: '错号码', role: 'operator', phone: '12345678901' }, 400, '「phone」'],
  [{ displayName: '错邮箱', role: 'operator', email: 'nobody' }, 400, '「email」'],
  [{ displayName: '错角色', role: 'root' }, 400, '「role」'],
  [{ displayName: '弱密码', role: 'operator', password: 'short' }, 422, '「password」至少需要 12 个字符'],
  [{ displayName: '弱密码', role: 'operator', password: 'alllowercaseletters' }, 422, '「password」须包含'],
])('refuses %j', async (body, status, detail) => {
  const res = await create({ username: name(), ...body }, status);
  expect(res.body.detail).toContain(detail);
});

it('refuses a bad or taken username', async () => {
  expect(
    (await create({ username: 'Bad Name', displayName: '甲', role: 'operator' }, 400)).body.detail,
  ).toContain('「username」');
  expect(
    (await create({ username: 'dept-a', displayName: '乙', role: 'operator' }, 409)).body.detail,
  ).toContain('已被使用');
});

it('makes a reset account change its password before anything else, and revokes its old tokens', async () => {
  const username = name();
  const created = await create({
    username,
    displayName: '赵',
    role: 'department',
    departmentId: 'dept-b',
    password: CHOSEN,
  });
  expect(created.status).toBe(201);
  expect(created.body.oneTimePassword).toBeUndefined();
  const first = await login(username, CHOSEN).expect(200);
  expect(first.body).toMatchObject({
    mustChangePassword: true,
    detail: expect.stringContaining('首次登录请先修改密码'),
  });

  const reset = await system
    .http()
    .post(`/api/v1/users/${username}/reset-password`)
    .set(await as('admin'))
    .expect(200);
  expect(reset.headers['cache-control']).toBe('no-store');
  const otp: string = reset.body.oneTimePassword;
  expect(await auditText()).not.toContain(otp);
  expect((await lastAudit('user.password-reset')).details).toEqual({ username });
  // The token from before the reset and the old password both stop working.
  await system.http().get('/api/v1/me').set(bearer(first.body.accessToken)).expect(401);
  await login(username, CHOSEN).expect(401);

  const signedIn = await login(username, otp).expect(200);
  expect(signedIn.body.mustChangePassword).toBe(true);
  const token = bearer(signedIn.body.accessToken);
  const blocked = await system.http().get('/api/v1/projects').set(token).expect(403);
  expect(blocked.body.detail).toContain('请先修改初始密码');
  await system.http().put('/api/v1/me/preferences').set(token).send({ dailyDigest: false }).expect(403);
  expect((await system.http().get('/api/v1/me').set(token).expect(200)).body.mustChangePassword).toBe(true);

  const changed = await system
    .http()
    .post('/api/v1/me/password')
    .set(token)
    .send({ currentPassword: otp, newPassword: NEXT })
    .expect(200);
  await system.http().get('/api/v1/projects').set(token).expect(401);
  await system.http().get('/api/v1/projects').set(bearer(changed.body.accessToken)).expect(200);
  const later = await login(username, NEXT).expect(200);
  expect(later.body.mustChangePassword).toBeUndefined();
  await system.http().post('/api/v1/auth/logout').set(bearer(later.body.accessToken)).expect(204);
});

/** An account that has changed its initial password and holds a working token. */
async function ready(role: 'department' | 'admin' | 'operator') {
  const username = name();
  await create(
    {
      username,
      displayName: '测试',
      role,
      ...(role === 'department' ? { departmentId: 'dept-a' } : {}),
      password: CHOSEN,
    },
    201,
  );
  const first = await login(username, CHOSEN).expect(200);
  const changed = await system
    .http()
    .post('/api/v1/me/password')
    .set(bearer(first.body.accessToken))
    .send({ currentPassword: CHOSEN, newPassword: NEXT })
    .expect(200);
  return { username, token: bearer(changed.body.accessToken as string) };
}

it('disabling an account revokes its tokens and refuses its sign-in; enabling lets it in again', async () => {
  const { username, token } = await ready('department');
  await system.http().get('/api/v1/projects').set(token).expect(200);
  await system
    .http()
    .patch(`/api/v1/users/${username}`)
    .set(await as('admin'))
    .send({ disabled: true })
    .expect(200);
  expect((await lastAudit('user.disabled')).details).toMatchObject({
    before: { disabled: false },
    after: { disabled: true },
    revoked: true,
  });
  await system.http().get('/api/v1/projects').set(token).expect(401);
  expect((await login(username, NEXT).expect(401)).body.detail).toContain('用户名或密码错误');
  await system
    .http()
    .patch(`/api/v1/users/${username}`)
    .set(await as('admin'))
    .send({ disabled: false })
    .expect(200);
  await login(username, NEXT).expect(200);
});

it('a role change revokes the tokens that carried the old role', async () => {
  const { username, token } = await ready('department');
  const res = await system
    .http()
    .patch(`/api/v1/users/${username}`)
    .set(await as('admin'))
    .send({ role: 'operator' })
    .expect(200);
  expect(res.body).toMatchObject({ role: 'operator', departmentId: null });
  await system.http().get('/api/v1/projects').set(token).expect(401);
  await system
    .http()
    .patch('/api/v1/users/nobody-here')
    .set(await as('admin'))
    .send({ disabled: true })
    .expect(404);
});

it('never disables or demotes the last active administrator', async () => {
  // Leave the seeded admin as the only active one, whatever the tests before created.
  await system.dataSource.query(
    `UPDATE users SET disabled = true WHERE role = 'admin' AND username <> 'admin'`,
  );
  const admin = await as('admin');
  for (const change of [
    { disabled: true },
    { role: 'operator' },
    { role: 'department', departmentId: 'dept-a' },
  ]) {
    const res = await system.http().patch('/api/v1/users/admin').set(admin).send(change).expect(409);
    expect(res.body.detail).toContain('最后一位启用的管理员');
  }
  // With a second administrator, either may step down, but not both.
  const second = await ready('admin');
  await system
    .http()
    .patch(`/api/v1/users/${second.username}`)
    .set(admin)
    .send({ role: 'operator' })
    .expect(200);
  await system.http().patch('/api/v1/users/admin').set(admin).send({ disabled: true }).expect(409);
});
