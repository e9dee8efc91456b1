/**
 * Worker memory per cached workflow, measured on the worker process as it runs in production
 * (dist/apps/worker/main.js, its own process, WORKER_MAX_CACHED_WORKFLOWS set): its resident memory
 * (VmRSS) with K projects in its workflow cache, against the same process before them, divided by K.
 * The baseline, in the same run: a second worker whose cache is capped at K/4 under the same load,
 * which shows the cap is what bounds the growth.
 * `npm run bench:memory`, or called by bench/system.bench.ts.
 */
import { Client } from '@temporalio/client';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { In } from 'typeorm';
import { ProjectEntity } from '../db/entities';
import { dataConverter, type TemporalConfig } from '../temporal/temporal-config';
import { projectLifecycle } from '../workflows';
import { projectWorkflowId } from '../workflows/messages';
import { benchBundle, type BenchStack, pool, startBenchStack } from './stack';

const WORKER_MAIN = join(__dirname, '..', 'apps', 'worker', 'main.js');

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
};

async function startWorker(stack: BenchStack, bundlePath: string, cache: number) {
  const taskQueue = `memory-${randomBytes(4).toString('hex')}`;
  const key = randomBytes(32);
  const child: ChildProcess = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: (stack.dataSource.options as { url: string }).url,
      TEMPORAL_ADDRESS: stack.env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_ENCRYPTION_KEYS: `memory:${key.toString('base64')}`,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      WORKER_MAX_CACHED_WORKFLOWS: String(cache),
      SWEEP_INTERVAL_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c) => {
      out += c;
      if (out.includes('polling task queue')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code})`)));
  });
  const temporal: TemporalConfig = {
    address: stack.env.address,
    namespace: 'default',
    taskQueue,
    encryption: { keys: [{ id: 'memory', key }], acceptPlaintext: false },
  };
  const client = new Client({
    connection: stack.env.connection,
    dataConverter: dataConverter(temporal, 'client'),
  });
  return { child, client, taskQueue };
}

async function fill(stack: BenchStack, worker: { client: Client; taskQueue: string }, k: number) {
  const ids = Array.from({ length: k }, () => randomUUID());
  await pool(k, 8, (i) =>
    worker.client.workflow.start(projectLifecycle, {
      taskQueue: worker.taskQueue,
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

async function measure(stack: BenchStack, bundlePath: string, k: number, cache: number) {
  const worker = await startWorker(stack, bundlePath, cache);
  try {
    await fill(stack, worker, 20); // the bundle loaded and the pools warm: not what is measured
    await new Promise((r) => setTimeout(r, 1_000));
    const before = rssMb(worker.child.pid as number);
    await fill(stack, worker, k);
    await new Promise((r) => setTimeout(r, 1_000));
    const after = rssMb(worker.child.pid as number);
    return { before, after };
  } finally {
    worker.child.kill('SIGTERM');
    await new Promise((r) => worker.child.once('exit', r));
  }
}

export async function benchWorkerMemory(k = 600) {
  const stack = await startBenchStack();
  try {
    const code = await benchBundle();
    const bundlePath = join(mkdtempSync(join(tmpdir(), 'memory-bench-')), 'bundle.js');
    writeFileSync(bundlePath, code);
    const capped = Math.floor(k / 4);
    const all = await measure(stack, bundlePath, k, k + 50);
    const few = await measure(stack, bundlePath, k, capped);
    return {
      mbPerCachedWorkflow: (all.after - all.before) / k,
      workflows: k,
      rssBeforeMb: all.before,
      rssWithAllCachedMb: all.after,
      baseline: { cappedCache: capped, rssGrowthMb: few.after - few.before },
      growthCappedVsAll: (few.after - few.before) / (all.after - all.before),
    };
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  void benchWorkerMemory(Number(process.argv[2] ?? 600)).then((r) => console.log(JSON.stringify(r, null, 2)));
}
