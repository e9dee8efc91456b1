import type { EntityManager } from 'typeorm';
import { NotificationEntity } from '../db/entities';
import { EVENT_LABELS, EvaluationResult, noticeWasWrong, Obligation, shanghaiDateOf } from '../domain';
import type { CorrectionNote, ProjectRecord } from './types';

const KIND_LABELS: Record<string, string> = {
  'overdue-notice': '逾期通知',
  escalation: '逾期督办通知',
  'escalation-head': '逾期督办通知（部门负责人）',
  'escalation-leadership': '逾期督办通知（局领导）',
};

function change(note: CorrectionNote): string {
  const fact = `「${EVENT_LABELS[note.factType] ?? note.factType}」`;
  return note.to === null
    ? `${fact}（${note.from}）系误记，已撤回`
    : `${fact}的日期由 ${note.from} 更正为 ${note.to}`;
}

function standing(o: Obligation | undefined): string {
  if (!o) return '该事项不再适用';
  if (o.status === 'waived') return '该事项已豁免';
  if (o.dueOn === null) return '该事项尚未起算期限';
  if (o.metOn !== null && o.metOn <= o.dueOn) return `该事项期限为 ${o.dueOn}，已于 ${o.metOn} 按期办结`;
  return `该事项期限为 ${o.dueOn}`;
}

/**
 * Overdue notices and escalations already sent that the corrected facts prove wrong get a 【更正】 to
 * the same recipients, saying what changed and why. Unsent ones need none: the dispatcher supersedes a
 * notice its obligation no longer bears out. Keyed by the notice and the obligation's new due date, so a
 * retried activity, or a later correction that leaves that obligation alone, writes no second one.
 */
export async function writeCorrectionNotices(
  tx: EntityManager,
  project: ProjectRecord,
  result: EvaluationResult,
  note: CorrectionNote,
  writtenAt: number,
): Promise<number> {
  const sent = await tx
    .getRepository(NotificationEntity)
    .createQueryBuilder('n')
    .where('n.project_id = :id', { id: project.id })
    .andWhere(`n.kind IN ('overdue-notice', 'escalation', 'escalation-head', 'escalation-leadership')`)
    .andWhere('n.fanned_out_at IS NOT NULL AND n.superseded_at IS NULL')
    .orderBy('n.id')
    .getMany();
  const rows = sent.flatMap((n) => {
    const o = result.obligations.find((x) => x.key === n.obligationKey);
    const sentOn = shanghaiDateOf(n.scheduledFor.getTime());
    if (!noticeWasWrong(o, sentOn)) return [];
    const payload = n.payload as { title?: string | null; basis?: string | null };
    const what = `项目「${project.name}」的「${payload.title ?? n.obligationKey ?? ''}」`;
    return [
      {
        dedupeKey: `${project.id}|${n.obligationKey}|correction|${n.id}|${o?.dueOn ?? 'none'}`,
        projectId: project.id,
        departmentId: n.departmentId,
        obligationKey: n.obligationKey,
        kind: 'correction',
        audience: n.audience,
        dueOn: o?.dueOn ?? null,
        scheduledFor: new Date(writtenAt),
        writtenAt: new Date(writtenAt),
        payload: {
          projectName: project.name,
          title: payload.title ?? null,
          basis: payload.basis ?? null,
          previousDueOn: n.dueOn,
          corrects: { notificationId: n.id, kind: n.kind, sentOn },
          correction: note,
          message:
            `【更正】${what}于 ${sentOn} 发出的${KIND_LABELS[n.kind] ?? '通知'}有误，特此更正：${change(note)}` +
            `（更正原因：${note.reason}）。按更正后的记录，${standing(o)}，发出该通知时并未逾期。`,
        },
      },
    ];
  });
  if (rows.length === 0) return 0;
  const inserted = await tx
    .createQueryBuilder()
    .insert()
    .into(NotificationEntity)
    .values(rows)
    .orIgnore()
    .execute();
  return inserted.identifiers.filter(Boolean).length;
}
