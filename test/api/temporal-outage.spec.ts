/**
 * The Temporal dev server (this file's own, on its SQLite file) stops under light load: requests
 * that need it answer 503 with Retry-After within 2 s, those that do not keep answering, /readyz
 * names Temporal within 2 s, and after the restart the same Idempotency-Keys record each fact once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectIdFor } from '../../apps/api/projects/registration.service';
import { type DevServer, startDevServer } from '../../apps/start/temporal-dev-server';
import { freePort } from '../../db/embedded-postgres';
import { FactEntity, ProjectEntity } from '../../db/entities';
import { shanghaiDateOf } from '../../domain';
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

const OUTAGE_MS = 15_000;
const RECOVERY_MS = 10_000;
const folder = mkdtempSync(join(tmpdir(), 'temporal-outage-'));
const server = async (port: number, uiPort: number) =>
  startDevServer({ cli: process.env.TEMPORAL_CLI ?? '', dbFile: join(folder, 'temporal.db'), port, uiPort });
let ports: [number, number];
let temporal: DevServer;
let stack: Stack;

beforeAll(async () => {
  ports = [await freePort(), await freePort()];
  temporal = await server(...ports);
  stack = await startStack(process.env.DATABASE_URL as string, temporal.address);
});

afterAll(async () => {
  await stack?.close();
  await temporal?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Needs Temporal: 503 during the outage. Reads the database only: answers as usual. */
const NEEDS_TEMPORAL = new Set(['fact', 'register', 'schedules', 'readyz']);

it('answers 503 with Retry-After within 2 s while Temporal is down, and records each fact once after', async () => {
  const as = { Authorization: `Bearer ${await stack.token('dept-a')}` };
  const operator = { Authorization: `Bearer ${await stack.token('operator')}` };
  const body = (name: string) => ({ name, policy: 'wuhan', planYear: 2027, investment: 900_000 });
  const projects: string[] = [];
  // The first takes the facts sent before the stop (one key, so one fact); the others the outage's.
  for (let i = 0; i < 4; i++) {
    const res = await stack
      .http()
      .post('/api/v1/projects')
      .set(as)
      .send(body(`停流程前项目-${randomUUID().slice(0, 6)}`))
      .expect(201);
    projects.push(res.body.id as string);
  }
  const today = shanghaiDateOf(Date.now());
  const fact = (projectId: string, key: string) =>
    stack
      .http()
      .post(`/api/v1/projects/${projectId}/events`)
      .set({ ...as, 'Idempotency-Key': key })
      .send({ type: 'contract.signed', on: today });

  // Mid-load: the requests keep coming while the server goes down.
  const factKeys: [string, string][] = [];
  const registerKeys: string[] = [];
  let round = 0;
  let outage: 'before' | 'down' | 'after' = 'before';
  const stopping = (async () => {
    await new Promise((r) => setTimeout(r, 1_000));
    await temporal.stop();
    outage = 'down';
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    outage = 'after';
  })();
  const answers: (Answer & { phase: string })[] = [];
  const requests = () => {
    const phase = outage;
    const key = phase === 'down' ? `t-${round++}-${randomUUID().slice(0, 6)}` : 'before-the-stop';
    const [warm, ...outageProjects] = projects as [string, ...string[]];
    const projectId = phase === 'down' ? (outageProjects[round % outageProjects.length] as string) : warm;
    if (phase === 'down') {
      factKeys.push([projectId, key]);
      registerKeys.push(key);
    }
    const tag = (p: Promise<Answer>) => p.then((a) => void answers.push({ ...a, phase }));
    return [
      tag(timed('fact', () => fact(projectId, key))),
      tag(
        timed('register', () =>
          stack
            .http()
            .post('/api/v1/projects')
            .set({ ...as, 'Idempotency-Key': key })
            .send(body(`停流程中项目-${key}`)),
        ),
      ),
      tag(timed('schedules', () => stack.http().get('/api/v1/plan-filings/schedules').set(operator))),
      tag(timed('readyz', () => stack.http().get('/readyz'))),
      tag(timed('list', () => stack.http().get('/api/v1/projects').set(as))),
      tag(timed('project', () => stack.http().get(`/api/v1/projects/${projectId}`).set(as))),
      tag(timed('inbox', () => stack.http().get('/api/v1/inbox').set(as))),
      tag(
        timed('metrics', () =>
          stack
            .http()
            .get('/metrics')
            .set({ Authorization: `Bearer ${METRICS_TOKEN}` }),
        ),
      ),
    ].map((p) => p.then(() => ({}) as Answer));
  };
  await load(requests, () => outage === 'after');
  await stopping;
  // Answers whose request started after the server was gone: the outage proper.
  const down = answers.filter((a) => a.phase === 'down');
  const needs = down.filter((a) => NEEDS_TEMPORAL.has(a.label));
  const dbOnly = down.filter((a) => !NEEDS_TEMPORAL.has(a.label));
  console.log(
    `Temporal outage (${OUTAGE_MS / 1000} s): needing Temporal ${summary(needs)}; database only ${summary(dbOnly)}; straddling the stop ${summary(answers.filter((a) => a.phase === 'before'))}`,
  );
  expect(needs.length).toBeGreaterThan(80);
  const wrong = (a: Answer) => a.status !== 503 || a.retryAfter === undefined || a.ms >= 2_000;
  expect(needs.filter(wrong)).toEqual([]);
  for (const a of needs.filter((a) => a.label === 'readyz')) {
    expect(a.detail).toContain('工作流服务（Temporal）不可用');
    expect(a.detail).not.toContain('数据库（PostgreSQL）不可用');
  }
  for (const a of needs.filter((a) => a.label !== 'readyz')) expect(a.detail).toContain('工作流服务暂');
  expect(dbOnly.filter((a) => a.status !== 200 || a.ms >= 2_000)).toEqual([]);

  const restartedAt = Date.now();
  temporal = await server(...ports);
  const serverBack = Date.now() - restartedAt;
  await stack.restartWorker();
  const recovered = await until(async () => (await stack.http().get('/readyz')).status === 200, RECOVERY_MS);
  console.log(`Temporal outage: server restart ${serverBack} ms, API ready ${recovered} ms after`);

  // After the restart: each project's first outage key records its fact, and a repeat of the key
  // returns the same fact; no project has it twice.
  for (const projectId of projects.slice(1)) {
    const [, key] = factKeys.find(([p]) => p === projectId) as [string, string];
    const first = await fact(projectId, key).expect(200);
    const again = await fact(projectId, key).expect(200);
    expect(again.body.factIndex).toBe(first.body.factIndex);
    expect(await stack.dataSource.getRepository(FactEntity).countBy({ projectId })).toBe(1);
  }
  // Every registration of the outage left nothing (or, if the server took it, a project with
  // its workflow); the retry with the same key completes it once.
  const rows = stack.dataSource.getRepository(ProjectEntity);
  const ids = registerKeys.map((k) => projectIdFor('user-dept-a', k));
  const left = await rows.findBy(ids.map((id) => ({ id })));
  expect(left.filter((p) => p.status === 'registering')).toEqual([]);
  const key = registerKeys[0] as string;
  const retried = await stack
    .http()
    .post('/api/v1/projects')
    .set({ ...as, 'Idempotency-Key': key })
    .send(body(`停流程中项目-${key}`))
    .expect(201);
  expect(retried.body.id).toBe(projectIdFor('user-dept-a', key));
  expect(await rows.countBy({ name: `停流程中项目-${key}` })).toBe(1);
}, 100_000);
