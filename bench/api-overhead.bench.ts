/**
 * What the API adds on top of Temporal, measured in one run on the same stack:
 *  - registration through `POST /projects` (engine check, row, audit, update-with-start answered with the
 *    first evaluation) against raw `workflow.start` of the same workflow, both at concurrency 8;
 *  - recording a fact through `POST /projects/:id/events` against a raw `executeUpdate`, p50.
 * `npm run bench:api`, or called by bench/system.bench.ts.
 */
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ProjectEntity } from '../db/entities';
import { projectLifecycle } from '../workflows';
import { projectWorkflowId, recordEventUpdate } from '../workflows/messages';
import { dataConverter } from '../temporal/temporal-config';
import { cpuPerOperation } from './cpu-account';
import { profileShares } from './cpu-profile';
import { registrationTimeline } from './registration-timeline';
import { type BenchStack, percentile, pool, startBenchStack } from './stack';

const CONCURRENCY = 8;

const body = (name: string) => ({ name, policy: 'shandong', planYear: 2026, investment: 3_500_000 });

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the worker to drain');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rawProject = (id: string, i: number) => ({
  id,
  name: `基准-${i}`,
  departmentId: 'dept-a',
  policyId: 'shandong',
  policyVersion: '1',
  attributes: {
    planYear: 2026,
    investment: 3_500_000,
    plannedAcceptanceOn: null,
    registeredOn: '2026-12-01',
  },
});

export async function benchApiOverhead(stack: BenchStack, n = 120) {
  const client = new Client({
    connection: stack.env.connection,
    dataConverter: dataConverter(stack.temporal, 'client'),
  });
  const dept = { Authorization: `Bearer ${await stack.token('dept-a')}`, 'content-type': 'application/json' };
  const register = async (name: string) => {
    const res = await fetch(`${stack.base}/projects`, {
      method: 'POST',
      headers: dept,
      body: JSON.stringify(body(name)),
    });
    if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  // Warm both paths (bundle load, JIT, connection pools) before anything is timed.
  await pool(16, CONCURRENCY, (i) => register(`预热-${i}`));

  const rawIds = Array.from({ length: n }, () => randomUUID());
  const projects = stack.dataSource.getRepository(ProjectEntity);
  let rawStarted = 0;
  let rawStartMs = 0;
  // CPU from the first start until the last first evaluation is in the read model: the same work a
  // registration's answer waits for, so the two CPU figures per operation compare like with like.
  const rawCpu = await cpuPerOperation(n, async () => {
    rawStartMs = await pool(n, CONCURRENCY, (i) =>
      client.workflow.start(projectLifecycle, {
        taskQueue: stack.temporal.taskQueue,
        workflowId: projectWorkflowId(rawIds[i] as string),
        args: [
          {
            project: rawProject(rawIds[i] as string, i),
          },
        ],
      }),
    );
    rawStarted = performance.now() - rawStartMs;
    // The raw starts' evaluations run after their calls returned: let them finish before the API is timed.
    await until(async () => (await projects.countBy(rawIds.map((id) => ({ id })))) === n, 120_000);
  });
  // Start to the last first evaluation in the read model: what a registration's answer includes.
  const rawDrainedMs = performance.now() - rawStarted;
  const apiIds: string[] = [];
  let apiMs = 0;
  const apiCpu = await cpuPerOperation(n, async () => {
    apiMs = await pool(n, CONCURRENCY, async (i) => apiIds.push(await register(`登记基准-${i}`)));
  });
  // A start alone, to a task queue no worker polls: what Temporal itself spends on accepting one.
  const bare = await cpuPerOperation(n, () =>
    pool(n, CONCURRENCY, (i) =>
      client.workflow.start(projectLifecycle, {
        taskQueue: `${stack.temporal.taskQueue}-unpolled`,
        workflowId: `bench-bare-${randomUUID()}`,
        args: [{ project: rawProject(randomUUID(), i) }],
      }),
    ),
  );
  // More registrations, profiled (not timed: the profiler slows what it samples).
  const profiled = await profileShares(() =>
    pool(Math.ceil(n / 2), CONCURRENCY, (i) => register(`登记剖面-${i}`)),
  );
  // One registration alone, on a quiet stack: where its latency goes, from its workflow's history.
  const aloneStarted = performance.now();
  const alone = await register('登记剖析');
  const timeline = await registrationTimeline(client, alone, performance.now() - aloneStarted);

  // A fact: the same contract.signed on fresh projects, one at a time, so each latency is its own.
  const latencies = { api: [] as number[], raw: [] as number[] };
  const facts = Math.min(60, Math.floor(n / 2));
  for (let i = 0; i < facts; i++) {
    let t = performance.now();
    const res = await fetch(`${stack.base}/projects/${apiIds[i]}/events`, {
      method: 'POST',
      headers: dept,
      body: JSON.stringify({ type: 'contract.signed', on: '2026-08-03' }),
    });
    if (res.status !== 200) throw new Error(`fact answered ${res.status}: ${await res.text()}`);
    latencies.api.push(performance.now() - t);
    t = performance.now();
    await client.workflow.getHandle(projectWorkflowId(rawIds[i] as string)).executeUpdate(recordEventUpdate, {
      args: [
        {
          event: { type: 'contract.signed', on: '2026-08-03' },
          actor: { id: 'bench', role: 'department', departmentId: 'dept-a' },
        },
      ],
    });
    latencies.raw.push(performance.now() - t);
  }
  const perSecond = (ms: number) => (n * 1000) / ms;
  return {
    registerVsRawStart: perSecond(apiMs) / perSecond(rawStartMs),
    registrationsPerSecond: perSecond(apiMs),
    rawStartsPerSecond: perSecond(rawStartMs),
    registerVsRawStartEvaluated: perSecond(apiMs) / perSecond(rawDrainedMs),
    rawStartsEvaluatedPerSecond: perSecond(rawDrainedMs),
    factVsRawUpdateP50: percentile(latencies.api, 50) / percentile(latencies.raw, 50),
    factP50Ms: percentile(latencies.api, 50),
    rawUpdateP50Ms: percentile(latencies.raw, 50),
    concurrency: CONCURRENCY,
    registrations: n,
    // The profile behind registerVsRawStart: CPU per operation by process, and one registration's timeline.
    cpuMsPerBareStart: bare.cpuMsPerOp,
    cpuMsPerRawStartEvaluated: rawCpu.cpuMsPerOp,
    cpuMsPerRegistration: apiCpu.cpuMsPerOp,
    registrationTimelineMs: timeline,
    registrationNodeSelfTimeShares: profiled.selfTimeShares,
  };
}

if (require.main === module) {
  void (async () => {
    const stack = await startBenchStack();
    try {
      console.log(JSON.stringify(await benchApiOverhead(stack), null, 2));
    } finally {
      await stack.stop();
    }
  })();
}
