/**
 * Worker memory per cached workflow: the process's resident memory with K projects in the worker's
 * workflow cache, against the same process before (the baseline in the same run), divided by K; and
 * the same load with the cache capped below K, to show the cap is what bounds it.
 * `npm run bench:memory`, or called by bench/system.bench.ts.
 */
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { ProjectEntity } from '../db/entities';
import { dataConverter } from '../temporal/temporal-config';
import { projectLifecycle } from '../workflows';
import { projectWorkflowId } from '../workflows/messages';
import { type BenchStack, pool, startBenchStack } from './stack';

const rssMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};

async function fill(stack: BenchStack, k: number): Promise<void> {
  const client = new Client({
    connection: stack.env.connection,
    dataConverter: dataConverter(stack.temporal, 'client'),
  });
  const ids = Array.from({ length: k }, () => randomUUID());
  await pool(k, 8, (i) =>
    client.workflow.start(projectLifecycle, {
      taskQueue: stack.temporal.taskQueue,
      workflowId: projectWorkflowId(ids[i] as string),
      args: [
        {
          project: {
            id: ids[i] as string,
            name: `内存基准-${i}`,
            departmentId: 'dept-a',
            policyId: 'wuhan',
            policyVersion: '1',
            attributes: {
              planYear: 2027,
              investment: 3_500_000,
              plannedAcceptanceOn: null,
              registeredOn: '2026-12-01',
            },
          },
        },
      ],
    }),
  );
  const projects = stack.dataSource.getRepository(ProjectEntity);
  const deadline = Date.now() + 300_000;
  while ((await projects.countBy({ id: In(ids) })) < k) {
    if (Date.now() > deadline) throw new Error('the worker did not take every workflow in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function measure(k: number, cache: number) {
  const stack = await startBenchStack({ maxCachedWorkflows: cache });
  try {
    await fill(stack, 20); // loads the bundle and warms the pools: not what is measured
    const before = rssMb();
    await fill(stack, k);
    await new Promise((r) => setTimeout(r, 1_000));
    const after = rssMb();
    return { before, after, perWorkflowMb: (after - before) / Math.min(k, cache) };
  } finally {
    await stack.stop();
  }
}

export async function benchWorkerMemory(k = 400) {
  const cached = await measure(k, k + 50);
  const capped = await measure(k, Math.floor(k / 4));
  return {
    mbPerCachedWorkflow: cached.perWorkflowMb,
    workflows: k,
    rssBeforeMb: cached.before,
    rssWithAllCachedMb: cached.after,
    baseline: { cappedCache: Math.floor(k / 4), rssGrowthMb: capped.after - capped.before },
    growthCappedVsAll: (capped.after - capped.before) / (cached.after - cached.before),
  };
}

if (require.main === module) {
  void benchWorkerMemory(Number(process.argv[2] ?? 400)).then((r) => console.log(JSON.stringify(r, null, 2)));
}
