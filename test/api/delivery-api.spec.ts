/** Inbox, channel settings, delivery state, dead-letter retry and plan filings over HTTP. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { ensurePlanSchedules } from '../../apps/worker/schedules';
import { idempotencyKeyOf } from '../../apps/dispatcher/message';
import { shanghaiDateOf, WorkingCalendar, yearOf } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

async function receiver(status: number) {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(String(req.headers['idempotency-key']));
    req.resume();
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    calls,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

it('delivers an overdue notice to the department webhook and inbox, unread first, and retries dead letters', async () => {
  const ok = await receiver(200);
  try {
    const dept = await as('dept-a');
    await system
      .http()
      .put('/api/v1/departments/dept-a/channels')
      .set(dept)
      .send({ webhookEnabled: true })
      .expect(422);
    const set = await system
      .http()
      .put('/api/v1/departments/dept-a/channels')
      .set(dept)
      .send({ webhookUrl: ok.url, webhookSecret: 'dept-a-secret-0123', webhookEnabled: true, emails: [] })
      .expect(200);
    expect(set.body).toMatchObject({ webhookUrl: ok.url, webhookEnabled: true, webhookSecretSet: true });
    expect(set.body).not.toHaveProperty('webhookSecret');
    await system
      .http()
      .get('/api/v1/departments/dept-a/channels')
      .set(await as('dept-b'))
      .expect(404);

    const created = await system
      .http()
      .post('/api/v1/projects')
      .set(dept)
      .send({ name: '投递接口项目', policy: 'shandong', planYear: 2027, investment: 1 })
      .expect(201);
    await system
      .http()
      .post(`/api/v1/projects/${created.body.id}/events`)
      .set(dept)
      .send({ type: 'contract.signed', on: cal.subtractWorkingDays(shanghaiDateOf(Date.now()), 9) })
      .expect(200);
    await new Dispatcher(system.dataSource, { allow: ['127.0.0.1'], settleMs: 0, email: null }).runOnce();

    const inbox = await system.http().get('/api/v1/inbox').set(dept).expect(200);
    const notice = inbox.body.items.find((i: { projectId: string }) => i.projectId === created.body.id);
    const [row] = await system.dataSource.query(`SELECT dedupe_key FROM notifications WHERE id = $1`, [
      notice.id,
    ]);
    // Other tests' dept-a notices may be delivered in the same pass; this one arrives exactly once.
    expect(ok.calls.filter((k) => k === idempotencyKeyOf({ dedupeKey: row.dedupe_key }))).toHaveLength(1);
    expect(notice).toMatchObject({ kind: 'overdue-notice', read: false });
    // Bureau staff other files created may be e-mailed the same notice; the department's webhook is this test's.
    expect(notice.deliveries.filter((d: { channel: string }) => d.channel === 'webhook')).toMatchObject([
      { channel: 'webhook', status: 'sent', attempts: 1 },
    ]);
    expect(notice.message).toContain('合同备案');
    await system.http().post(`/api/v1/inbox/${notice.id}/read`).set(dept).expect(204);
    const reads = await system.dataSource.query(
      `SELECT user_id FROM inbox_reads WHERE notification_id = $1`,
      [notice.id],
    );
    expect(reads).toEqual([{ user_id: 'user-dept-a' }]);
    // Unread first among live alarms: once read, it comes after every unread live notice of the
    // department (resolved ones follow all live ones; other test files share dept-a, so it need not be
    // the last row, nor on the first page).
    const after = await system.http().get('/api/v1/inbox?pageSize=200').set(dept).expect(200);
    const items = (after.body.items as { id: string; read: boolean; live: boolean }[]).filter((i) => i.live);
    const at = items.findIndex((i) => i.id === notice.id);
    const unreadAfter = (at === -1 ? [] : items.slice(at + 1)).filter((i) => !i.read);
    expect(at === -1 ? items.every((i) => !i.read) : unreadAfter).toEqual(at === -1 ? true : []);
    await system
      .http()
      .post(`/api/v1/inbox/${notice.id}/read`)
      .set(await as('dept-b'))
      .expect(404);
    const bureau = await system
      .http()
      .get('/api/v1/inbox')
      .set(await as('operator'))
      .expect(200);
    expect(bureau.body.items.map((i: { id: string }) => i.id)).toContain(notice.id);

    // Now the receiver breaks: one attempt allowed, the delivery is dead, an operator revives it.
    const broken = await receiver(500);
    try {
      await system
        .http()
        .put('/api/v1/departments/dept-a/channels')
        .set(dept)
        .send({ webhookUrl: broken.url })
        .expect(200);
      await system
        .http()
        .post(`/api/v1/projects/${created.body.id}/events`)
        .set(dept)
        .send({ type: 'construction.completed', on: shanghaiDateOf(Date.now()) })
        .expect(200);
      await system.dataSource.query(`UPDATE notifications SET fanned_out_at = NULL WHERE id = $1`, [
        notice.id,
      ]);
      await system.dataSource.query(`DELETE FROM deliveries WHERE notification_id = $1`, [notice.id]);
      await new Dispatcher(system.dataSource, {
        allow: ['127.0.0.1'],
        settleMs: 0,
        email: null,
        maxAttempts: 1,
      }).runOnce();
      const dead = await system.http().get(`/api/v1/notifications/${notice.id}`).set(dept).expect(200);
      expect(dead.body.deliveries).toMatchObject([
        { channel: 'webhook', status: 'dead', lastError: '无法送达：接收方答复 HTTP 500' },
      ]);
      await system.http().post(`/api/v1/notifications/${notice.id}/retry`).set(dept).expect(403);
      const retried = await system
        .http()
        .post(`/api/v1/notifications/${notice.id}/retry`)
        .set(await as('operator'))
        .expect(200);
      expect(retried.body).toEqual({ notificationId: notice.id, requeued: 1 });
      const key = idempotencyKeyOf({ dedupeKey: row.dedupe_key });
      expect(broken.calls.filter((k) => k === key)).toHaveLength(1);
      await new Dispatcher(system.dataSource, {
        allow: ['127.0.0.1'],
        settleMs: 0,
        email: null,
        maxAttempts: 1,
      }).runOnce();
      expect(broken.calls.filter((k) => k === key)).toHaveLength(2);
    } finally {
      await broken.close();
    }
  } finally {
    await ok.close();
  }
});

it('records plan filings, meets the projects’ plan obligations, and shows who is late', async () => {
  const deptB = await as('dept-b');
  const planYear = yearOf(shanghaiDateOf(Date.now())) + 1;
  const project = await system
    .http()
    .post('/api/v1/projects')
    .set(deptB)
    .send({ name: '计划申报项目', policy: 'jinhu', planYear, investment: 1, category: 'general' })
    .expect(201);
  const filed = await system
    .http()
    .post('/api/v1/plan-filings')
    .set(deptB)
    .send({ policy: 'jinhu', planYear })
    .expect(201);
  expect(filed.body).toMatchObject({ departmentId: 'dept-b', policy: 'jinhu', planYear, projectsMet: 1 });
  await system.http().post('/api/v1/plan-filings').set(deptB).send({ policy: 'jinhu', planYear }).expect(409);
  await system
    .http()
    .post('/api/v1/plan-filings')
    .set(deptB)
    .send({ policy: 'shandong', planYear })
    .expect(400);
  await system
    .http()
    .post('/api/v1/plan-filings')
    .set(deptB)
    .send({ policy: 'jinhu', planYear, departmentId: 'dept-a' })
    .expect(404);
  const detail = await system.http().get(`/api/v1/projects/${project.body.id}`).set(deptB).expect(200);
  expect(detail.body.obligations.find((o: { key: string }) => o.key === 'plan.filing').status).toMatch(
    /^met/,
  );
  const view = await system
    .http()
    .get(`/api/v1/oversight/plan-filings?year=${planYear}`)
    .set(await as('operator'))
    .expect(200);
  const jinhu = view.body.regulations.find((r: { policy: string }) => r.policy === 'jinhu');
  const dueOn = cal.rollForward(`${planYear - 1}-09-30`);
  expect(jinhu).toMatchObject({ basis: 'Jinhu 第七条', dueOn });
  const row = jinhu.departments.find((d: { departmentId: string }) => d.departmentId === 'dept-b');
  expect(row).toMatchObject({
    filedOn: shanghaiDateOf(Date.now()),
    late: shanghaiDateOf(Date.now()) > dueOn,
  });
  const own = await system
    .http()
    .get(`/api/v1/oversight/plan-filings?year=${planYear}`)
    .set(await as('dept-a'))
    .expect(200);
  expect(
    own.body.regulations
      .flatMap((r: { departments: { departmentId: string }[] }) => r.departments)
      .every((d: { departmentId: string }) => d.departmentId === 'dept-a'),
  ).toBe(true);
});

it('shows the plan-filing schedules and their next runs', async () => {
  const ids = await ensurePlanSchedules(system.env.client, 'api-e2e-schedules');
  try {
    const res = await system
      .http()
      .get('/api/v1/plan-filings/schedules')
      .set(await as('dept-a'))
      .expect(200);
    expect(res.body.map((s: { policy: string }) => s.policy)).toEqual(['yunfu', 'jinhu']);
    const jinhu = res.body.find((s: { policy: string }) => s.policy === 'jinhu');
    expect(jinhu.nextRuns[0]).toMatch(/-08-30T16:00:00\.000Z$/);
  } finally {
    for (const id of ids) await system.env.client.schedule.getHandle(id).delete();
  }
});

it('lets an operator choose the daily digest', async () => {
  const op = await as('operator');
  const res = await system
    .http()
    .put('/api/v1/me/preferences')
    .set(op)
    .send({ email: 'operator@bureau.example', dailyDigest: true })
    .expect(200);
  expect(res.body).toMatchObject({
    username: 'operator',
    email: 'operator@bureau.example',
    dailyDigest: true,
  });
  await system.http().put('/api/v1/me/preferences').set(op).send({ email: 'not-an-email' }).expect(400);
  const me = await system.http().get('/api/v1/me').set(op).expect(200);
  expect(me.body.dailyDigest).toBe(true);
  await system.http().put('/api/v1/me/preferences').set(op).send({ dailyDigest: false }).expect(200);
  await system.dataSource.query(`UPDATE users SET email = NULL WHERE username = 'operator'`);
});
