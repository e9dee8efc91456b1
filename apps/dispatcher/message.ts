import { createHash } from 'node:crypto';
import type { NotificationEntity } from '../../db/entities';
import { citationOf, daysBetween, shanghaiDateOf } from '../../domain';

interface Payload {
  projectName?: string;
  departmentName?: string;
  title?: string | null;
  basis?: string | null;
  count?: number | null;
  previousDueOn?: string | null;
  message?: string;
  /** An urging's: the date the bureau expects the department's answer by. */
  answerBy?: string | null;
}

/** One key per notification, carried to every channel so receivers can drop a repeated delivery. */
export function idempotencyKeyOf(n: Pick<NotificationEntity, 'dedupeKey'>): string {
  return `dk-${createHash('sha256').update(n.dedupeKey).digest('hex').slice(0, 32)}`;
}

const KIND_PREFIX: Record<string, string> = {
  'overdue-notice': '【已逾期】',
  reminder: '【期限提醒】',
  'due-today': '【今日到期】',
  escalation: '【逾期督办】',
  'escalation-head': '【逾期督办·部门负责人】',
  'escalation-leadership': '【逾期督办·局领导】',
  urging: '【催办】',
  'urging-answer': '【催办反馈】',
  opens: '【可以办理】',
  'date-changed': '【期限调整】',
  'import-summary': '【导入汇总】',
  correction: '【更正】',
};

/** The Chinese subject and body a person reads: project, obligation, due date, days left or overdue, article. */
export function compose(
  n: NotificationEntity,
  now: number,
): { subject: string; text: string; facts: Record<string, unknown> } {
  const p = n.payload as Payload;
  const today = shanghaiDateOf(now);
  const days = n.dueOn ? daysBetween(today, n.dueOn) : null;
  const timing =
    days === null
      ? '无截止日期'
      : days > 0
        ? `还有 ${days} 天`
        : days === 0
          ? '今天到期'
          : `已逾期 ${-days} 天`;
  const subject = `${KIND_PREFIX[n.kind] ?? '【期限监管】'}${p.projectName ?? n.projectId} · ${p.title ?? ''}${n.dueOn ? ` · ${n.dueOn}` : ''}`;
  const text = [
    p.message ?? '',
    '',
    `项目：${p.projectName ?? n.projectId}`,
    `部门：${p.departmentName ?? n.departmentId}`,
    `事项：${p.title ?? ''}`,
    `期限：${n.dueOn ?? '无'}（${timing}）`,
    ...(p.previousDueOn ? [`原期限：${p.previousDueOn}`] : []),
    ...(p.answerBy ? [`请于 ${p.answerBy} 前反馈原因和预计完成日期`] : []),
    `依据：${p.basis ? citationOf(p.basis) : '—'}`,
    '',
    '——期限监管（Deadline Keeper）',
  ].join('\n');
  return {
    subject,
    text,
    facts: {
      daysLeft: days !== null && days >= 0 ? days : null,
      daysOverdue: days !== null && days < 0 ? -days : null,
    },
  };
}
