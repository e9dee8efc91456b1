/**
 * The oversight routes at a province's scale (`npm run bench:oversight`, issue 9): 100k projects, ~1M
 * obligations, 40 departments. Each measurement calls OversightService, so it runs the same SQL as
 * the API; the baseline is the SQL before the 1763856630000 migration, run in the same process on the
 * same data, and both are checked to give the same rows. Uses DATABASE_URL (an empty database) or
 * starts its own embedded PostgreSQL.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../apps/api/audit/audit.service';
import { DepartmentScope } from '../apps/api/common/department-scope';
import type { Principal } from '../apps/api/common/principal';
import type { OverdueQuery } from '../apps/api/oversight/oversight.dto';
import { OversightRepository } from '../apps/api/oversight/oversight.repository';
import { OversightService } from '../apps/api/oversight/oversight.service';
import { createDataSource } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { departmentOf, seedProvince } from './oversight-data';
import type { ApiConfig } from '../apps/api/config/api-config';

/** The queries as they were, kept verbatim (modulo parameters) to measure against. */
const OLD = {
  overdue: (
    dept: boolean,
    offset: number,
  ) => `SELECT o.project_id, p.name, p.department_id, p.policy_id, o.key,
        o.title, o.due_on::text AS due_on, o.basis, count(*) OVER () AS total
      FROM obligations o JOIN projects p ON p.id = o.project_id
     WHERE o.status = 'overdue' ${dept ? 'AND p.department_id = $1' : ''}
     ORDER BY o.due_on ASC, p.name ASC, o.project_id ASC, o.key ASC
     LIMIT 50 OFFSET ${offset}`,
  summary: (dept: boolean) => `SELECT p.department_id, o.status, count(*) AS count
      FROM obligations o JOIN projects p ON p.id = o.project_id
     WHERE true ${dept ? 'AND p.department_id = $1' : ''}
     GROUP BY p.department_id, o.status ORDER BY p.department_id, o.status`,
};

