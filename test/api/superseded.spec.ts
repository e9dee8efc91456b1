/**
 * Entering history fact by fact: a notice written when the first fact made an obligation overdue is not
 * sent once the next fact, recorded a moment later, has met it. It is marked superseded, with the reason.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { DeliveryEntity, NotificationEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem();
let server: Server;
const received: string[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push(body);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(() => new Promise((r) => server.close(r)));

it('does not send an overdue notice that a fact recorded right after contradicts', async () => {
  const dept = { Authorization: `Bearer ${await system.token('dept-b')}` };
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oa`;
  await system
    .http()
    .put('/api/v1/departments/dept-b/channels')
    .set(dept)
    .send({ webhookUrl: url, webhookSecret: 'superseded-secret-01', webhookEnabled: true, emails: [] })
    .expect(200);
  const project = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '历史补录项目', policy: 'shandong', planYear: 2026, investment: 3_500_000 })
    .expect(201);
  const events = `/api/v1/projects/${project.body.id}/events`;
  await system.http().post(events).set(dept).send({ type: 'contract.signed', on: '2026-08-03' }).expect(200);
  const written = await system.dataSource.getRepository(NotificationEntity).findOneByOrFail({
    projectId: project.body.id,
    obligationKey: 'contract.filing',
    kind: 'overdue-notice',
  });
  await system.http().post(events).set(dept).send({ type: 'contract.filed', on: '2026-08-07' }).expect(200);
  // Even with no settling time at all, the dispatcher checks the notice against the facts when sending.
  await new Dispatcher(system.dataSource, { allow: ['127.0.0.1'], settleMs: 0, email: null }).runOnce();
  expect(received.filter((b) => b.includes(project.body.id))).toEqual([]);
  const notice = await system.dataSource
    .getRepository(NotificationEntity)
    .findOneByOrFail({ id: written.id });
  expect(notice.supersededAt).not.toBeNull();
  expect(notice.supersededReason).toMatch(/2026-08-07 (已)?办结/);
  const deliveries = await system.dataSource
    .getRepository(DeliveryEntity)
    .findBy({ notificationId: written.id, channel: 'webhook' });
  expect(deliveries.map((d) => d.status)).toEqual(['superseded']);
  // Superseded notices sort after the live ones, so with other tests' notices it may be past page 1 of 50.
  const inbox = await system.http().get('/api/v1/inbox?pageSize=200').set(dept).expect(200);
  expect(inbox.body.items.find((i: { id: string }) => i.id === written.id)).toMatchObject({
    superseded: true,
    supersededReason: notice.supersededReason,
  });
});

it('holds an overdue notice back for a settling time, so the next fact can come first', async () => {
  const dept = { Authorization: `Bearer ${await system.token('dept-b')}` };
  const project = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '逾期通知等待项目', policy: 'shandong', planYear: 2026, investment: 3_500_000 })
    .expect(201);
  await system
    .http()
    .post(`/api/v1/projects/${project.body.id}/events`)
    .set(dept)
    .send({ type: 'contract.signed', on: '2026-08-03' })
    .expect(200);
  const notice = await system.dataSource.getRepository(NotificationEntity).findOneByOrFail({
    projectId: project.body.id,
    obligationKey: 'contract.filing',
    kind: 'overdue-notice',
  });
  const started = Date.now();
  await new Dispatcher(system.dataSource, { allow: ['127.0.0.1'], email: null }).runOnce();
  const [delivery] = await system.dataSource
    .getRepository(DeliveryEntity)
    .findBy({ notificationId: notice.id, channel: 'webhook' });
  expect(delivery?.status).toBe('pending');
  expect((delivery?.nextAttemptAt.getTime() ?? 0) - started).toBeGreaterThan(25_000);
  expect(received.filter((b) => b.includes(project.body.id))).toEqual([]);
});
