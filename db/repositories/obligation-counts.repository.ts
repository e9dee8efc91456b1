import type { EntityManager } from 'typeorm';

/** One obligation as the summary counts it. */
export interface CountedObligation {
  departmentId: string;
  policyId: string;
  status: string;
}

const keyOf = (o: CountedObligation) => `${o.departmentId}\u0000${o.policyId}\u0000${o.status}`;

/**
 * Moves obligation_counts from a project's obligations as stored to `next`, inside the transaction that
 * rewrites them, so the summary can never disagree with the rows. Call it after the project row is
 * locked (its upsert) and before the obligations change: the rows read here are then the ones replaced.
 */
export async function adjustObligationCounts(
  tx: EntityManager,
  projectId: string,
  next: CountedObligation[],
): Promise<void> {
  const stored: (CountedObligation & { count: number })[] = await tx.query(
    `SELECT department_id AS "departmentId", policy_id AS "policyId", status, count(*)::int AS count
       FROM obligations WHERE project_id = $1 GROUP BY 1, 2, 3`,
    [projectId],
  );
  const delta = new Map<string, CountedObligation & { count: number }>();
  const bump = (o: CountedObligation, by: number) => {
    const entry = delta.get(keyOf(o)) ?? { ...o, count: 0 };
    entry.count += by;
    delta.set(keyOf(o), entry);
  };
  for (const row of stored) bump(row, -row.count);
  for (const o of next) bump(o, 1);
  // A fixed order: projections of two projects in one department then lock the shared rows alike
  // and cannot deadlock.
  const changes = [...delta.entries()]
    .filter(([, d]) => d.count !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, d]) => d);
  if (changes.length === 0) return;
  const params: unknown[] = [];
  const values = changes.map((d) => {
    params.push(d.departmentId, d.policyId, d.status, d.count);
    const n = params.length;
    return `($${n - 3}, $${n - 2}, $${n - 1}, $${n}::int)`;
  });
  await tx.query(
    `INSERT INTO obligation_counts AS c (department_id, policy_id, status, count)
     VALUES ${values.join(', ')}
     ON CONFLICT (department_id, policy_id, status) DO UPDATE SET count = c.count + EXCLUDED.count`,
    params,
  );
}
