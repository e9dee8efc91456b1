/** Audit chain, calendar feeds, oversight CSV, change paths, metrics and OpenAPI on the real system. */
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
let projectId = '';

const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

beforeAll(async () => {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('operator'))
    .send({
      departmentId: 'dept-a',
      name: '功能测试项目',
      policy: 'shandong',
      planYear: 2027,
      investment: 2_400_000,
    });
  projectId = res.body.id;
  // Signed 8 working days ago: the 5-working-day filing is overdue today.
  await system
    .http()
    .post(`/api/v1/projects/${projectId}/events`)
    .set(await as('dept-a'))
    .send({ type: 'contract.signed', on: cal.subtractWorkingDays(today, 8) })
    .expect(200);
});

it('lists the overdue filing with its days overdue, department and article, also as CSV', async () => {
  const json = await system
    .http()
    .get('/api/v1/oversight/overdue')
    // Other test files share the database: their overdue rows may fill the first page.
    .query({ q: '功能测试项目' })
    .set(await as('operator'))
    .expect(200);
  const row = json.body.items.find((i: { projectId: string }) => i.projectId === projectId);
  const dueOn = cal.subtractWorkingDays(today, 3);
  expect(row).toMatchObject({
    departmentId: 'dept-a',
    obligation: 'contract.filing',
    dueOn,
    article: 'Shandong 第十三条',
    regulation: '山东省政务信息系统项目管理办法',
    jurisdiction: '山东省',
  });
  expect(row.daysOverdue).toBe((Date.parse(today) - Date.parse(dueOn)) / 86_400_000);
  const csv = await system
    .http()
    .get('/api/v1/oversight/overdue')
    .query({ q: '功能测试项目' })
    .set(await as('operator'))
    .set('Accept', 'text/csv')
    .expect(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.text.startsWith('\uFEFF部门,项目,办法,事项,期限,逾期天数,依据,项目编号,部门编号')).toBe(true);
  expect(csv.text).toContain(
    `市数据局政务服务处,功能测试项目,山东省政务信息系统项目管理办法,合同备案,${dueOn}`,
  );
  const summary = await system
    .http()
    .get('/api/v1/oversight/summary')
    .set(await as('dept-a'))
    .set('Accept', 'text/csv')
    .expect(200);
  expect(summary.text).toMatch(/市数据局政务服务处,已逾期,\d+,dept-a/);
});

it('answers a change request with its path and basis', async () => {
  const res = await system
    .http()
    .post(`/api/v1/projects/${projectId}/changes`)
    .set(await as('dept-a'))
    .send({ on: today, amount: 100_000, newTotal: 2_500_000 })
    .expect(200);
  expect(res.body).toMatchObject({ path: 'approval', basis: 'Shandong 第十八条' });
});

it('serves a project calendar and a department feed whose token can be revoked', async () => {
  const ics = await system
    .http()
    .get(`/api/v1/projects/${projectId}/calendar.ics`)
    .set(await as('dept-a'))
    .expect(200);
  expect(ics.headers['content-type']).toContain('text/calendar');
  expect(ics.text).toContain(`DTSTART;VALUE=DATE:${cal.subtractWorkingDays(today, 3).replace(/-/g, '')}`);
  expect(ics.text).toContain('SUMMARY:【到期】合同备案 · 功能测试项目');
  const feed = await system
    .http()
    .post('/api/v1/calendar/feeds')
    .set(await as('dept-a'))
    .send({})
    .expect(201);
  const subscribed = await system.http().get(feed.body.path).expect(200);
  expect(subscribed.text).toContain(`UID:${projectId}-contract.filing@deadline-keeper`);
  await system
    .http()
    .post('/api/v1/calendar/feeds')
    .set(await as('dept-a'))
    .send({ departmentId: 'dept-b' })
    .expect(404);
  await system
    .http()
    .delete(`/api/v1/calendar/feeds/${feed.body.token}`)
    .set(await as('dept-b'))
    .expect(404);
  await system
    .http()
    .delete(`/api/v1/calendar/feeds/${feed.body.token}`)
    .set(await as('dept-a'))
    .expect(204);
  await system.http().get(feed.body.path).expect(404);
});

it('keeps an audit chain that verifies, and notices an altered entry', async () => {
  const admin = await as('admin');
  const ok = await system.http().get('/api/v1/audit/verify').set(admin).expect(200);
  expect(ok.body).toMatchObject({ valid: true });
  expect(ok.body.entries).toBeGreaterThanOrEqual(3);
  await expect(
    system.dataSource.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`),
  ).rejects.toThrow(/append-only/);
  const [{ id, action }] = await system.dataSource.query(
    `SELECT id, action FROM audit_log ORDER BY id DESC LIMIT 1`,
  );
  await system.dataSource.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
  try {
    await system.dataSource.query(`UPDATE audit_log SET action = 'fact.forged' WHERE id = $1`, [id]);
    const broken = await system.http().get('/api/v1/audit/verify').set(admin).expect(200);
    expect(broken.body).toMatchObject({
      valid: false,
      brokenAt: String(id),
      reason: 'the entry was altered after it was written',
    });
  } finally {
    await system.dataSource.query(`UPDATE audit_log SET action = $2 WHERE id = $1`, [id, action]);
    await system.dataSource.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
  }
  const restored = await system.http().get('/api/v1/audit/verify').set(admin);
  expect(restored.body).toMatchObject({ valid: true });
});

it('publishes Prometheus metrics and the OpenAPI document', async () => {
  const metrics = await system
    .http()
    .get('/metrics')
    .set(await as('operator'))
    .expect(200);
  expect(metrics.text).toContain(
    'http_requests_total{method="GET",route="/api/v1/oversight/overdue",status="200"}',
  );
  expect(metrics.text).toMatch(/deadline_keeper_obligations\{status="overdue"\} [1-9]/);
  const docs = await system.http().get('/docs-json').expect(200);
  expect(Object.keys(docs.body.paths)).toEqual(
    expect.arrayContaining(['/api/v1/projects', '/api/v1/projects/{id}/events', '/api/v1/auth/login']),
  );
});

it('refuses a policy out of force unless told, then flags it', async () => {
  const dept = await as('dept-a');
  const refused = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '云浮项目', policy: 'yunfu', planYear: 2027, investment: 1 })
    .expect(422);
  expect(refused.body.detail).toContain('allowOutOfForce');
  const created = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '云浮项目', policy: 'yunfu', planYear: 2027, investment: 1, allowOutOfForce: true })
    .expect(201);
  const detail = await system.http().get(`/api/v1/projects/${created.body.id}`).set(dept).expect(200);
  expect(detail.body.flags).toEqual([expect.objectContaining({ code: 'policy-not-in-force' })]);
});

it('answers an unknown user and a wrong password alike', async () => {
  const unknown = await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username: 'nobody', password: 'x' })
    .expect(401);
  const wrong = await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username: 'dept-a', password: 'x' })
    .expect(401);
  expect(unknown.body).toEqual(wrong.body);
});
