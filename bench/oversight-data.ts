/**
 * A province's read model for bench/oversight.bench.ts, made by generate_series in PostgreSQL (the
 * data never crosses to Node): projects across departments and regulations, ten obligations each with
 * a realistic spread of statuses and an explanation as wide as the engine's.
 */
import type { DataSource } from 'typeorm';
import { POLICIES } from '../domain';

export interface Scale {
  projects: number;
  departments: number;
}

const KEYS = [
  'plan.filing',
  'contract.filing',
  'acceptance.application',
  'trial.run',
  'acceptance.rectification',
  'self.evaluation',
  'change.filing',
  'budget.report',
  'archive.filing',
  'security.review',
];

export const departmentOf = (n: number) => `dept-${String(n).padStart(2, '0')}`;

export async function seedProvince(ds: DataSource, scale: Scale): Promise<{ obligations: number }> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM projects`);
  if (n > 0) throw new Error('the benchmark needs an empty database: it fills projects and obligations');
  const policies = POLICIES.map((p) => p.id);
  await ds.query(
    `INSERT INTO departments (id, name)
     SELECT 'dept-' || lpad(d::text, 2, '0'), '部门' || d FROM generate_series(0, $1 - 1) d`,
    [scale.departments],
  );
  // Names repeat every 20 000 projects, so the list's tie-break on the project id is exercised.
  await ds.query(
    `INSERT INTO projects (id, name, department_id, policy_id, policy_version, attributes, status, workflow_id)
     SELECT 'bench-' || lpad(g::text, 7, '0'),
            '第' || (g % 20000) || '号政务信息化建设项目',
            'dept-' || lpad((g % $2)::text, 2, '0'),
            ($3::text[])[1 + g % cardinality($3::text[])],
            '2024.1',
            jsonb_build_object('planYear', 2024 + g % 3, 'investment', 1000000 + g * 7, 'category', 'general'),
            CASE WHEN g % 50 = 0 THEN 'paused' ELSE 'active' END,
            'project-bench-' || g
       FROM generate_series(1, $1) g`,
    [scale.projects, scale.departments, policies],
  );
  // About 5% overdue (the measured 48 822 in 1M), half met, the rest open, pending, late or waived.
  await ds.query(
    `INSERT INTO obligations (project_id, key, title, opens_on, due_on, status, provisional, basis, met_on,
                              explanation, department_id, policy_id, project_name)
     SELECT p.id, k.key, '事项' || k.i, d.due - 30, d.due, s.status, false, p.policy_id || ' 第' || (10 + k.i) || '条',
            CASE WHEN s.status IN ('met', 'met-late') THEN d.due - 3 END,
            jsonb_build_object(
              'trigger', '自签订合同次日起算', 'steps', jsonb_build_array(
                repeat('第 5 个工作日；跳过周末与法定节假日（国庆节、春节调休）；', 6),
                repeat('月末对齐；第203条顺延；', 4)),
              'years', jsonb_build_array(2024, 2025, 2026)),
            p.department_id, p.policy_id, p.name
       FROM projects p
      CROSS JOIN LATERAL (SELECT i, ($1::text[])[i] AS key FROM generate_series(1, 10) i) k
      -- A hash, not random(): the same data every run, and a lateral random() would be computed once.
      CROSS JOIN LATERAL (SELECT ('x' || substr(md5(p.id || k.key), 1, 8))::bit(32)::bigint / 4294967296.0 AS r) x
      CROSS JOIN LATERAL (SELECT CASE WHEN x.r < 0.049 THEN 'overdue' WHEN x.r < 0.55 THEN 'met'
                                      WHEN x.r < 0.70 THEN 'open' WHEN x.r < 0.90 THEN 'pending'
                                      WHEN x.r < 0.97 THEN 'met-late' ELSE 'waived' END AS status) s
      CROSS JOIN LATERAL (SELECT CASE WHEN s.status = 'overdue' THEN current_date - 1 - (x.r * 14000)::int
                                      WHEN s.status IN ('open', 'pending') THEN current_date + 1 + (x.r * 300)::int
                                      ELSE current_date - (x.r * 700)::int END AS due) d
      WHERE p.id LIKE 'bench-%'`,
    [KEYS],
  );
  // The counts as the migration backfills them; from here on the projection keeps them.
  await ds.query(`DELETE FROM obligation_counts`);
  await ds.query(`INSERT INTO obligation_counts (department_id, policy_id, status, count)
    SELECT department_id, policy_id, status, count(*) FROM obligations GROUP BY 1, 2, 3`);
  // Autovacuum would get here on its own; the index-only scans need the visibility map it sets.
  for (const table of ['projects', 'obligations', 'obligation_counts'])
    await ds.query(`VACUUM ANALYZE ${table}`);
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM obligations`);
  return { obligations: count };
}
