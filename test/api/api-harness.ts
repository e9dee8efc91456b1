/** The real system for end-to-end tests: PostgreSQL, the Temporal dev server, a worker, and the API over HTTP. */
import type { INestApplication } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/app';
import type { ApiConfig } from '../../apps/api/config/api-config';
import { createProjectWorker } from '../../apps/worker/worker';
import { openDatabase } from '../../db/data-source';
import { seedAccounts } from '../../db/seed-accounts';
import { dataConverter, type TemporalConfig } from '../../temporal/temporal-config';

/** A fresh key per test file: every API test runs with payloads sealed, as production does. */
export function testEncryption(): NonNullable<TemporalConfig['encryption']> {
  return {
    keys: [{ id: `test-${randomBytes(3).toString('hex')}`, key: randomBytes(32) }],
    acceptPlaintext: false,
  };
}

export const PASSWORD = 'e2e-password';

/** supertest's parser for a binary answer (an .xlsx): the body as one Buffer. */
export const binary = (res: unknown, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

export interface System {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  env: TestWorkflowEnvironment;
  /** The Temporal settings the API and worker run with (payloads sealed under a per-file key). */
  temporal: TemporalConfig;
  token(username: string): Promise<string>;
}

export function useSystem({ temporal: temporalOverrides, ...overrides }: Partial<ApiConfig> = {}): System {
  const system = {} as System;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    const cli = process.env.TEMPORAL_CLI;
    const taskQueue = `api-e2e-${randomBytes(4).toString('hex')}`;
    // The API, the worker and the tests' own client share one key, as the deployed processes do.
    const temporal: TemporalConfig = {
      address: '',
      namespace: 'default',
      taskQueue,
      // A history recorded as a replay fixture must be readable without this file's key.
      ...(process.env.SAVE_HISTORIES ? {} : { encryption: testEncryption() }),
      ...temporalOverrides,
    };
    system.env = await TestWorkflowEnvironment.createLocal({
      server: cli ? { executable: { type: 'existing-path', path: cli } } : {},
      client: { dataConverter: dataConverter(temporal, 'client') },
    });
    temporal.address = system.env.address;
    system.temporal = temporal;
    system.dataSource = await openDatabase(process.env.DATABASE_URL as string);
    await seedAccounts(system.dataSource, PASSWORD);
    worker = await createProjectWorker({
      dataConverter: dataConverter(temporal, 'worker'),
      connection: system.env.nativeConnection,
      taskQueue,
      dataSource: system.dataSource,
      workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH as string },
    });
    running = worker.run();
    const config: ApiConfig = {
      port: 0,
      databaseUrl: process.env.DATABASE_URL as string,
      temporalAddress: system.env.address,
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
      // The tests' receivers listen on loopback, as an intranet OA would on an allowed address.
      webhookAllow: ['127.0.0.1'],
      ...overrides,
    };
    system.app = await createApp(config, { logger: false });
    await system.app.init();
    system.http = () => request(system.app.getHttpServer());
    system.token = async (username: string) => {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await system
        .http()
        .post('/api/v1/auth/login')
        .send({ username, password: PASSWORD })
        .expect(200);
      tokens.set(username, res.body.accessToken);
      return res.body.accessToken as string;
    };
  });
  afterAll(async () => {
    await system.app?.close();
    worker?.shutdown();
    await running;
    await system.env?.teardown();
    await system.dataSource?.destroy();
  });
  return system;
}
