import { addDays, IsoDate, shanghaiInstant, WorkingCalendar } from '../calendar';
import type { ReminderPolicy } from '../policies/reminders';
import type { EvaluationResult, Obligation } from './types';

export type WakeupKind = 'reminder' | 'due-today' | 'escalation' | 'opens' | 'overdue' | 'terminates';

/** An instant at which a project's workflow must wake: to notify someone, or because a status changes. */
export interface Wakeup {
  /** Epoch milliseconds. */
  at: number;
  kind: WakeupKind;
  obligationKey: string | null;
  dueOn: IsoDate | null;
  /** For reminders: working days left until dueOn. For escalations: the escalation round (1, 2, …). */
  count?: number;
  /** Who is told: nobody for a status change, the department, or the department and the bureau. */
  audience: 'none' | 'department' | 'department-and-bureau';
  /** Unique per project: the same reminder is never written twice, however often it is planned. */
  key: string;
}

const ESCALATIONS_AHEAD = 3;

function remindersFor(o: Obligation, cal: WorkingCalendar, policy: ReminderPolicy): Wakeup[] {
  const dueOn = o.dueOn as IsoDate;
  const at = (date: IsoDate) => shanghaiInstant(date, policy.atHour);
  const base = { obligationKey: o.key, dueOn };
  const out: Wakeup[] = policy.beforeDue.map((n) => ({
    ...base,
    at: at(cal.subtractWorkingDays(dueOn, n)),
    kind: 'reminder' as const,
    count: n,
    audience: 'department' as const,
    key: `${o.key}|reminder-${n}|${dueOn}`,
  }));
  if (policy.onDueDay) {
    out.push({
      ...base,
      at: at(dueOn),
      kind: 'due-today',
      audience: 'department',
      key: `${o.key}|due-today|${dueOn}`,
    });
  }
  out.push({
    ...base,
    at: shanghaiInstant(addDays(dueOn, 1)),
    kind: 'overdue',
    audience: 'none',
    key: `${o.key}|overdue|${dueOn}`,
  });
  let day = cal.addWorkingDays(dueOn, 1);
  for (let round = 1; round <= ESCALATIONS_AHEAD; round++) {
    out.push({
      ...base,
      at: at(day),
      kind: 'escalation',
      count: round,
      audience: 'department-and-bureau',
      key: `${o.key}|escalation-${day}|${dueOn}`,
    });
    day = cal.addWorkingDays(day, policy.escalateEveryWorkingDays);
  }
  return out;
}

/**
 * The instants after `after` at which something changes for this project: an obligation opens, a reminder
 * is due, a due day ends, an escalation repeats, or a termination takes effect. Sorted by time.
 * Escalations are planned a few rounds ahead; the workflow asks again after each wake-up.
 */
export function planWakeups(
  result: EvaluationResult,
  cal: WorkingCalendar,
  policy: ReminderPolicy,
  after: number,
  terminatesOn: IsoDate | null = null,
): Wakeup[] {
  const wakeups: Wakeup[] = [];
  for (const o of result.obligations) {
    if (o.status === 'met' || o.status === 'met-late' || o.status === 'waived' || o.suspended) continue;
    if (o.opensOn && o.status === 'pending') {
      wakeups.push({
        at: shanghaiInstant(o.opensOn),
        kind: 'opens',
        obligationKey: o.key,
        dueOn: o.dueOn,
        audience: 'department',
        key: `${o.key}|opens|${o.opensOn}`,
      });
    }
    if (o.dueOn) wakeups.push(...remindersFor(o, cal, policy));
  }
  if (terminatesOn) {
    wakeups.push({
      at: shanghaiInstant(terminatesOn),
      kind: 'terminates',
      obligationKey: null,
      dueOn: null,
      audience: 'none',
      key: `termination|${terminatesOn}`,
    });
  }
  return wakeups.filter((w) => w.at > after).sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}
