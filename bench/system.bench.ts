/**
 * `npm run bench:system`: every system figure of issue 9 in one run on this machine, each beside the
 * baseline it was measured against in the same run, printed as one JSON object. Parts run one after
 * another, each on a stack of its own, so no part measures another's leftovers.
 */
import { cpus, totalmem } from 'node:os';
import { benchApiOverhead } from './api-overhead.bench';
import { benchAudit } from './audit.bench';
import { benchDispatch } from './dispatch.bench';
import { benchFactCost } from './fact-cost.bench';
import { benchOversight } from './oversight.bench';
import { startBenchStack } from './stack';
import { benchTimers } from './timers.bench';
import { benchWorkerMemory } from './worker-memory.bench';

const round = (value: unknown): unknown =>
  typeof value === 'number'
    ? Number(value.toPrecision(4))
    : Array.isArray(value)
      ? value.map(round)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]))
        : value;

async function timed<T>(name: string, run: () => Promise<T>): Promise<T & { seconds: number }> {
  const start = performance.now();
  console.error(`▶ ${name}…`);
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  console.error(`  ${name} done in ${seconds.toFixed(0)} s`);
  return { ...result, seconds };
}

async function main(): Promise<void> {
  const started = performance.now();
  const api = await timed('registration and facts through the API vs raw Temporal', async () => {
    const stack = await startBenchStack();
    try {
      return await benchApiOverhead(stack);
    } finally {
      await stack.stop();
    }
  });
  const oversight = await timed('oversight at 100k projects / 1M obligations', () =>
    benchOversight({ log: () => undefined }),
  );
  const dispatch = await timed('10,000 deliveries', () => benchDispatch());
  const timers = await timed('2,000 timers at one instant', () => benchTimers(2000));
  const memory = await timed('worker memory per cached workflow', () => benchWorkerMemory(600));
  const facts = await timed('history cost of a fact and a lifecycle', () => benchFactCost());
  const audit = await timed('audit chain appends', () => benchAudit());
  const o = oversight as Record<string, unknown>;
  const report = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGb: totalmem() / 2 ** 30,
      node: process.version,
    },
    registerVsRawStart: api.registerVsRawStart,
    registerVsRawStartEvaluated: api.registerVsRawStartEvaluated,
    factVsRawUpdateP50: api.factVsRawUpdateP50,
    overdueP95Ms100k: o.overdueP95Ms100k,
    summaryP95Ms100k: o.summaryP95Ms100k,
    deptOverdueP95Ms100k: o.deptOverdueP95Ms100k,
    deptSummaryP95Ms100k: o.deptSummaryP95Ms100k,
    dispatch10kSeconds: dispatch.dispatch10kSeconds,
    timers2kSeconds: timers.timers2kSeconds,
    mbPerCachedWorkflow: memory.mbPerCachedWorkflow,
    eventsPerLifecycle: facts.eventsPerLifecycle,
    auditAppendsPerSecond: audit.auditAppendsPerSecond,
    details: { api, oversight, dispatch, timers, memory, facts, audit },
    totalSeconds: (performance.now() - started) / 1000,
  };
  console.log(JSON.stringify(round(report), null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
