/**
 * A worker killed (SIGKILL) in the middle of registrations: the clients retry with their
 * Idempotency-Keys, a new worker takes over, and afterwards every key names exactly one project with
 * its running workflow and its obligations, no notice is written twice, and it all settles within
 * a stated time after the new worker starts.
 */
import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { In, type DataSource } from 'typeorm';
import { createApp } from '../../apps/api/app';
import { loadApiConfig } from '../../apps/api/config/api-config';
import { openDatabase } from '../../db/data-source';
import { ProjectEntity } from '../../db/entities';
import { seedAccounts } from '../../db/seed-accounts';
import { dataConverter, loadTemporalConfig } from '../../temporal/temporal-config';
import { PASSWORD } from './api-harness';

const ROOT = join(__dirname, '..', '..');
const REGISTRATIONS = 24;
/** From the new worker's start to the last registration answered. */
const RECOVERY_SECONDS = 60;

let env: TestWorkflowEnvironment;
let dataSource: DataSource;
let app: INestApplication;
let base = '';
let deployed: NodeJS.ProcessEnv;
const workers: ChildProcess[] = [];

function startWorker(): Promise<ChildProcess> {
  // node itself runs the worker (tsx as a loader), so SIGKILL reaches the process that polls, not a
  // launcher whose child would live on.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps', 'worker', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...deployed },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (out.includes('polling task queue')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${out}`)));
  });
}

beforeAll(async () => {
  const cli = process.env.TEMPORAL_CLI;
  env = await TestWorkflowEnvironment.createLocal({
    server: cli ? { executable: { type: 'existing-path', path: cli } } : {},
  });
  deployed = {
    DATABASE_URL: process.env.DATABASE_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: `killed-${randomBytes(4).toString('hex')}`,
    TEMPORAL_ENCRYPTION_KEYS: `kill-test:${randomBytes(32).toString('base64')}`,
    WORKFLOW_BUNDLE_PATH: process.env.WORKFLOW_BUNDLE_PATH,
    SWEEP_INTERVAL_MS: '2000',
  };
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
  await seedAccounts(dataSource, PASSWORD);
  app = await createApp(loadApiConfig(deployed), { logger: false });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  for (const w of workers) {
    w.kill('SIGKILL');
    w.stdout?.destroy();
    w.stderr?.destroy();
  }
  await app?.close();
  await env?.teardown();
  await dataSource?.destroy();
});

it('loses no registration and makes no duplicate when the worker is killed mid-way', async () => {
  await startWorker().then((w) => w);
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dept-a', password: PASSWORD }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const keys = Array.from({ length: REGISTRATIONS }, () => randomUUID());
  let answered = 0;
  const ids = new Map<string, string>();
  const register = async (key: string, i: number) => {
    // A client that keeps its key and retries what did not answer 201, as the README tells it to.
    for (let attempt = 0; attempt < 40; attempt++) {
      const res = await fetch(`${base}/projects`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({
          name: `中断测试项目-${i}`,
          policy: 'shandong',
          planYear: 2026,
          investment: 3_500_000,
          events: [{ type: 'contract.signed', on: '2026-08-03' }],
        }),
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      if (res?.status === 201) {
        const body = (await res.json()) as { id: string; obligations: { key: string }[] };
        expect(body.obligations.map((o) => o.key)).toContain('contract.filing');
        ids.set(key, body.id);
        answered++;
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`registration ${i} never completed`);
  };
  let next = 0;
  const clients = Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < keys.length) {
        const i = next++;
        await register(keys[i] as string, i);
      }
    }),
  );
  while (answered < 4) await new Promise((r) => setTimeout(r, 20));
  const first = workers[0] as ChildProcess;
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  await startWorker();
  const restarted = Date.now();
  await clients;
  const recoverySeconds = (Date.now() - restarted) / 1000;
  expect(recoverySeconds).toBeLessThan(RECOVERY_SECONDS);

  expect(new Set(ids.values()).size).toBe(REGISTRATIONS);
  const rows = await dataSource.getRepository(ProjectEntity).findBy({ id: In([...ids.values()]) });
  expect(rows).toHaveLength(REGISTRATIONS);
  expect(rows.filter((r) => r.status !== 'active')).toEqual([]);
  const named = await dataSource.query(
    `SELECT count(*)::int AS n FROM projects WHERE name LIKE '中断测试项目-%'`,
  );
  expect(named[0].n).toBe(REGISTRATIONS);
  const temporal = loadTemporalConfig(deployed, []);
  const client = new Client({ connection: env.connection, dataConverter: dataConverter(temporal, 'client') });
  for (const id of ids.values()) {
    const description = await client.workflow.getHandle(`project-${id}`).describe();
    expect(description.status.name).toBe('RUNNING');
  }
  const duplicates = await dataSource.query(
    `SELECT project_id, obligation_key, kind, count(*)::int AS n FROM notifications
      WHERE project_id = ANY($1) GROUP BY 1, 2, 3, scheduled_for HAVING count(*) > 1`,
    [[...ids.values()]],
  );
  expect(duplicates).toEqual([]);
});
