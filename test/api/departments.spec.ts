/**
 * Departments as administrators keep them: created with a code, a Chinese name and contacts, renamed,
 * deactivated (no new projects or accounts, its projects still visible); bureau operators read them,
 * a department reads itself only, and every refused change is audited.
 */
import { randomBytes } from 'node:crypto';
import { AuditEntryEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem();
const as = async (username: string) => ({ Authorization: `Bearer ${await system.token(username)}` });
const code = () => `dept-t${randomBytes(3).toString('hex')}`;
const lastAudit = async (action: string) =>
  system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action }, order: { id: 'DESC' } });

it('creates a department with its contacts, lists it and audits the creation', async () => {
  const id = code();
  const contacts = [
    { name: '张三', phone: '13912345678', email: 'zhangsan@nr.example.gov.cn' },
    { name: '李四', phone: '0431-88886666' },
  ];
  const created = await system
    .http()
    .post('/api/v1/departments')
    .set(await as('admin'))
    .send({ code: id, name: '市林业局', contacts })
    .expect(201);
  expect(created.body).toMatchObject({ code: id, name: '市林业局', active: true, contacts });
  const list = await system
    .http()
    .get('/api/v1/departments')
    .set(await as('admin'))
    .expect(200);
  expect(list.body.items.map((d: { code: string }) => d.code)).toEqual(
    expect.arrayContaining(['dept-a', 'dept-b', id]),
  );
  const entry = await lastAudit('department.created');
  expect(entry.details).toMatchObject({ after: { code: id, contacts } });
  // The same code again is a conflict that says what to do instead.
  const again = await system
    .http()
    .post('/api/v1/departments')
    .set(await as('admin'))
    .send({ code: id, name: '另一个部门' })
    .expect(409);
  expect(again.body.detail).toContain(`部门编号「${id}」已存在`);
});

it.each([
  [{ code: 'Dept NR', name: '市自然资源局' }, '「code」'],
  [{ code: 'dept--nr', name: '市自然资源局' }, '「code」'],
  [{ code: 'dept-ok', name: 'Natural Resources' }, '「name」'],
  [{ code: 'dept-ok' }, '「name」'],
  [
    { code: 'dept-ok', name: '市自然资源局', contacts: [{ name: '王五', phone: '12345' }] },
    '「contacts[0].phone」',
  ],
  [
    { code: 'dept-ok', name: '市自然资源局', contacts: [{ name: '王五', phone: '1391234567' }] },
    '「contacts[0].phone」',
  ],
  [
    {
      code: 'dept-ok',
      name: '市自然资源局',
      contacts: [
        { name: '甲', phone: '13912345678' },
        { name: '乙', email: 'no-at' },
      ],
    },
    '「contacts[1].email」',
  ],
  [
    { code: 'dept-ok', name: '市自然资源局', contacts: [{ name: '', email: 'a@b.cn' }] },
    '「contacts[0].name」',
  ],
  [{ code: 'dept-ok', name: '市自然资源局', contacts: [{ name: '丙', fax: '1' }] }, '「contacts[0].fax」'],
  [{ code: 'dept-ok', name: '市自然资源局', contacts: [{ name: '丁' }] }, 'phone 或 email'],
])('refuses %j, naming the field in Chinese', async (body, field) => {
  const res = await system
    .http()
    .post('/api/v1/departments')
    .set(await as('admin'))
    .send(body)
    .expect(400);
  expect(res.body.detail).toContain(field);
});

