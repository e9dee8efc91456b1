/**
 * Webhooks go only where the address policy allows, checked again when sending; a slow receiver holds up
 * nobody else; a delivery whose channel was switched off is not sent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { openDatabase } from '../../db/data-source';
import { DeliveryEntity, DepartmentChannelEntity } from '../../db/entities';
import { departmentWithProject } from './delivery-fixtures';

let dataSource: DataSource;
const servers: Server[] = [];

beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
});
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await dataSource.destroy();
});

/** A receiver that records when each call arrived; `hang` never answers. */
async function receiver(hang = false) {
  const arrivals: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    arrivals.push(Date.now());
    if (!hang) res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { arrivals, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

const webhook = (url: string) => ({
  webhookUrl: url,
  webhookSecret: 'safety-secret-0123',
  webhookEnabled: true,
  emailEnabled: false,
});

async function deliveryOf(notificationId: string): Promise<DeliveryEntity> {
  return dataSource.getRepository(DeliveryEntity).findOneByOrFail({ notificationId, channel: 'webhook' });
}

it('refuses at send time an internal address nobody allowed, and says so without port details', async () => {
  const hook = await receiver();
  // Written straight to the table, as if configured before the rule existed or behind the API's back.
  const fixture = await departmentWithProject(dataSource, webhook(hook.url));
  const n = await fixture.notify({});
  await new Dispatcher(dataSource, { email: null }).runOnce();
  expect(hook.arrivals).toEqual([]);
  const d = await deliveryOf(n.id);
  expect(d.status).toBe('failed');
  expect(d.lastError).toBe('接收地址指向内网或保留地址（127.0.0.1），管理员未允许，已拒绝发送');
  // Allowed by address and port, the same delivery goes out on its next attempt.
  const port = new URL(hook.url).port;
  await dataSource.getRepository(DeliveryEntity).update({ id: d.id }, { nextAttemptAt: new Date(0) });
  await new Dispatcher(dataSource, { email: null, allow: [`127.0.0.1:${port}`] }).runOnce();
  expect(hook.arrivals).toHaveLength(1);
  expect((await deliveryOf(n.id)).status).toBe('sent');
});

it('a hanging receiver does not hold up another department', async () => {
  const slow = await receiver(true);
  const fast = await receiver();
  // Each fixture sets aside the notifications before it, so both departments come first.
  const a = await departmentWithProject(dataSource, webhook(slow.url));
  const b = await departmentWithProject(dataSource, webhook(fast.url));
  const na = await a.notify({});
  const nb = await b.notify({});
  const dispatcher = new Dispatcher(dataSource, {
    email: null,
    allow: ['127.0.0.1'],
    webhookTimeoutMs: 3_000,
  });
  const started = Date.now();
  const pass = dispatcher.runOnce();
  // b's notification was written after a's, and still arrives long before a's call gives up.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(fast.arrivals).toHaveLength(1);
  expect((fast.arrivals[0] as number) - started).toBeLessThan(1_000);
  await pass;
  expect(slow.arrivals).toHaveLength(1);
  expect((await deliveryOf(nb.id)).status).toBe('sent');
  const stuck = await deliveryOf(na.id);
  expect(stuck.status).toBe('failed');
  expect(stuck.lastError).toBe('无法送达：未能连接接收方或接收方未及时答复');
});

it('does not send once the channel is switched off or points elsewhere', async () => {
  const hook = await receiver();
  const fixture = await departmentWithProject(dataSource, webhook(hook.url));
  const off = await fixture.notify({});
  const dispatcher = new Dispatcher(dataSource, { email: null, allow: ['127.0.0.1'] });
  await dispatcher.fanOut();
  await dataSource
    .getRepository(DepartmentChannelEntity)
    .update({ departmentId: fixture.departmentId }, { webhookEnabled: false });
  await dispatcher.runOnce();
  expect(hook.arrivals).toEqual([]);
  expect(await deliveryOf(off.id)).toMatchObject({
    status: 'cancelled',
    lastError: '渠道已停用或收件地址已更改，未发送',
  });
  // On again, then moved to another address after the delivery was planned: not sent to either.
  await dataSource
    .getRepository(DepartmentChannelEntity)
    .update({ departmentId: fixture.departmentId }, { webhookEnabled: true });
  const moved = await fixture.notify({ key: `moved-${Date.now()}` });
  await dispatcher.fanOut();
  await dataSource
    .getRepository(DepartmentChannelEntity)
    .update({ departmentId: fixture.departmentId }, { webhookUrl: `${hook.url}/new` });
  await dispatcher.runOnce();
  expect(hook.arrivals).toEqual([]);
  expect((await deliveryOf(moved.id)).status).toBe('cancelled');
});
