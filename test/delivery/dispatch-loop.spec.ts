/**
 * The dispatcher loop against real receivers on loopback: a slow receiver holds up nobody else, a
 * stopped dispatcher hands its claims back at once, several dispatchers never send one delivery at the
 * same time, and a lease is renewed while a send slower than the lease is still in flight.
 */
import type { DataSource } from 'typeorm';
import { startDispatcherLoop } from '../../apps/dispatcher/loop';
import { openDatabase } from '../../db/data-source';
import { countingReceiver, queueBacklog, type CountingReceiver } from './backlog';

const SECRET = 'loop-secret-0123456789';
let dataSource: DataSource;
const receivers: CountingReceiver[] = [];

beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await dataSource.destroy();
});

async function receiver(delayMs = 0) {
  const r = await countingReceiver(SECRET, { delayMs });
  receivers.push(r);
  return r;
}

const loop = (options: { leaseMs?: number; stopGraceMs?: number; perReceiver?: number } = {}) =>
  startDispatcherLoop(dataSource, {
    email: null,
    allow: ['127.0.0.1'],
    settleMs: 0,
    intervalMs: 200,
    concurrency: 32,
    perReceiver: options.perReceiver ?? 4,
    ...options,
  });

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}

async function statesOf(departmentId: string) {
  const rows: { status: string; attempts: number; claimed_by: string | null; due: boolean }[] =
    await dataSource.query(
      `SELECT d.status, d.attempts, d.claimed_by, d.next_attempt_at <= now() AS due
         FROM deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.department_id = $1`,
      [departmentId],
    );
  return rows;
}

it('a receiver that answers after 5 s delays nobody: the fast one gets everything meanwhile', async () => {
  const slow = await receiver(5_000);
  const fast = await receiver();
  // The slow receiver's notices are older, so they are first in line.
  const a = await queueBacklog(dataSource, { count: 6, url: slow.url, secret: SECRET });
  await queueBacklog(dataSource, { count: 40, url: fast.url, secret: SECRET, setAside: false });
  const first = loop({ stopGraceMs: 200 });
  try {
    const took = await until(() => fast.accepted.size === 40, 4_000);
    expect(took).toBeLessThan(4_000);
    expect(slow.accepted.size).toBe(0); // still waiting for its first answers
    expect(slow.peakInFlight()).toBeLessThanOrEqual(4);
  } finally {
    await first.stop();
  }
  // Stopped: every claim is back, due at once, owned by nobody; the ones never tried cost no attempt.
  const back = await statesOf(a.departmentId);
  expect(back).toHaveLength(6);
  expect(back.every((d) => d.claimed_by === null && d.due && d.status !== 'sending')).toBe(true);
  expect(back.filter((d) => d.status === 'pending' && d.attempts === 0)).toHaveLength(2);
  expect(back.filter((d) => d.status === 'failed' && d.attempts === 1)).toHaveLength(4);
  // Another dispatcher takes them at once, not after a lease runs out.
  const callsBefore = slow.calls();
  const second = loop();
  try {
    expect(await until(() => slow.calls() >= callsBefore + 4, 2_000)).toBeLessThan(2_000);
    await until(() => slow.accepted.size === 6, 15_000);
  } finally {
    await second.stop();
  }
  expect((await statesOf(a.departmentId)).every((d) => d.status === 'sent')).toBe(true);
}, 40_000);

it('three dispatchers at once send each delivery exactly once, never two copies at a time', async () => {
  const hook = await receiver(20);
  const backlog = await queueBacklog(dataSource, { count: 300, url: hook.url, secret: SECRET });
  const loops = [loop(), loop(), loop()];
  try {
    await until(() => hook.accepted.size === 300, 30_000);
  } finally {
    await Promise.all(loops.map((l) => l.stop()));
  }
  expect(hook.overlaps()).toBe(0);
  expect(hook.calls()).toBe(300);
  expect(hook.badSignatures()).toBe(0);
  // Per dispatcher at most 4 at a time to this receiver, so three of them at most 12.
  expect(hook.peakInFlight()).toBeLessThanOrEqual(12);
  const states = await statesOf(backlog.departmentId);
  expect(states.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
}, 60_000);

it('renews the lease of a send slower than the lease, so a second dispatcher does not send it again', async () => {
  const hook = await receiver(2_500);
  const backlog = await queueBacklog(dataSource, { count: 4, url: hook.url, secret: SECRET });
  const loops = [loop({ leaseMs: 1_000 }), loop({ leaseMs: 1_000 })];
  try {
    await until(() => hook.accepted.size === 4, 15_000);
    // Past two more lease lengths: nobody took a delivery over.
    await new Promise((r) => setTimeout(r, 2_000));
  } finally {
    await Promise.all(loops.map((l) => l.stop()));
  }
  expect(hook.calls()).toBe(4);
  expect(hook.overlaps()).toBe(0);
  expect((await statesOf(backlog.departmentId)).every((d) => d.status === 'sent')).toBe(true);
}, 30_000);

it('a delivery that waited behind a slow receiver is checked again before it goes: channel switched off, not sent', async () => {
  const hook = await receiver(1_500);
  const backlog = await queueBacklog(dataSource, { count: 3, url: hook.url, secret: SECRET });
  const one = loop({ perReceiver: 1 });
  try {
    await until(() => hook.calls() === 1, 5_000);
    // Claimed with the first, the other two wait in their lane while it is answered.
    await dataSource.query(
      `UPDATE department_channels SET webhook_enabled = false WHERE department_id = $1`,
      [backlog.departmentId],
    );
    await until(
      async () => (await statesOf(backlog.departmentId)).filter((d) => d.status === 'cancelled').length === 2,
      10_000,
    );
  } finally {
    await one.stop();
  }
  expect(hook.calls()).toBe(1);
}, 30_000);
