import type { DataSource, EntityManager } from 'typeorm';
import { NotificationEntity } from '../db/entities';
import { citationOf, daysBetween, shanghaiDateOf, Wakeup } from '../domain';
import type { NotificationInput } from './types';

const REACH_NOTE = {
  department: '',
  head: '（已同时告知部门负责人）',
  leadership: '（已同时告知部门负责人和局领导）',
};

function message(projectName: string, w: Wakeup, today: string): string {
  const what = `项目「${projectName}」的「${w.title ?? ''}」`;
  const basis = w.basis ? `（依据${citationOf(w.basis)}）` : '';
  switch (w.kind) {
    case 'overdue-notice':
      return `【已逾期】${what}已于 ${w.dueOn} 到期，截至 ${today} 已逾期 ${daysBetween(w.dueOn ?? today, today)} 天，请尽快办理${basis}。`;
    case 'reminder':
      return `【期限提醒】${what}将于 ${w.dueOn} 到期，还有 ${w.count} 个工作日${basis}。`;
    case 'due-today':
      return `【今日到期】${what}今天（${w.dueOn}）到期${basis}。`;
    case 'escalation':
      return `【逾期督办】${what}已于 ${w.dueOn} 到期，截至 ${today} 已逾期 ${daysBetween(w.dueOn ?? today, today)} 天${REACH_NOTE[w.reach ?? 'department']}，请尽快办理${basis}。`;
    case 'escalation-head':
      return `【逾期督办·部门负责人】${what}已于 ${w.dueOn} 到期，已逾期 ${w.count} 个工作日，现同时告知部门负责人，请督促尽快办理${basis}。`;
    case 'escalation-leadership':
      return `【逾期督办·局领导】${what}已于 ${w.dueOn} 到期，已逾期 ${w.count} 个工作日，现同时报告局领导，请部门负责人督促尽快办理${basis}。`;
    case 'opens':
      return `【可以办理】${what}自今天起可以办理${w.dueOn ? `，期限 ${w.dueOn}` : ''}${basis}。`;
    case 'date-changed':
      return `【期限调整】因节假日安排变化，${what}的期限由 ${w.previousDueOn ?? '无'} 改为 ${w.dueOn ?? '无'}${basis}。`;
    default:
      return `${what}${basis}`;
  }
}

/**
 * The outbox. Each row's key is (project, obligation, kind, due date), unique in the table, so a retried
 * activity or a replayed workflow never writes a second copy.
 */
export async function insertNotifications(db: EntityManager, input: NotificationInput): Promise<number> {
  const items = input.items.filter((w) => w.audience !== 'none');
  if (items.length === 0) return 0;
  const today = shanghaiDateOf(input.writtenAt);
  // The name a person recognises, kept with the notice so it reads the same after a rename.
  const [department]: { name: string }[] = await db.query('SELECT name FROM departments WHERE id = $1', [
    input.project.departmentId,
  ]);
  const result = await db
    .createQueryBuilder()
    .insert()
    .into(NotificationEntity)
    .values(
      items.map((w) => ({
        dedupeKey: `${input.project.id}|${w.key}`,
        projectId: input.project.id,
        departmentId: input.project.departmentId,
        obligationKey: w.obligationKey,
        kind: w.kind,
        audience: w.audience,
        dueOn: w.dueOn,
        scheduledFor: new Date(w.at),
        writtenAt: new Date(input.writtenAt),
        payload: {
          projectName: input.project.name,
          departmentName: department?.name ?? input.project.departmentId,
          title: w.title,
          basis: w.basis,
          count: w.count ?? null,
          previousDueOn: w.previousDueOn ?? null,
          ...(w.reach ? { reach: w.reach } : {}),
          message: message(input.project.name, w, today),
        },
      })),
    )
    .orIgnore()
    .execute();
  return result.identifiers.filter(Boolean).length;
}

export function createNotificationActivities(dataSource: DataSource) {
  return {
    async writeNotifications(input: NotificationInput): Promise<number> {
      return insertNotifications(dataSource.manager, input);
    },
  };
}
