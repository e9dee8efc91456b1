/**
 * The API and the worker reach Temporal over mTLS with an API key, configured only through the
 * environment they are deployed with: through a TLS front that admits the test CA's client
 * certificate and the key, a project is registered end to end; without the certificate, with a
 * stranger's, in plaintext or with a wrong key, Temporal is not reached.
 */
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/app';
import { loadApiConfig } from '../../apps/api/config/api-config';
import { loadWorkerConfig } from '../../apps/worker/config';
import { createProjectWorker } from '../../apps/worker/worker';
import { openDatabase } from '../../db/data-source';
import { seedAccounts } from '../../db/seed-accounts';
import { connectionOptions, dataConverter } from '../../temporal/temporal-config';
import { PASSWORD } from './api-harness';
import { type Certificates, makeCertificates, startTlsProxy, type TlsProxy } from './grpc-tls-proxy';

const API_KEY = `key-${randomBytes(12).toString('hex')}`;
let certs: Certificates;
let env: TestWorkflowEnvironment;
let proxy: TlsProxy;
let dataSource: DataSource;
let worker: Worker;
let running: Promise<void>;
let app: INestApplication;
let deployed: NodeJS.ProcessEnv;

beforeAll(async () => {
  certs = makeCertificates();
  const cli = process.env.TEMPORAL_CLI;
  env = await TestWorkflowEnvironment.createLocal({
    server: cli ? { executable: { type: 'existing-path', path: cli } } : {},
  });
  proxy = await startTlsProxy({ certs, upstream: env.address, apiKey: API_KEY });
  deployed = {
    DATABASE_URL: process.env.DATABASE_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    TEMPORAL_ADDRESS: proxy.address,
    TEMPORAL_TASK_QUEUE: `tls-${randomBytes(4).toString('hex')}`,
    TEMPORAL_TLS_CA_FILE: certs.ca,
    TEMPORAL_TLS_CERT_FILE: certs.clientCert,
    TEMPORAL_TLS_KEY_FILE: certs.clientKey,
    // The front's certificate names localhost; the address is an IP.
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_API_KEY: API_KEY,
    TEMPORAL_ENCRYPTION_KEYS: `tls-test:${randomBytes(32).toString('base64')}`,
  };
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
  await seedAccounts(dataSource, PASSWORD);
  const workerConfig = loadWorkerConfig(deployed);
  worker = await createProjectWorker({
    connection: await NativeConnection.connect(connectionOptions(workerConfig.temporal)),
    taskQueue: workerConfig.taskQueue,
    dataSource,
    dataConverter: dataConverter(workerConfig.temporal, 'worker'),
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH as string },
  });
  running = worker.run();
  app = await createApp(loadApiConfig(deployed), { logger: false });
  await app.init();
});

afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await running;
  await proxy?.close();
  await env?.teardown();
  await dataSource?.destroy();
});

it('registers a project end to end with the API and the worker both on mTLS with the API key', async () => {
  const http = () => request(app.getHttpServer());
  const login = await http()
    .post('/api/v1/auth/login')
    .send({ username: 'dept-a', password: PASSWORD })
    .expect(200);
  const res = await http()
    .post('/api/v1/projects')
    .set('Authorization', `Bearer ${login.body.accessToken}`)
    .send({
      name: `mTLS项目-${randomUUID().slice(0, 6)}`,
      policy: 'shandong',
      planYear: 2026,
      investment: 3_500_000,
      events: [{ type: 'contract.signed', on: '2026-08-03' }],
    })
    .expect(201);
  expect(res.body.obligations.map((o: { key: string }) => o.key)).toContain('contract.filing');
  // Both SDK transports went through the front: grpc-js (the API's client) and tonic (the worker's core).
  expect([...proxy.admitted].sort()).toEqual(
    expect.arrayContaining([expect.stringMatching(/grpc-node-js/), expect.stringMatching(/^tonic$/)]),
  );
  expect(proxy.refusedKeys).toBe(0);
});

describe('Temporal is not reached', () => {
  const attempt = (options: Parameters<typeof Connection.connect>[0]) =>
    Connection.connect({ address: proxy.address, connectTimeout: 3_000, ...options }).then(async (c) => {
      await c.workflowService.getSystemInfo({});
      await c.close();
    });
  const ca = () => readFileSync(certs.ca);

  it('without a client certificate', async () => {
    await expect(
      attempt({ tls: { serverRootCACertificate: ca(), serverNameOverride: 'localhost' }, apiKey: API_KEY }),
    ).rejects.toThrow();
  });

  it('with a certificate the CA did not sign', async () => {
    const clientCertPair = { crt: readFileSync(certs.strangerCert), key: readFileSync(certs.strangerKey) };
    await expect(
      attempt({
        tls: { serverRootCACertificate: ca(), serverNameOverride: 'localhost', clientCertPair },
        apiKey: API_KEY,
      }),
    ).rejects.toThrow();
  });

  it('in plaintext', async () => {
    await expect(attempt({})).rejects.toThrow();
  });

  it('with a wrong API key, though the certificate is right', async () => {
    const before = proxy.refusedKeys;
    const clientCertPair = { crt: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    await expect(
      attempt({
        tls: { serverRootCACertificate: ca(), serverNameOverride: 'localhost', clientCertPair },
        apiKey: 'wrong-key-0123456789',
      }),
    ).rejects.toThrow('Failed to connect to Temporal server');
    expect(proxy.refusedKeys).toBeGreaterThan(before);
  });
});
