/**
 * The real stack for benchmarks, outside Jest: PostgreSQL (DATABASE_URL or an embedded server), the
 * Temporal dev server (TEMPORAL_CLI, as scripts/temporal-tools.sh provides it), a worker and the API in
 * this process, with payload encryption on as in production.
 */
import type { INestApplication } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { mkdtempSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from '../apps/api/app';
import type { ApiConfig } from '../apps/api/config/api-config';
import { createProjectWorker, WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from '../apps/worker/worker';
import { openDatabase } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { seedAccounts } from '../db/seed-accounts';
import { dataConverter, type TemporalConfig } from '../temporal/temporal-config';

export const BENCH_PASSWORD = 'bench-password';

export interface BenchStack {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  app: INestApplication;
  base: string;
  temporal: TemporalConfig;
  worker: Worker;
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** The SDK's runtime is installed once a process; a second stack in the same run reuses it. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  runtimeInstalled = true;
}

/** DATABASE_URL, or an embedded server in a temporary folder whose stop is pushed onto `stops`. */
export async function benchDatabaseUrl(stops: (() => Promise<unknown>)[]): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), 'deadline-keeper-bench-'));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
  stops.push(db.stop);
  return db.url;
}

/** The workflow bundle as the worker runs it, with the refused-payload interceptor. */
export async function benchBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  return code;
}

export async function startBenchStack(options: { maxCachedWorkflows?: number } = {}): Promise<BenchStack> {
  quietRuntime();
  const stops: (() => Promise<unknown>)[] = [];
  const url = await benchDatabaseUrl(stops);
  const dataSource = await openDatabase(url);
  stops.push(() => dataSource.destroy());
  await seedAccounts(dataSource, BENCH_PASSWORD);
  const cli = process.env.TEMPORAL_CLI;
  const env = await TestWorkflowEnvironment.createLocal({
    server: cli
      ? { executable: { type: 'existing-path', path: cli }, extraArgs: ['--log-level', 'error'] }
      : {},
  });
  stops.push(() => env.teardown());
  const temporal: TemporalConfig = {
    address: env.address,
    namespace: 'default',
    taskQueue: `bench-${randomBytes(4).toString('hex')}`,
    encryption: { keys: [{ id: 'bench', key: randomBytes(32) }], acceptPlaintext: false },
  };
  const code = await benchBundle();
  const worker = await createProjectWorker({
    connection: env.nativeConnection,
    taskQueue: temporal.taskQueue,
    dataSource,
    dataConverter: dataConverter(temporal, 'worker'),
    workflowBundle: { code },
    ...(options.maxCachedWorkflows ? { tuning: { maxCachedWorkflows: options.maxCachedWorkflows } } : {}),
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running;
  });
  const config: ApiConfig = {
    port: 0,
    databaseUrl: url,
    temporalAddress: env.address,
    namespace: 'default',
    taskQueue: temporal.taskQueue,
    temporal,
    jwt: {
      secret: randomBytes(32).toString('hex'),
      issuer: 'deadline-keeper',
      audience: 'deadline-keeper-api',
      ttlSeconds: 3600,
    },
    loginPerMinute: 10_000,
    login: { maxFailures: 5, lockMinutes: 15 },
    simulate: { threads: 1, perMinute: 1000 },
    webhookAllow: ['127.0.0.1'],
  };
  const app = await createApp(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  stops.push(() => app.close());
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
  const tokens = new Map<string, string>();
  return {
    env,
    dataSource,
    app,
    base,
    temporal,
    worker,
    async token(username) {
      if (!tokens.has(username)) {
        const res = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: BENCH_PASSWORD }),
        });
        tokens.set(username, ((await res.json()) as { accessToken: string }).accessToken);
      }
      return tokens.get(username) as string;
    },
    async stop() {
      for (const stop of stops.reverse()) await stop().catch((e: Error) => console.error(e.message));
    },
  };
}

/** Runs `task(i)` for i in [0, n) with `concurrency` at once; answers the wall time in ms. */
export async function pool(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return performance.now() - start;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