it('renames and deactivates: no new projects or accounts, its projects stay visible, audited before and after', async () => {
  const id = code();
  const admin = await as('admin');
  await system.http().post('/api/v1/departments').set(admin).send({ code: id, name: '市测试局' }).expect(201);
  const project = {
    departmentId: id,
    name: '停用前登记的项目',
    policy: 'jilin',
    planYear: 2027,
    investment: 1,
  };
  const registered = await system.http().post('/api/v1/projects').set(admin).send(project).expect(201);

  const renamed = await system
    .http()
    .patch(`/api/v1/departments/${id}`)
    .set(admin)
    .send({ name: '市测试管理局' })
    .expect(200);
  expect(renamed.body.name).toBe('市测试管理局');
  expect((await lastAudit('department.updated')).details).toMatchObject({
    code: id,
    before: { name: '市测试局' },
    after: { name: '市测试管理局' },
  });

  await system.http().patch(`/api/v1/departments/${id}`).set(admin).send({ active: false }).expect(200);
  expect((await lastAudit('department.deactivated')).details).toMatchObject({
    before: { active: true },
    after: { active: false },
  });
  const refusedProject = await system
    .http()
    .post('/api/v1/projects')
    .set(admin)
    .send({ ...project, name: '停用后登记的项目' })
    .expect(409);
  expect(refusedProject.body.detail).toContain('已停用');
  const refusedUser = await system
    .http()
    .post('/api/v1/users')
    .set(admin)
    .send({ username: `u-${id}`, displayName: '新联络员', role: 'department', departmentId: id })
    .expect(409);
  expect(refusedUser.body.detail).toContain('已停用');
  const visible = await system.http().get(`/api/v1/projects?department=${id}`).set(admin).expect(200);
  expect(visible.body.items.map((p: { id: string }) => p.id)).toContain(registered.body.id);
  const inactive = await system.http().get('/api/v1/departments?active=false').set(admin).expect(200);
  expect(inactive.body.items.map((d: { code: string }) => d.code)).toContain(id);

  await system
    .http()
    .patch('/api/v1/departments/dept-nowhere')
    .set(admin)
    .send({ active: false })
    .expect(404);
  await system.http().patch(`/api/v1/departments/${id}`).set(admin).send({}).expect(400);
});

it('lets an operator read every department but change none, and audits the attempt', async () => {
  const op = await as('operator');
  const list = await system.http().get('/api/v1/departments').set(op).expect(200);
  expect(list.body.items.length).toBeGreaterThanOrEqual(2);
  await system
    .http()
    .post('/api/v1/departments')
    .set(op)
    .send({ code: code(), name: '市越权局' })
    .expect(403);
  await system.http().patch('/api/v1/departments/dept-a').set(op).send({ name: '改名' }).expect(403);
  const entry = await lastAudit('request.refused');
  expect(entry.actorId).toBe('user-operator');
  expect(entry.details).toMatchObject({ method: 'PATCH', status: 403 });
});

it('shows a department only itself and refuses it every administrator route, audited', async () => {
  const dept = await as('dept-a');
  const own = await system.http().get('/api/v1/departments').set(dept).expect(200);
  expect(own.body.items.map((d: { code: string }) => d.code)).toEqual(['dept-a']);
  await system.http().get('/api/v1/users').set(dept).expect(403);
  const attempts = [
    system.http().post('/api/v1/departments').set(dept).send({ code: code(), name: '市越权局' }),
    system.http().patch('/api/v1/departments/dept-a').set(dept).send({ name: '改名' }),
    system
      .http()
      .post('/api/v1/users')
      .set(dept)
      .send({ username: 'sneaky', displayName: '越权', role: 'admin' }),
    system.http().patch('/api/v1/users/dept-a').set(dept).send({ role: 'admin' }),
    system.http().post('/api/v1/users/admin/reset-password').set(dept),
  ];
  for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
  const refused = await system.dataSource.query(
    `SELECT details->>'route' AS route FROM audit_log
      WHERE action = 'request.refused' AND actor_id = 'user-dept-a' ORDER BY id DESC LIMIT 5`,
  );
  expect(refused.map((r: { route: string }) => r.route).sort()).toEqual([
    '/api/v1/departments',
    '/api/v1/departments/:code',
    '/api/v1/users',
    '/api/v1/users/:username',
    '/api/v1/users/:username/reset-password',
  ]);
});
