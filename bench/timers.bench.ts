/**
 * Many timers at one instant: 2,000 projects whose contract was signed the same day all wake at the same
 * 09:00 to remind their departments. On the time-skipping server, the clock is moved to that instant
 * and the wall time until every project's notice is in the outbox is measured (`timers2kSeconds`),
 * beside the time the same worker took to register them (the per-project baseline in the same run).
 * `npm run bench:timers`, or called by bench/system.bench.ts.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { createProjectWorker } from '../apps/worker/worker';
import { openDatabase } from '../db/data-source';
import { NotificationEntity, ProjectEntity } from '../db/entities';
import { shanghaiDateOf } from '../domain';
import { dataConverter, type TemporalConfig } from '../temporal/temporal-config';
import { projectLifecycle } from '../workflows';
import { projectWorkflowId, statusQuery } from '../workflows/messages';
import { benchBundle, benchDatabaseUrl, pool, quietRuntime } from './stack';

export async function benchTimers(n = 2000) {
  quietRuntime();
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const url = await benchDatabaseUrl(stops);
    const dataSource = await openDatabase(url);
    stops.push(() => dataSource.destroy());
    const path = process.env.TEMPORAL_TEST_SERVER;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER is not set (eval "$(bash scripts/temporal-tools.sh)")');
    const temporal: TemporalConfig = {
      address: '',
      namespace: 'default',
      taskQueue: `timers-${randomBytes(4).toString('hex')}`,
      encryption: { keys: [{ id: 'bench', key: randomBytes(32) }], acceptPlaintext: false },
    };
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
      client: { dataConverter: dataConverter(temporal, 'client') },
    });
    stops.push(() => env.teardown());
    const code = await benchBundle();
    const worker = await createProjectWorker({
      connection: env.nativeConnection,
      taskQueue: temporal.taskQueue,
      dataSource,
      dataConverter: dataConverter(temporal, 'worker'),
      workflowBundle: { code },
      tuning: { maxCachedWorkflows: n + 100 },
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });

    const signed = shanghaiDateOf(await env.currentTimeMs());
    const ids = Array.from({ length: n }, () => randomUUID());
    const projects = dataSource.getRepository(ProjectEntity);
    const registerStart = performance.now();
    await pool(n, 16, (i) =>
      env.client.workflow.start(projectLifecycle, {
        taskQueue: temporal.taskQueue,
        workflowId: projectWorkflowId(ids[i] as string),
        args: [
          {
            project: {
              id: ids[i] as string,
              name: `定时基准-${i}`,
              departmentId: `dept-${i % 40}`,
              policyId: 'shandong',
              policyVersion: '1',
              attributes: {
                planYear: 2027,
                investment: 3_500_000,
                plannedAcceptanceOn: null,
                registeredOn: signed,
              },
            },
            history: [
              {
                event: { type: 'contract.signed', on: signed },
                actor: { id: 'bench', role: 'department', departmentId: `dept-${i % 40}` },
                idempotencyKey: `bench:${ids[i]}`,
                recordedAt: Date.now(),
              },
            ],
          },
        ],
      }),
    );
    await until(async () => (await projects.countBy({ id: In(ids) })) === n, 600_000);
    const registerSeconds = (performance.now() - registerStart) / 1000;

    const view = await env.client.workflow.getHandle(projectWorkflowId(ids[0] as string)).query(statusQuery);
    const at = view.nextWakeup?.at;
    if (!at) throw new Error('the projects have no timer to fire');
    const notices = dataSource.getRepository(NotificationEntity);
    const due = { projectId: In(ids), scheduledFor: new Date(at) };
    const before = await notices.countBy(due);
    const fireStart = performance.now();
    await env.sleep(at - (await env.currentTimeMs()) + 1_000);
    await until(async () => (await notices.countBy(due)) - before >= n, 600_000);
    const timers2kSeconds = (performance.now() - fireStart) / 1000;
    return {
      timers2kSeconds,
      projects: n,
      noticesWritten: (await notices.countBy(due)) - before,
      instant: new Date(at).toISOString(),
      baseline: { registerSeconds, registerPerProjectMs: (registerSeconds * 1000) / n },
      firingVsRegistering: timers2kSeconds / registerSeconds,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => console.error(e.message));
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (require.main === module) {
  void benchTimers(Number(process.argv[2] ?? 2000)).then((r) => console.log(JSON.stringify(r, null, 2)));
}
