/**
 * Is the audit chain a ceiling? Appends through `appendAudit` (one advisory lock serialises the chain
 * across every API instance) from several connections at once, against plain inserts of the same rows
 * into an unchained copy of the table, in the same run. Compared with what a registration or a fact
 * costs (bench/api-overhead.bench.ts), this says whether the lock bounds throughput.
 * `npm run bench:audit`, or called by bench/system.bench.ts.
 */
import type { DataSource } from 'typeorm';
import { openDatabase } from '../db/data-source';
import { appendAudit } from '../db/repositories/audit-log.repository';
import { benchDatabaseUrl, pool } from './stack';

const entry = (i: number) => ({
  actorId: `user-${i % 50}`,
  actorRole: 'department',
  action: 'fact.recorded',
  details: { type: 'contract.signed', on: '2026-08-03', index: i },
});

export async function benchAudit(
  options: { dataSource?: DataSource; n?: number; concurrency?: number } = {},
) {
  const n = options.n ?? 4000;
  const concurrency = options.concurrency ?? 16;
  const stops: (() => Promise<unknown>)[] = [];
  let dataSource = options.dataSource;
  try {
    if (!dataSource) {
      const url = await benchDatabaseUrl(stops);
      dataSource = await openDatabase(url);
      const opened = dataSource;
      stops.push(() => opened.destroy());
    }
    const ds = dataSource;
    // Temp tables are per connection: a real table for the baseline, dropped after.
    await ds.query('DROP TABLE IF EXISTS bench_audit_unchained');
    await ds.query('CREATE TABLE bench_audit_unchained (LIKE audit_log INCLUDING DEFAULTS)');
    // Runs first of the stops (they run in reverse), while the connection is still open.
    stops.push(() => ds.query('DROP TABLE IF EXISTS bench_audit_unchained'));
    await pool(200, concurrency, (i) => appendAudit(ds, entry(i)));
    const chainedMs = await pool(n, concurrency, (i) => appendAudit(ds, entry(i)));
    const plainMs = await pool(n, concurrency, (i) =>
      ds.query(
        `INSERT INTO bench_audit_unchained (at, actor_id, actor_role, action, project_id, details, prev_hash, hash)
         VALUES (now(), $1, $2, $3, NULL, $4, '', '')`,
        [entry(i).actorId, entry(i).actorRole, entry(i).action, JSON.stringify(entry(i).details)],
      ),
    );
    return {
      auditAppendsPerSecond: (n * 1000) / chainedMs,
      baseline: { unchainedInsertsPerSecond: (n * 1000) / plainMs },
      chainedVsUnchained: plainMs / chainedMs,
      concurrency,
      entries: n,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => console.error(e.message));
  }
}

if (require.main === module) {
  void benchAudit().then((r) => console.log(JSON.stringify(r, null, 2)));
}
