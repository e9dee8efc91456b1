/**
 * `npm run bench:fact`: what a fact costs a project's history, on the path new workflows take (one
 * `refreshProject` activity) against the old one (evaluate, project, notify), in the same run. The old
 * path is read from the recordings made before the patch (test/workflows/histories/*-v1.json): its code
 * is only reached by replaying them, which is exactly what those recordings are for. Same scenarios:
 * `change.requested` facts in a row on a 武汉 project (as wuhan-continued-as-new-v1 recorded them) and
 * the 金湖 lifecycle of test/workflows/lifecycle.spec.ts (jinhu-lifecycle-v1).
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectRecord } from '../activities/types';
import { createProjectWorker, WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from '../apps/worker/worker';
import { openDatabase } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { findPolicy, shanghaiDateOf } from '../domain';
import { projectLifecycle } from '../workflows';
import { projectWorkflowId } from '../workflows/messages';
import { play } from '../test/workflows/steps';
import { CostSummary, factCosts, historyBytes, recordFactsInARow, summarize } from './fact-cost';
import { quietRuntime } from './stack';

export interface FactCostMeasures extends CostSummary {
  /** Events of the whole 金湖 lifecycle, registration to completion. */
  eventsPerLifecycle: number;
  historyBytesPerLifecycle: number;
}

export interface FactCostReport extends FactCostMeasures {
  baseline: FactCostMeasures & { source: string[] };
}

// The repository's root, whether this runs from bench/ (tsx) or compiled from dist/bench/.
const ROOT = join(__dirname, '..', ...(__dirname.includes(`${join('dist', 'bench')}`) ? ['..'] : []));
const HISTORIES = join(ROOT, 'test', 'workflows', 'histories');
const recorded = (file: string) =>
  historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'))).events ?? [];

function project(policyId: string, attributes: Record<string, unknown> = {}): ProjectRecord {
  const pack = findPolicy(policyId);
  if (!pack) throw new Error(`no policy ${policyId}`);
  return {
    id: `bench-${policyId}-${Date.now().toString(36)}`,
    name: `${pack.jurisdiction}测量项目`,
    departmentId: 'dept-bench',
    policyId,
    policyVersion: pack.version,
    attributes: { planYear: 2027, investment: 1_000_000, ...attributes } as ProjectRecord['attributes'],
  };
}

/** The baseline, from the recordings of the old path. */
export function baselineFactCost(): FactCostReport['baseline'] {
  const facts = ['wuhan-continued-as-new-v1.json', 'wuhan-continued-as-new-run2-v1.json'];
  const lifecycle = recorded('jinhu-lifecycle-v1.json');
  return {
    ...summarize(facts.flatMap((f) => factCosts(recorded(f)))),
    eventsPerLifecycle: lifecycle.length,
    historyBytesPerLifecycle: historyBytes(lifecycle),
    source: [...facts, 'jinhu-lifecycle-v1.json'],
  };
}

/** Starts a time-skipping server, a database and a worker as the workflow tests do, and measures. */
export async function benchFactCost(options: { facts?: number } = {}): Promise<FactCostReport> {
  // Few, as in the recordings of the old path: a fact's bytes grow with the facts before it.
  const facts = options.facts ?? 5;
  quietRuntime();
  const dir = mkdtempSync(join(tmpdir(), 'deadline-keeper-bench-'));
  // The embedded server may run as the `postgres` user, which must reach its data folder.
  chmodSync(dir, 0o755);
  let stopPostgres: (() => Promise<void>) | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
    url = db.url;
    stopPostgres = db.stop;
  }
  const server =
    process.env.TEMPORAL_TEST_SERVER ??
    /TEMPORAL_TEST_SERVER=(.*)/.exec(
      execFileSync('bash', [join(ROOT, 'scripts', 'temporal-tools.sh')], { encoding: 'utf8' }),
    )?.[1];
  if (!server) throw new Error('no time-skipping test server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: server } },
  });
  const dataSource = await openDatabase(url);
  try {
    // A bundle the workflow tests built (WORKFLOW_BUNDLE_PATH) is reused; otherwise one is built here.
    const codePath = process.env.WORKFLOW_BUNDLE_PATH;
    const bundle = codePath
      ? { codePath }
      : await bundleWorkflowCode({
          workflowsPath: WORKFLOWS_PATH,
          workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
          logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
        });
    const taskQueue = `bench-fact-cost-${Date.now().toString(36)}`;
    const worker = await createProjectWorker({
      connection: env.nativeConnection,
      taskQueue,
      dataSource,
      workflowBundle: bundle,
    });
    return await worker.runUntil(async () => {
      const inARow = await recordFactsInARow(env.client, taskQueue, project('wuhan'), facts);
      const perFact = summarize(factCosts((await inARow.fetchHistory()).events ?? []));
      // The 金湖 lifecycle of lifecycle.spec.ts, as jinhu-lifecycle-v1 recorded it.
      const planYear = Number(shanghaiDateOf(await env.currentTimeMs()).slice(0, 4));
      const jinhu = project('jinhu', { planYear, category: 'key' });
      const handle = await env.client.workflow.start(projectLifecycle, {
        taskQueue,
        workflowId: projectWorkflowId(jinhu.id),
        args: [{ project: jinhu }],
      });
      const department = { id: 'bench', role: 'department' as const, departmentId: jinhu.departmentId };
      await play(env, handle, [
        { sleep: '8 days' },
        { record: 'plan.filed', as: department },
        { record: 'construction.completed', as: department },
        { record: 'trial-run.started', as: department },
        { sleep: '70 days' },
        { record: 'acceptance.applied', as: department },
        { record: 'acceptance.passed', as: { id: 'bench-op', role: 'operator' } },
      ]);
      while ((await handle.describe()).status.name === 'RUNNING') await new Promise((r) => setTimeout(r, 50));
      const lifecycle = (await handle.fetchHistory()).events ?? [];
      return {
        ...perFact,
        eventsPerLifecycle: lifecycle.length,
        historyBytesPerLifecycle: historyBytes(lifecycle),
        baseline: baselineFactCost(),
      };
    });
  } finally {
    await env.teardown();
    await dataSource.destroy();
    await stopPostgres?.();
  }
}

if (require.main === module) {
  benchFactCost()
    .then((report) => console.log(JSON.stringify(report, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
