/**
 * PostgreSQL stops for 30 s under light load (a server of this file's own, never the shared one):
 * every request answers 503 with a Chinese reason and Retry-After within 2 s, /metrics keeps
 * answering, and once the server is back the system recovers at once with nothing half-written.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectIdFor } from '../../apps/api/projects/registration.service';
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from '../../db/embedded-postgres';
import { FactEntity, ProjectEntity } from '../../db/entities';
import { shanghaiDateOf } from '../../domain';
import { PASSWORD } from './api-harness';
import {
  type Answer,
  load,
  METRICS_TOKEN,
  type Stack,
  startStack,
  summary,
  timed,
  until,
} from './outage-harness';

const OUTAGE_MS = 30_000;
const RECOVERY_MS = 5_000;
const folder = mkdtempSync(join(tmpdir(), 'pg-outage-'));
// The embedded server may run as the `postgres` user, which must reach its data folder.
chmodSync(folder, 0o755);
const dataDir = join(folder, 'pg');
let port: number;
let db: EmbeddedDatabase;
let env: TestWorkflowEnvironment;
let stack: Stack;

beforeAll(async () => {
  port = await freePort();
  db = await startEmbeddedPostgres({ dataDir, persistent: true, port });
  const cli = process.env.TEMPORAL_CLI;
  env = await TestWorkflowEnvironment.createLocal({
    server: cli ? { executable: { type: 'existing-path', path: cli } } : {},
  });
  stack = await startStack(db.url, env.address);
});

afterAll(async () => {
  await stack?.close();
  await env?.teardown();
  await db?.stop();
  rmSync(folder, { recursive: true, force: true });
});

it('answers 503 with Retry-After within 2 s while PostgreSQL is down, and recovers', async () => {
  const as = { Authorization: `Bearer ${await stack.token('dept-a')}` };
  const registered = await stack
    .http()
    .post('/api/v1/projects')
    .set({ ...as, 'Idempotency-Key': `base-${randomUUID()}` })
    .send({
      name: `停库前项目-${randomUUID().slice(0, 6)}`,
      policy: 'wuhan',
      planYear: 2027,
      investment: 900_000,
    })
    .expect(201);
  const projectId = registered.body.id as string;
  const today = shanghaiDateOf(Date.now());

  const scrape = () =>
    stack
      .http()
      .get('/metrics')
      .set({ Authorization: `Bearer ${METRICS_TOKEN}` });
  const counts = (text: string) =>
    text.split('\n').filter((l) => /^deadline_keeper_(obligations|open_incidents)\{/.test(l));
  const before = counts((await scrape()).text);
  expect(before.length).toBeGreaterThan(0);
  await db.stop();
  const keys: string[] = [];
  let round = 0;
  const outageEnds = Date.now() + OUTAGE_MS;
  const answers = await load(
    () => {
      const key = `outage-${round++}-${randomUUID().slice(0, 6)}`;
      keys.push(key);
      const http = stack.http;
      return [
        timed('list', () => http().get('/api/v1/projects').set(as)),
        timed('inbox', () => http().get('/api/v1/inbox').set(as)),
        timed('project', () => http().get(`/api/v1/projects/${projectId}`).set(as)),
        timed('overdue', () => http().get('/api/v1/oversight/overdue').set(as)),
        timed('fact', () =>
          http()
            .post(`/api/v1/projects/${projectId}/events`)
            .set({ ...as, 'Idempotency-Key': key })
            .send({ type: 'contract.signed', on: today }),
        ),
        timed('register', () =>
          http()
            .post('/api/v1/projects')
            .set({ ...as, 'Idempotency-Key': key })
            .send({ name: `停库中项目-${key}`, policy: 'wuhan', planYear: 2027, investment: 900_000 }),
        ),
        timed('login', () =>
          http().post('/api/v1/auth/login').send({ username: 'dept-b', password: PASSWORD }),
        ),
        timed('readyz', () => http().get('/readyz')),
        timed('metrics', () =>
          http()
            .get('/metrics')
            .set({ Authorization: `Bearer ${METRICS_TOKEN}` }),
        ),
        timed('healthz', () => http().get('/healthz')),
      ];
    },
    () => Date.now() > outageEnds,
  );
  const stale = await scrape();
  const restartedAt = Date.now();
  db = await startEmbeddedPostgres({ dataDir, persistent: true, port });
  const serverBack = Date.now() - restartedAt;

  const byLabel = (label: string) => answers.filter((a) => a.label === label);
  const unavailable = answers.filter((a) => !['metrics', 'healthz'].includes(a.label));
  console.log(
    `PostgreSQL outage (${OUTAGE_MS / 1000} s): 503s ${summary(unavailable)}; /metrics ${summary(byLabel('metrics'))}; /healthz ${summary(byLabel('healthz'))}; server restart ${serverBack} ms`,
  );
  expect(unavailable.length).toBeGreaterThan(300);
  const wrong = (a: Answer) => a.status !== 503 || a.retryAfter === undefined || a.ms >= 2_000;
  expect(unavailable.filter(wrong)).toEqual([]);
  for (const a of unavailable.filter((a) => a.label !== 'readyz'))
    expect(a.detail).toContain('数据库暂时不可用');
  for (const a of byLabel('readyz')) expect(a.detail).toContain('数据库（PostgreSQL）不可用');
  for (const a of byLabel('readyz')) expect(a.detail).not.toContain('工作流服务（Temporal）不可用');
  expect(byLabel('metrics').filter((a) => a.status !== 200 || a.ms >= 2_000)).toEqual([]);
  expect(byLabel('healthz').every((a) => a.status === 200)).toBe(true);

  // Recovery: ready, listing and signing in again within RECOVERY_MS of the server accepting connections.
  const recovered = await until(async () => {
    const [ready, list, login] = await Promise.all([
      stack.http().get('/readyz'),
      stack.http().get('/api/v1/projects').set(as),
      stack.http().post('/api/v1/auth/login').send({ username: 'dept-b', password: PASSWORD }),
    ]);
    return ready.status === 200 && list.status === 200 && login.status === 200;
  }, RECOVERY_MS);
  console.log(`PostgreSQL outage: recovered ${recovered} ms after the server was back`);
  // During the outage: the counts last read, marked stale.
  expect(counts(stale.text)).toEqual(before);
  expect(stale.text).toMatch(/deadline_keeper_read_model_up 0/);
  const fresh = await scrape();
  expect(fresh.text).toMatch(/deadline_keeper_read_model_up 1/);

  // Nothing half-written: no registration of the outage left a row, no fact was recorded.
  const projects = stack.dataSource.getRepository(ProjectEntity);
  const ids = keys.map((k) => projectIdFor('user-dept-a', k));
  expect(await projects.countBy(ids.map((id) => ({ id })))).toBe(0);
  expect(await stack.dataSource.getRepository(FactEntity).countBy({ projectId })).toBe(0);

  // The retry with the same key completes: the project and its workflow, the fact, each once.
  const key = keys[0] as string;
  const retried = await stack
    .http()
    .post('/api/v1/projects')
    .set({ ...as, 'Idempotency-Key': key })
    .send({ name: `停库中项目-${key}`, policy: 'wuhan', planYear: 2027, investment: 900_000 })
    .expect(201);
  expect(retried.body.id).toBe(projectIdFor('user-dept-a', key));
  const workflow = await env.client.workflow.getHandle(`project-${retried.body.id}`).describe();
  expect(workflow.status.name).toBe('RUNNING');
  for (let i = 0; i < 2; i++)
    await stack
      .http()
      .post(`/api/v1/projects/${projectId}/events`)
      .set({ ...as, 'Idempotency-Key': key })
      .send({ type: 'contract.signed', on: today })
      .expect(200);
  expect(await stack.dataSource.getRepository(FactEntity).countBy({ projectId })).toBe(1);
}, 110_000);
