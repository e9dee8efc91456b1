/** The routes the console's administration pages added: a holiday notice's dry run, and the dead letters. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { CalendarYearEntity } from '../../db/entities';
import { addDays, shanghaiDateOf, WorkingCalendar, yearOf } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

it('previews which projects and obligations a holiday notice moves, and changes nothing', async () => {
  const admin = await as('admin');
  const dept = await as('dept-a');
  const created = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '日历预览项目', policy: 'wuhan', planYear: 2027, investment: 900_000 })
    .expect(201);
  const id = created.body.id as string;
  const recorded = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'operation.started', on: shanghaiDateOf(Date.now()) })
    .expect(200);
  const before = recorded.body.obligations.find((o: { key: string }) => o.key === 'self-evaluation');
  expect(before.provisional).toBe(true);
  const year = yearOf(before.dueOn);
  const notice = { year, days: [{ name: '预览假日', date: before.dueOn, isOffDay: true }] };
  const expected = WorkingCalendar.standard().withNotice(notice).rollForward(addDays(before.dueOn, 1));
  const url = `/api/v1/calendar/years/${year}`;
  try {
    const preview = await system.http().put(`${url}?dryRun=true`).set(admin).send(notice).expect(200);
    expect(preview.body).toMatchObject({ year, days: 1, dryRun: true });
    expect(preview.body.projectsMoved).toBe(preview.body.projects.length);
    expect(preview.body.projectsChecked).toBeGreaterThanOrEqual(preview.body.projectsMoved);
    const mine = preview.body.projects.find((p: { id: string }) => p.id === id);
    expect(mine).toMatchObject({
      name: '日历预览项目',
      departmentId: 'dept-a',
      departmentName: expect.stringMatching(/[\u4e00-\u9fff]/),
      policyId: 'wuhan',
    });
    expect(mine.obligations).toContainEqual({
      key: 'self-evaluation',
      title: before.title,
      basis: before.basis,
      basisText: '《武汉市政务信息化项目建设管理办法》第二十二条',
      before: { opensOn: before.opensOn, dueOn: before.dueOn },
      after: { opensOn: before.opensOn, dueOn: expected },
    });
    // Nothing stored, nobody told: the year is still provisional and the project keeps its date.
    const years = await system.http().get('/api/v1/calendar/years').set(admin).expect(200);
    expect(years.body.official.map((y: { year: number }) => y.year)).not.toContain(year);
    expect(await system.dataSource.getRepository(CalendarYearEntity).countBy({ year })).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const detail = await system.http().get(`/api/v1/projects/${id}`).set(dept).expect(200);
    expect(detail.body.obligations.find((o: { key: string }) => o.key === 'self-evaluation').dueOn).toBe(
      before.dueOn,
    );

    await system.http().put(`${url}?dryRun=true`).set(dept).send(notice).expect(403);
    await system
      .http()
      .put(`${url}?dryRun=true`)
      .set(await as('operator'))
      .send(notice)
      .expect(403);
    const unknown = await system.http().put(`${url}?dryRun=true&force=1`).set(admin).send(notice).expect(400);
    expect(unknown.body.detail).toContain('force');
    const bad = await system.http().put(`${url}?dryRun=yes`).set(admin).send(notice).expect(400);
    expect(bad.body.detail).toContain('dryRun');
    const invalid = await system
      .http()
      .put(`${url}?dryRun=true`)
      .set(admin)
      .send({ year, days: [{ name: '错日', date: `${year}-02-30`, isOffDay: true }] })
      .expect(422);
    expect(invalid.body.detail).toMatch(/^节假日安排文件有误，未载入：.*days\[0\]/);
    const english = await system
      .http()
      .put(`${url}?dryRun=true`)
      .set(admin)
      .set('Accept-Language', 'en')
      .send({ year: year + 1, days: [{ name: '元旦', date: `${year + 1}-01-01`, isOffDay: true }] })
      .expect(400);
    expect(english.body.detail).toBe(`the URL says ${year} but the notice is for ${year + 1}`);

    // Then loading it moves the same date the preview showed.
    const loaded = await system.http().put(url).set(admin).send(notice).expect(200);
    expect(loaded.body.projectsMoved).toBeGreaterThanOrEqual(1);
    let dueOn = before.dueOn;
    for (let i = 0; i < 50 && dueOn !== expected; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const after = await system.http().get(`/api/v1/projects/${id}`).set(dept).expect(200);
      dueOn = after.body.obligations.find((o: { key: string }) => o.key === 'self-evaluation').dueOn;
    }
    expect(dueOn).toBe(expected);
  } finally {
    await system.dataSource.getRepository(CalendarYearEntity).delete({ year });
  }
});

it('lists dead-lettered deliveries for the bureau, by department, until one is retried', async () => {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(String(req.url));
    req.resume();
    res.writeHead(503).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dept = await as('dept-b');
  const operator = await as('operator');
  try {
    await system
      .http()
      .put('/api/v1/departments/dept-b/channels')
      .set(dept)
      .send({ webhookUrl: hook, webhookSecret: 'dept-b-secret-0123', webhookEnabled: true, emails: [] })
      .expect(200);
    const cal = WorkingCalendar.standard();
    const created = await system
      .http()
      .post('/api/v1/projects')
      .set(dept)
      .send({ name: '死信列表项目', policy: 'shandong', planYear: 2027, investment: 1 })
      .expect(201);
    await system
      .http()
      .post(`/api/v1/projects/${created.body.id}/events`)
      .set(dept)
      .send({ type: 'contract.signed', on: cal.subtractWorkingDays(shanghaiDateOf(Date.now()), 9) })
      .expect(200);
    await new Dispatcher(system.dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      maxAttempts: 1,
    }).runOnce();
    expect(calls.length).toBeGreaterThanOrEqual(1);

    const list = await system
      .http()
      .get('/api/v1/notifications/dead-letters?department=dept-b&pageSize=200')
      .set(operator)
      .expect(200);
    expect(list.body.items.every((i: { departmentId: string }) => i.departmentId === 'dept-b')).toBe(true);
    const dead = list.body.items.find((i: { projectId: string }) => i.projectId === created.body.id);
    expect(dead).toMatchObject({
      channel: 'webhook',
      recipient: hook,
      attempts: 1,
      lastError: '无法送达：接收方答复 HTTP 503',
      projectName: '死信列表项目',
      departmentName: expect.stringMatching(/[\u4e00-\u9fff]/),
      kind: 'overdue-notice',
      message: expect.stringContaining('合同备案'),
    });
    expect(JSON.stringify(list.body)).not.toContain('dept-b-secret-0123');
    const all = await system
      .http()
      .get('/api/v1/notifications/dead-letters?pageSize=200')
      .set(await as('admin'))
      .expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(list.body.total);

    await system.http().get('/api/v1/notifications/dead-letters').set(dept).expect(403);
    await system.http().get('/api/v1/notifications/dead-letters').expect(401);
    await system
      .http()
      .get('/api/v1/notifications/dead-letters?department=no-such')
      .set(operator)
      .expect(404);
    const unknown = await system.http().get('/api/v1/notifications/dead-letters?status=x').set(operator);
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('status');

    await system.http().post(`/api/v1/notifications/${dead.notificationId}/retry`).set(operator).expect(200);
    const after = await system
      .http()
      .get('/api/v1/notifications/dead-letters?department=dept-b&pageSize=200')
      .set(operator)
      .expect(200);
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(dead.id);
  } finally {
    await system
      .http()
      .put('/api/v1/departments/dept-b/channels')
      .set(dept)
      .send({ webhookEnabled: false })
      .expect(200);
    await new Promise<void>((r) => server.close(() => r()));
  }
});
