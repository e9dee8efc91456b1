/**
 * Fault: the dispatcher process is killed (SIGKILL, no chance to hand anything back) while deliveries
 * are in flight. A second dispatcher process takes over once the dead one's short leases lapse: every
 * notice reaches the receiver, each key is accepted once, and nothing is lost or left `sending`.
 * Stopped with SIGTERM instead, a dispatcher hands its claims back, and the next one needs no lease to
 * run out at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../db/data-source';
import { countingReceiver, queueBacklog, type CountingReceiver } from './backlog';

const SECRET = 'kill-secret-0123456789';
const COUNT = 300;
/** The lease the dispatcher processes run with: how long a killed one's claims stay out of reach. */
const LEASE_MS = 3_000;
/** What this test promises: from the kill to the last notice received, at most this long. */
const RECOVERY_MS = 25_000;

let dataSource: DataSource;
let hook: CountingReceiver;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
  // Each call takes 40 ms, so at any moment a few deliveries are in flight, to be cut off by the kill.
  hook = await countingReceiver(SECRET, { delayMs: 40 });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await hook.close();
  await dataSource.destroy();
});

function dispatcherProcess(leaseMs = LEASE_MS): ChildProcess {
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/dispatcher/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL,
      WEBHOOK_ALLOW: '127.0.0.1',
      DISPATCH_LEASE_MS: String(leaseMs),
      DISPATCH_INTERVAL_MS: '200',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  children.push(child);
  return child;
}

async function statusCounts(departmentId: string): Promise<{ status: string; n: number }[]> {
  return dataSource.query(
    `SELECT d.status, count(*)::int AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id
      WHERE n.department_id = $1 GROUP BY d.status ORDER BY d.status`,
    [departmentId],
  );
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

it('a dispatcher killed mid-delivery: another takes over, every notice arrives, each key accepted once', async () => {
  const { departmentId } = await queueBacklog(dataSource, { count: COUNT, url: hook.url, secret: SECRET });
  const first = dispatcherProcess();
  await until(() => hook.accepted.size >= 60, 30_000, 'first dispatcher delivering');
  first.kill('SIGKILL');
  const killedAt = Date.now();
  await new Promise((r) => first.once('exit', r));
  const [{ stuck }]: [{ stuck: number }] = await dataSource.query(
    `SELECT count(*)::int AS stuck FROM deliveries d JOIN notifications n ON n.id = d.notification_id
      WHERE n.department_id = $1 AND d.status = 'sending'`,
    [departmentId],
  );
  // Killed with claims in hand: those are what the second dispatcher must recover.
  expect(stuck).toBeGreaterThan(0);
  expect(hook.accepted.size).toBeLessThan(COUNT);

  const second = dispatcherProcess();
  await until(() => hook.accepted.size === COUNT, RECOVERY_MS, 'second dispatcher finishing');
  const recoveredMs = Date.now() - killedAt;
  expect(recoveredMs).toBeLessThan(RECOVERY_MS);
  expect(hook.badSignatures()).toBe(0);
  // At least once: a call the kill cut off may come again, but the receiver accepts each key once,
  // and a retaken delivery is never sent while the dead dispatcher's copy could still be in flight.
  expect(hook.calls()).toBeGreaterThanOrEqual(COUNT);
  expect(hook.overlaps()).toBe(0);
  // The last sends are recorded a moment after they land.
  let rows = await statusCounts(departmentId);
  for (let i = 0; i < 50 && rows.length !== 1; i++) {
    await new Promise((r) => setTimeout(r, 100));
    rows = await statusCounts(departmentId);
  }
  expect(rows).toEqual([{ status: 'sent', n: COUNT }]);
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));
  console.log(
    `killed holding ${stuck} claims; all ${COUNT} received ${(recoveredMs / 1000).toFixed(1)} s after the kill ` +
      `(lease ${LEASE_MS / 1000} s), ${hook.calls() - COUNT} repeated calls dropped by key`,
  );
}, 60_000);

it('a dispatcher stopped with SIGTERM hands its claims back: the next one goes on without waiting out a lease', async () => {
  const LONG_LEASE_MS = 60_000;
  const before = hook.accepted.size;
  const { departmentId } = await queueBacklog(dataSource, { count: COUNT, url: hook.url, secret: SECRET });
  const first = dispatcherProcess(LONG_LEASE_MS);
  await until(() => hook.accepted.size >= before + 60, 30_000, 'first dispatcher delivering');
  first.kill('SIGTERM');
  const exitCode = await new Promise((r) => first.once('exit', r));
  expect(exitCode).toBe(0);
  const [{ held }]: [{ held: number }] = await dataSource.query(
    `SELECT count(*)::int AS held FROM deliveries d JOIN notifications n ON n.id = d.notification_id
      WHERE n.department_id = $1 AND (d.status = 'sending' OR d.claimed_by IS NOT NULL)`,
    [departmentId],
  );
  expect(held).toBe(0);
  const stoppedAt = Date.now();
  const next = dispatcherProcess(LONG_LEASE_MS);
  // Far sooner than the 60 s lease: nothing was left leased to the stopped dispatcher.
  await until(() => hook.accepted.size === before + COUNT, 20_000, 'second dispatcher finishing');
  expect(Date.now() - stoppedAt).toBeLessThan(20_000);
  expect(hook.overlaps()).toBe(0);
  next.kill('SIGTERM');
  await new Promise((r) => next.once('exit', r));
}, 60_000);
