/** What every workflow test needs: a time-skipping Temporal server, the real database and a real worker. */
import { Client, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ProjectRecord } from '../../activities/types';
import { createProjectWorker } from '../../apps/worker/worker';
import { openDatabase } from '../../db/data-source';
import { DepartmentEntity, NotificationEntity, ProjectEntity } from '../../db/entities';
import { findPolicy, ProjectAttributes, shanghaiDateOf } from '../../domain';
import { projectLifecycle } from '../../workflows';
import { projectWorkflowId, TASK_QUEUE } from '../../workflows/messages';

let runtimeInstalled = false;

/** The Java test server's JVM can miss the SDK's readiness window when cold: try once more. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const path = process.env.TEMPORAL_TEST_SERVER;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER is not set (run through npm test)');
  const start = () =>
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  try {
    return await start();
  } catch {
    return start();
  }
}

export async function database(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (run through npm test)');
  return openDatabase(url);
}

export function worker(
  env: TestWorkflowEnvironment,
  dataSource: DataSource,
  taskQueue = TASK_QUEUE,
  tuning: { maxCachedWorkflows?: number } = {},
): Promise<Worker> {
  const codePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (!codePath) throw new Error('WORKFLOW_BUNDLE_PATH is not set (run through npm test)');
  return createProjectWorker({
    tuning,
    connection: env.nativeConnection,
    taskQueue,
    dataSource,
    workflowBundle: { codePath },
  });
}

export function newProject(policyId: string, attributes: Partial<ProjectAttributes> = {}): ProjectRecord {
  const pack = findPolicy(policyId);
  if (!pack) throw new Error(`no policy ${policyId}`);
  return {
    id: `${policyId}-${randomUUID().slice(0, 8)}`,
    name: `${pack.jurisdiction}测试项目`,
    departmentId: 'dept-test',
    policyId,
    policyVersion: pack.version,
    attributes: { planYear: 2027, investment: 1_000_000, ...attributes },
  };
}

/** A department the plan-filing cycle of `policyId` counts: one with a project under that regulation. */
export async function departmentUnder(dataSource: DataSource, policyId: string): Promise<string> {
  const id = `plan-dept-${randomUUID().slice(0, 6)}`;
  await dataSource.getRepository(DepartmentEntity).insert({ id, name: `计划测试${id}` });
  await dataSource.getRepository(ProjectEntity).insert({
    id: `plan-proj-${randomUUID().slice(0, 8)}`,
    name: '计划测试项目',
    departmentId: id,
    policyId,
    policyVersion: '1',
    attributes: {},
    status: 'active',
    flags: [],
    workflowId: 'none',
  });
  return id;
}

export const workflowIdOf = (project: ProjectRecord) => projectWorkflowId(project.id);

/** Today on the test server's (skipped) clock, as an Asia/Shanghai date. */
export async function today(env: TestWorkflowEnvironment): Promise<string> {
  return shanghaiDateOf(await env.currentTimeMs());
}

export async function notifications(dataSource: DataSource, projectId: string) {
  return dataSource
    .getRepository(NotificationEntity)
    .find({ where: { projectId }, order: { scheduledFor: 'ASC', id: 'ASC' } });
}

export const admin = { id: 'admin-1', role: 'admin' as const };
export const department = { id: 'dept-user-1', role: 'department' as const, departmentId: 'dept-test' };
export const operator = { id: 'operator-1', role: 'operator' as const };

/**
 * The result of a workflow that has already finished. The time-skipping client's `result()` lets the
 * server skip time while it waits (years, even for a finished workflow), so a plain client is used.
 */
export async function finished(env: TestWorkflowEnvironment, workflowId: string): Promise<unknown> {
  const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  return plain.workflow.getHandle(workflowId).result();
}

/**
 * Each test on its own task queue, and whatever it leaves running terminated after it, so that no
 * test's timers fire into another's worker.
 */
export function isolate(getEnv: () => TestWorkflowEnvironment) {
  const running: WorkflowHandle[] = [];
  let taskQueue = TASK_QUEUE;
  beforeEach(() => {
    const name = (expect.getState().currentTestName ?? 'test').slice(0, 24).replace(/\W+/g, '-');
    taskQueue = `${TASK_QUEUE}-${name}-${randomUUID().slice(0, 6)}`;
  });
  afterEach(async () => {
    for (const handle of running.splice(0)) {
      if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test finished');
    }
  });
  return {
    taskQueue: () => taskQueue,
    async start(project: ProjectRecord, extra: { historyLimit?: number } = {}) {
      const handle = await getEnv().client.workflow.start(projectLifecycle, {
        taskQueue,
        workflowId: projectWorkflowId(project.id),
        args: [{ project, ...extra }],
      });
      running.push(handle);
      return handle;
    },
  };
}

/**
 * A time-skipping server and a database connection for one test file, opened before its tests and
 * closed after them.
 */
export function useTimeSkippingServers(): {
  readonly env: TestWorkflowEnvironment;
  readonly dataSource: DataSource;
} {
  let env: TestWorkflowEnvironment | undefined;
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    dataSource = await database();
  });
  afterAll(async () => {
    await env?.teardown();
    await dataSource?.destroy();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not ready: use it inside a test`);
    return value;
  };
  return {
    get env() {
      return ready(env, 'the test server');
    },
    get dataSource() {
      return ready(dataSource, 'the database');
    },
  };
}
