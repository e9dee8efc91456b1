/**
 * The real thing end to end: the official Temporal dev server (`temporal server start-dev`), the worker
 * process as it runs in production (apps/worker/main.ts), and PostgreSQL; then a graceful shutdown.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ObligationEntity, ProjectEntity } from '../../db/entities';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { projectLifecycle } from '../../workflows';
import { recordEventUpdate, TASK_QUEUE } from '../../workflows/messages';
import { ensurePlanSchedules } from '../../apps/worker/schedules';
import { database, department, newProject, workflowIdOf } from './harness';

const root = join(__dirname, '..', '..');
let env: TestWorkflowEnvironment;
let dataSource: DataSource;
let workerProcess: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  const cli = process.env.TEMPORAL_CLI;
  // The CLI the project built or found on PATH; without one the SDK downloads its own dev server.
  env = await TestWorkflowEnvironment.createLocal({
    server: cli ? { executable: { type: 'existing-path', path: cli } } : {},
  });
  dataSource = await database();
});

afterAll(async () => {
  workerProcess?.kill('SIGKILL');
  await env?.teardown();
  await dataSource?.destroy();
});

function startWorker(extraEnv: Record<string, string>): Promise<void> {
  workerProcess = spawn(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'apps', 'worker', 'main.ts')],
    {
      cwd: root,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  workerProcess.stdout?.on('data', (c) => (output += c));
  workerProcess.stderr?.on('data', (c) => (output += c));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('polling task queue')) {
        clearInterval(timer);
        resolve();
      } else if (workerProcess?.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`worker exited: ${output}`));
      }
    }, 100);
  });
}

it('refuses to start on invalid configuration, naming the problem', async () => {
  const run = spawn(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'apps', 'worker', 'main.ts')],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'mysql://nope', TEMPORAL_ADDRESS: 'not an address' },
    },
  );
  let text = '';
  run.stderr.on('data', (c) => (text += c));
  const code = await new Promise((resolve) => run.on('exit', resolve));
  expect(code).toBe(1);
  expect(text).toContain('TEMPORAL_ADDRESS "not an address" is not host:port');
  expect(text).toContain('DATABASE_URL must be a postgres:// URL');
  expect(text).not.toMatch(/\n\s+at /);
});

it('runs a project on the dev server through the worker process, then shuts down gracefully', async () => {
  await startWorker({ TEMPORAL_ADDRESS: env.address, DATABASE_URL: process.env.DATABASE_URL as string });
  const project = newProject('shandong');
  const handle = await env.client.workflow.start(projectLifecycle, {
    taskQueue: TASK_QUEUE,
    workflowId: workflowIdOf(project),
    args: [{ project }],
  });
  const signedOn = shanghaiDateOf(Date.now());
  const result = await handle.executeUpdate(recordEventUpdate, {
    args: [{ event: { type: 'contract.signed', on: signedOn }, actor: department }],
  });
  const expectedDue = WorkingCalendar.standard().addWorkingDays(signedOn, 5);
  expect(result.obligations.find((o) => o.key === 'contract.filing')?.dueOn).toBe(expectedDue);
  expect(await dataSource.getRepository(ProjectEntity).findOneByOrFail({ id: project.id })).toMatchObject({
    status: 'active',
  });
  expect(
    await dataSource
      .getRepository(ObligationEntity)
      .findOneByOrFail({ projectId: project.id, key: 'contract.filing' }),
  ).toMatchObject({
    dueOn: expectedDue,
  });

  workerProcess?.kill('SIGTERM');
  const code = await new Promise((resolve) => workerProcess?.on('exit', (c) => resolve(c)));
  expect(code).toBe(0);
  await handle.terminate('test finished');
});

it('creates one schedule per regulation with a plan-filing rule, idempotently, opening 30 days before the due day', async () => {
  const first = await ensurePlanSchedules(env.client, TASK_QUEUE);
  const again = await ensurePlanSchedules(env.client, TASK_QUEUE);
  expect(first).toEqual(['plan-filing-yunfu', 'plan-filing-jinhu']);
  expect(again).toEqual(first);
  const jinhu = await env.client.schedule.getHandle('plan-filing-jinhu').describe();
  const next = jinhu.info.nextActionTimes[0] as Date;
  // 31 August, 00:00 Asia/Shanghai: thirty days before 30 September.
  expect(next.toISOString().slice(5)).toBe('08-30T16:00:00.000Z');
  const yunfu = await env.client.schedule.getHandle('plan-filing-yunfu').describe();
  expect((yunfu.info.nextActionTimes[0] as Date).toISOString().slice(5)).toBe('10-30T16:00:00.000Z');
  for (const id of first) await env.client.schedule.getHandle(id).delete();
});