export interface OversightBenchOptions {
  projects?: number;
  departments?: number;
  rounds?: number;
  baselineRounds?: number;
  log?: (line: string) => void;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function measure(rounds: number, fn: () => Promise<unknown>) {
  await fn(); // warm: the first call plans and reads the pages in
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const round = (n: number) => Number(n.toFixed(2));
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

/** The SQL a call sends, for EXPLAIN ANALYZE. */
async function captured(ds: DataSource, fn: () => Promise<unknown>) {
  const seen: { sql: string; params: unknown[] }[] = [];
  const original = ds.query.bind(ds);
  ds.query = ((sql: string, params?: unknown[]) => {
    seen.push({ sql, params: params ?? [] });
    return original(sql, params);
  }) as DataSource['query'];
  try {
    await fn();
  } finally {
    ds.query = original;
  }
  return seen;
}

async function explain(ds: DataSource, sql: string, params: unknown[]) {
  const [row] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  return summarise(row['QUERY PLAN'][0]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- EXPLAIN's JSON, read a few fields deep
function summarise(plan: any) {
  const nodes: string[] = [];
  const walk = (n: Record<string, unknown>) => {
    nodes.push([n['Node Type'], n['Index Name']].filter(Boolean).join(' '));
    for (const child of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan.Plan);
  const buffers = (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0);
  return { ms: Number(plan['Execution Time'].toFixed(2)), buffers, plan: nodes.join(' > ') };
}

const sameRows = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

export async function benchOversight(opts: OversightBenchOptions = {}) {
  const projects = opts.projects ?? 100_000;
  const departments = opts.departments ?? 40;
  const rounds = opts.rounds ?? 40;
  const baselineRounds = opts.baselineRounds ?? 12;
  const log = opts.log ?? ((line: string) => console.error(line));
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: mkdtempSync(join(tmpdir(), 'oversight-bench-')),
        persistent: false,
      });
  const ds = createDataSource(process.env.DATABASE_URL ?? (embedded?.url as string), { poolSize: 4 });
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    let start = performance.now();
    const { obligations } = await seedProvince(ds, { projects, departments });
    log(
      `seeded ${projects} projects, ${obligations} obligations in ${((performance.now() - start) / 1000).toFixed(0)} s`,
    );

    const audit = { append: async () => undefined } as unknown as AuditService;
    const service = new OversightService(
      new OversightRepository(ds),
      new DepartmentScope(ds, audit),
      {} as ApiConfig,
    );
    const operator: Principal = { id: 'op', username: 'operator', role: 'operator', departmentId: null };
    const dept = departmentOf(7);
    const department: Principal = { id: 'd7', username: dept, role: 'department', departmentId: dept };
    const overdue = (who: Principal, q: Partial<OverdueQuery> = {}) =>
      service.overdue(who, q as OverdueQuery);

    // Page 50 is reached as a client would, following nextCursor; the walk also checks for repeats.
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let page = 1; page < 50; page++) {
      const res = await overdue(operator, cursor ? { cursor } : {});
      for (const i of res.items) seen.add(`${i.projectId}|${i.obligation}`);
      cursor = res.nextCursor ?? undefined;
    }
    if (seen.size !== 49 * 50 || !cursor)
      throw new Error(`the cursor walk repeated or lost rows (${seen.size})`);
    const page50 = cursor;

    const calls = {
      overdueFirstPage: () => overdue(operator),
      overduePage50: () => overdue(operator, { cursor: page50 }),
      summary: () => service.summary(operator, {}),
      deptOverdue: () => overdue(department),
      deptSummary: () => service.summary(department, {}),
    };
    type Name = keyof typeof calls;
    type Stat = { p50: number; p95: number };
    const names = Object.keys(calls) as Name[];
    const results = {} as Record<Name, Stat>;
    const baseline = {} as Record<Name, Stat>;
    const plans: Record<string, unknown> = {};
    const answers = {} as Record<Name, unknown[]>;
    // The rows an answer names, comparable between the service's items and the old SQL's rows.
    const rowsOf = (items: Record<string, unknown>[]) =>
      items.map((r) =>
        'count' in r
          ? [r.departmentId ?? r.department_id, r.status, Number(r.count)]
          : `${r.projectId ?? r.project_id}|${r.obligation ?? r.key}`,
      );
    start = performance.now();
    for (const name of names) {
      answers[name] = rowsOf((await calls[name]()).items as unknown as Record<string, unknown>[]);
      results[name] = await measure(rounds, calls[name]);
      const sent = await captured(ds, calls[name]);
      plans[name] = await Promise.all(sent.map((q) => explain(ds, q.sql, q.params)));
    }
    // The baseline runs on the schema as it was: in a transaction that drops the new indexes, rolled
    // back after. (The copied columns stay, making the old rows some 60 bytes wider.)
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `DROP INDEX obligations_overdue_order, obligations_overdue_department, obligations_overdue_policy`,
    );
    const old: Record<Name, () => Promise<Record<string, unknown>[]>> = {
      overdueFirstPage: () => runner.query(OLD.overdue(false, 0)),
      overduePage50: () => runner.query(OLD.overdue(false, 49 * 50)),
      summary: () => runner.query(OLD.summary(false)),
      deptOverdue: () => runner.query(OLD.overdue(true, 0), [dept]),
      deptSummary: () => runner.query(OLD.summary(true), [dept]),
    };
    const explainOld = async (sql: string, params: unknown[]) => {
      const [row] = await runner.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      return summarise(row['QUERY PLAN'][0]);
    };
    for (const name of names) {
      // Same answers first: the new rows are the old ones, the counts the old GROUP BY's.
      if (!sameRows(answers[name], rowsOf(await old[name]())))
        throw new Error(`${name}: the new answer differs from the old query's`);
      baseline[name] = await measure(baselineRounds, old[name]);
      log(`${name}: ${results[name].p95} ms p95 (was ${baseline[name].p95} ms)`);
    }
    const oldPlans = {
      overdueFirstPage: await explainOld(OLD.overdue(false, 0), []),
      summary: await explainOld(OLD.summary(false), []),
      deptOverdue: await explainOld(OLD.overdue(true, 0), [dept]),
    };
    await runner.rollbackTransaction();
    await runner.release();
    log(`measured in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    const speedup = Object.fromEntries(
      (Object.keys(calls) as Name[]).map((n) => [n, `${(baseline[n].p95 / results[n].p95).toFixed(1)}x`]),
    );
    return {
      projects,
      obligations,
      departments,
      overdueP95Ms100k: results.overdueFirstPage.p95,
      overduePage50P95Ms100k: results.overduePage50.p95,
      summaryP95Ms100k: results.summary.p95,
      deptOverdueP95Ms100k: results.deptOverdue.p95,
      deptSummaryP95Ms100k: results.deptSummary.p95,
      results,
      baseline,
      speedup: { ...speedup, how: 'baseline p95 / new p95, same run, same data' },
      explain: { new: plans, old: oldPlans },
    };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
  }
}

if (require.main === module) {
  benchOversight()
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
