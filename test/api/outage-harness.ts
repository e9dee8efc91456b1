/**
 * A whole system whose PostgreSQL or Temporal a test may stop and start again: the API and a worker
 * built on addresses the test owns, never the shared database or a server another file uses.
 */
import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/app';
import type { ApiConfig } from '../../apps/api/config/api-config';
import { createProjectWorker } from '../../apps/worker/worker';
import { openDatabase } from '../../db/data-source';
import { seedAccounts } from '../../db/seed-accounts';
import { dataConverter, type TemporalConfig } from '../../temporal/temporal-config';
import { PASSWORD, testEncryption } from './api-harness';

export const METRICS_TOKEN = randomBytes(16).toString('hex');

export interface Stack {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  temporal: TemporalConfig;
  token(username: string): Promise<string>;
  /** Starts the worker again (after its server came back), if it stopped. */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(databaseUrl: string, temporalAddress: string): Promise<Stack> {
  const taskQueue = `outage-${randomBytes(4).toString('hex')}`;
  const temporal: TemporalConfig = {
    address: temporalAddress,
    namespace: 'default',
    taskQueue,
    encryption: testEncryption(),
  };
  const dataSource = await openDatabase(databaseUrl);
  await seedAccounts(dataSource, PASSWORD);
  let connection = await NativeConnection.connect({ address: temporalAddress });
  let worker: Worker;
  let running: Promise<void>;
  const startWorker = async () => {
    worker = await createProjectWorker({
      dataConverter: dataConverter(temporal, 'worker'),
      connection,
      taskQueue,
      dataSource,
      workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH as string },
    });
    // A worker whose server vanished may fail; the test starts another once the server is back.
    running = worker.run().catch(() => undefined);
  };
  await startWorker();
  const config: ApiConfig = {
    port: 0,
    databaseUrl,
    temporalAddress,
    namespace: 'default',
    taskQueue,
    temporal,
    jwt: {
      secret: randomBytes(32).toString('hex'),
      issuer: 'deadline-keeper',
      audience: 'deadline-keeper-api',
      ttlSeconds: 3600,
    },
    loginPerMinute: 1000,
    login: { maxFailures: 5, lockMinutes: 15 },
    simulate: { threads: 1, perMinute: 1000 },
    webhookAllow: ['127.0.0.1'],
    metricsToken: METRICS_TOKEN,
  };
  const app = await createApp(config, { logger: false });
  await app.init();
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    dataSource,
    temporal,
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await http().post('/api/v1/auth/login').send({ username, password: PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
      return res.body.accessToken as string;
    },
    async restartWorker() {
      if (worker.getState() === 'RUNNING') return;
      await running;
      await connection.close().catch(() => undefined);
      connection = await NativeConnection.connect({ address: temporalAddress });
      await startWorker();
    },
    async close() {
      await app.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close().catch(() => undefined);
      await dataSource.destroy();
    },
  };
}

export interface Answer {
  label: string;
  startedAt: number;
  ms: number;
  status: number;
  retryAfter?: string;
  detail?: string;
}

/** One request, timed; a request that fails without an answer counts as status 0. */
export async function timed(label: string, req: () => request.Test): Promise<Answer> {
  const startedAt = Date.now();
  try {
    const res = await req().timeout(15_000);
    return {
      label,
      startedAt,
      ms: Date.now() - startedAt,
      status: res.status,
      ...(res.headers['retry-after'] ? { retryAfter: res.headers['retry-after'] as string } : {}),
      ...(typeof res.body?.detail === 'string' ? { detail: res.body.detail as string } : {}),
    };
  } catch {
    return { label, startedAt, ms: Date.now() - startedAt, status: 0 };
  }
}

/** Light load: one round of `requests` every `everyMs` until `until`, all answers kept. */
export async function load(
  requests: () => Promise<Answer>[],
  until: () => boolean,
  everyMs = 500,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const pending: Promise<void>[] = [];
  while (!until()) {
    pending.push(Promise.all(requests()).then((round) => void answers.push(...round)));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(pending);
  return answers;
}

/** Slowest answer, a median, and the count, for the report. */
export function summary(answers: Answer[]): string {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const statuses = [...new Set(answers.map((a) => a.status))].join('/');
  return `${answers.length} answers (${statuses}), median ${ms[Math.floor(ms.length / 2)] ?? 0} ms, slowest ${ms[ms.length - 1] ?? 0} ms`;
}

/** Polls until `ok` holds; returns how long it took. */
export async function until(ok: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await ok().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`did not recover within ${withinMs} ms`);
}
