import type { EntityManager } from 'typeorm';
import { noticeResolution, type Obligation } from '../domain';

/**
 * Marks resolved (why, when) every live notice of the project that its obligations, as just evaluated,
 * no longer bear out: met, waived, extended past it, or corrected. Runs in the projection's transaction,
 * so the inbox never shows an alarm the read model already contradicts. Returns how many it resolved.
 */
export async function resolveNotices(
  tx: EntityManager,
  projectId: string,
  obligations: readonly Obligation[],
  at: Date,
): Promise<number> {
  const live: { id: string; kind: string; obligation_key: string; due_on: string | null }[] = await tx.query(
    `SELECT id, kind, obligation_key, due_on::text AS due_on FROM notifications
      WHERE project_id = $1 AND resolved_at IS NULL AND obligation_key IS NOT NULL`,
    [projectId],
  );
  if (live.length === 0) return 0;
  const byKey = new Map(obligations.map((o) => [o.key, o]));
  const groups = new Map<string, { resolution: string; reason: string; ids: string[] }>();
  for (const n of live) {
    const found = noticeResolution({ kind: n.kind, dueOn: n.due_on }, byKey.get(n.obligation_key));
    if (!found) continue;
    const group = `${found.resolution}|${found.reason}`;
    const entry = groups.get(group) ?? { ...found, ids: [] };
    entry.ids.push(String(n.id));
    groups.set(group, entry);
  }
  for (const g of groups.values()) {
    await tx.query(
      `UPDATE notifications SET resolved_at = $2, resolution = $3, resolved_reason = $4
        WHERE id = ANY($1::bigint[]) AND resolved_at IS NULL`,
      [g.ids, at, g.resolution, g.reason],
    );
  }
  return [...groups.values()].reduce((total, g) => total + g.ids.length, 0);
}
