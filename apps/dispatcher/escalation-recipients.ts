import type { EntityManager } from 'typeorm';
import { DepartmentEntity, NotificationEntity, UserEntity } from '../../db/entities';
import { smsPeopleOf, type SmsPeople } from '../../db/sms-recipients';
import type { EscalationReach } from '../../domain';

/** Whom a graduated escalation reaches beyond the department's own channels. */
export interface EscalationRecipients {
  /** Per department: the e-mail of each contact marked `role: head` and of each account flagged head. */
  heads: Map<string, string[]>;
  /** The e-mail of every active bureau account flagged as the leadership. */
  leaders: string[];
  /** Per department: its contacts' and heads' mobiles (the channel's extra mobiles are added later). */
  smsPeople: Map<string, SmsPeople>;
  /** The mobile of every active bureau account flagged as the leadership. */
  leaderPhones: (string | null)[];
}

export async function escalationRecipients(tx: EntityManager): Promise<EscalationRecipients> {
  const heads = new Map<string, string[]>();
  const add = (department: string, email: string) =>
    heads.set(department, [...(heads.get(department) ?? []), email]);
  const departments = await tx.getRepository(DepartmentEntity).find();
  for (const d of departments) {
    for (const c of d.contacts ?? []) if (c.role === 'head' && c.email) add(d.id, c.email);
  }
  const flagged = await tx
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('u.escalation_role IS NOT NULL AND u.disabled = false')
    .getMany();
  for (const u of flagged)
    if (u.escalationRole === 'head' && u.departmentId && u.email) add(u.departmentId, u.email);
  const leadership = flagged.filter((u) => u.escalationRole === 'leadership' && u.role !== 'department');
  const smsPeople = new Map<string, SmsPeople>();
  for (const d of departments) {
    const headPhones = flagged
      .filter((u) => u.escalationRole === 'head' && u.departmentId === d.id)
      .map((u) => u.phone);
    smsPeople.set(d.id, smsPeopleOf(d.contacts ?? [], [], headPhones));
  }
  return {
    heads,
    leaders: leadership.filter((u) => u.email).map((u) => u.email as string),
    smsPeople,
    leaderPhones: leadership.map((u) => u.phone),
  };
}

/** How far a notice reaches: its tier for a tier notice, the round's reach for an escalation round. */
export function escalationReachOf(n: NotificationEntity): EscalationReach {
  if (n.kind === 'escalation-leadership') return 'leadership';
  if (n.kind === 'escalation-head') return 'head';
  if (n.kind !== 'escalation') return 'department';
  return (n.payload as { reach?: EscalationReach }).reach ?? 'department';
}
