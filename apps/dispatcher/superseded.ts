import type { DataSource } from 'typeorm';
import { NotificationEntity, ObligationEntity } from '../../db/entities';
import { STATUS_LABELS } from '../../domain';

/** What a notice of each kind claims about its obligation, checked against the read model when sending. */
const CLAIMS: Record<string, readonly string[]> = {
  'overdue-notice': ['overdue'],
  escalation: ['overdue'],
  'escalation-head': ['overdue'],
  'escalation-leadership': ['overdue'],
  urging: ['overdue'],
  reminder: ['open', 'pending'],
  'due-today': ['open', 'pending'],
  opens: ['open'],
};

/**
 * Why the notice would now say something untrue (its obligation was met, waived, or moved since it was
 * written), or null while it still holds. Notices about no single obligation (plan cycles) always hold.
 */
export async function supersededReason(
  dataSource: DataSource,
  n: NotificationEntity,
): Promise<string | null> {
  return (await supersededReasons(dataSource, [n])).get(n.id) ?? null;
}

/** The same for many notices at once, with one read of the obligations they are about. */
export async function supersededReasons(
  dataSource: DataSource,
  notices: readonly NotificationEntity[],
): Promise<Map<string, string | null>> {
  const about = notices.filter((n) => n.projectId && n.obligationKey && CLAIMS[n.kind] && !n.resolvedAt);
  const pairs = new Map(about.map((n) => [`${n.projectId}|${n.obligationKey}`, n]));
  const found = pairs.size
    ? await dataSource.getRepository(ObligationEntity).find({
        where: [...pairs.values()].map((n) => ({
          projectId: n.projectId as string,
          key: n.obligationKey as string,
        })),
      })
    : [];
  const byPair = new Map(found.map((o) => [`${o.projectId}|${o.key}`, o]));
  return new Map(
    notices.map((n) => [n.id, reasonFor(n, byPair.get(`${n.projectId}|${n.obligationKey}`) ?? null)]),
  );
}

function reasonFor(n: NotificationEntity, o: ObligationEntity | null): string | null {
  // Resolved by the projection (met, waived, extended, corrected): whatever is still unsent stays so.
  if (n.resolvedAt) return `该通知已解除：${n.resolvedReason ?? '事项已处理'}`;
  const claimed = CLAIMS[n.kind];
  if (!n.projectId || !n.obligationKey || !claimed) return null;
  if (!o) return '该事项已不存在（事实更正或项目调整后）';
  if (!claimed.includes(o.status)) {
    const label = STATUS_LABELS[o.status as keyof typeof STATUS_LABELS] ?? o.status;
    return `该事项现为「${label}」${o.metOn ? `（${o.metOn} 已办结）` : ''}，通知已不再属实`;
  }
  if (n.dueOn && o.dueOn !== n.dueOn)
    return `该事项的期限已由 ${n.dueOn} 改为 ${o.dueOn ?? '无'}，通知已不再属实`;
  return null;
}

/** Marks the notice superseded (once) and every delivery of it not yet sent. */
export async function markSuperseded(
  dataSource: DataSource,
  n: NotificationEntity,
  reason: string,
  at: Date,
) {
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `UPDATE notifications SET superseded_at = $2, superseded_reason = $3 WHERE id = $1 AND superseded_at IS NULL`,
      [n.id, at, reason],
    );
    await tx.query(
      `UPDATE deliveries SET status = 'superseded', last_error = $2
        WHERE notification_id = $1 AND status IN ('pending', 'sending', 'failed')`,
      [n.id, `未发送：${reason}`],
    );
  });
}
