import { addDays, IsoDate, shanghaiInstant, WorkingCalendar } from '../calendar';
import { DEFAULT_ESCALATION_TIERS, type ReminderPolicy } from '../policies/reminders';
import { reachAfter, tierWakeups, workingDaysOverdue, type EscalationReach } from './escalation';
import type { EvaluationResult, Obligation } from './types';

export type WakeupKind =
  | 'overdue-notice'
  | 'reminder'
  | 'due-today'
  | 'escalation'
  | 'escalation-head'
  | 'escalation-leadership'
  | 'opens'
  | 'overdue'
  | 'terminates'
  | 'date-changed';

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
  title: string | null;
  basis: string | null;
  /** For a date change: the due date before the change. */
  previousDueOn?: IsoDate | null;
  /** For escalations: whether the department's head, and the bureau's leaders, are told too. */
  reach?: EscalationReach;
}

const ESCALATIONS_AHEAD = 3;
/** About ten years of 5-working-day rounds: past that a project is not waiting on reminders. */
const MAX_ESCALATION_ROUNDS = 500;

/** The reminder rhythm for one due date: before it, on it, and escalations after it. */
export function deadlineWakeups(
  o: Pick<Obligation, 'key' | 'dueOn' | 'title' | 'basis'>,
  cal: WorkingCalendar,
  policy: ReminderPolicy,
  after: number,
): Wakeup[] {
  const dueOn = o.dueOn as IsoDate;
  const at = (date: IsoDate) => shanghaiInstant(date, policy.atHour);
  const base = { obligationKey: o.key, dueOn, title: o.title, basis: o.basis };
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
  // Rounds already past (a project registered, or a fact recorded, long after the due day) are skipped,
  // so the next rounds are planned however late the workflow looks.
  let day = cal.addWorkingDays(dueOn, 1);
  let planned = 0;
  for (let round = 1; planned < ESCALATIONS_AHEAD && round <= MAX_ESCALATION_ROUNDS; round++) {
    if (at(day) > after) {
      planned += 1;
      out.push({
        ...base,
        at: at(day),
        kind: 'escalation',
        count: round,
        audience: 'department-and-bureau',
        key: `${o.key}|escalation-${day}|${dueOn}`,
        reach: reachAfter(workingDaysOverdue(cal, dueOn, day), policy.tiers ?? DEFAULT_ESCALATION_TIERS),
      });
    }
    day = cal.addWorkingDays(day, policy.escalateEveryWorkingDays);
  }
  // The day the delay first reaches the head, and the leaders, each gets its own notice, whatever the rounds.
  for (const tier of tierWakeups(o.key, dueOn, cal, policy)) {
    if (tier.at > after) out.push({ ...base, ...tier, audience: 'department-and-bureau' });
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
        title: o.title,
        basis: o.basis,
        audience: 'department',
        key: `${o.key}|opens|${o.opensOn}`,
      });
    }
    if (o.dueOn) wakeups.push(...deadlineWakeups(o, cal, policy, after));
  }
  if (terminatesOn) {
    wakeups.push({
      at: shanghaiInstant(terminatesOn),
      kind: 'terminates',
      obligationKey: null,
      dueOn: null,
      title: null,
      basis: null,
      audience: 'none',
      key: `termination|${terminatesOn}`,
    });
  }
  return wakeups.filter((w) => w.at > after).sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

/**
 * Obligations whose dates moved between two evaluations (a newly loaded holiday notice): one
 * `date-changed` notice each, telling the department the old and the new date.
 */
export function dateChanges(
  before: readonly Pick<Obligation, 'key' | 'opensOn' | 'dueOn'>[],
  after: EvaluationResult,
  at: number,
): Wakeup[] {
  const previous = new Map(before.map((o) => [o.key, o]));
  const moves: Wakeup[] = [];
  for (const o of after.obligations) {
    const old = previous.get(o.key);
    if (!old || o.status === 'met' || o.status === 'met-late' || o.status === 'waived') continue;
    if (old.dueOn === o.dueOn && old.opensOn === o.opensOn) continue;
    moves.push({
      at,
      kind: 'date-changed',
      obligationKey: o.key,
      dueOn: o.dueOn,
      previousDueOn: old.dueOn,
      title: o.title,
      basis: o.basis,
      audience: 'department',
      key: `${o.key}|date-changed|${old.opensOn ?? ''}/${old.dueOn ?? ''}->${o.opensOn ?? ''}/${o.dueOn ?? ''}`,
    });
  }
  return moves;
}

/**
 * The wake-ups in (from, to] that should still be sent. After a long sleep (a worker outage, a fact
 * recorded late) several may be due at once: of the reminders before a due day only the latest still
 * helps, of the escalations only the latest, and a reminder for a day already past is dropped.
 */
export function selectDue(wakeups: readonly Wakeup[], from: number, to: number): Wakeup[] {
  const due = wakeups.filter((w) => w.at > from && w.at <= to && w.audience !== 'none');
  const latest = new Map<string, Wakeup>();
  for (const w of due) {
    // A tier notice and a round are one family: the latest carries the widest reach anyway.
    const family =
      w.kind === 'reminder' || w.kind === 'due-today'
        ? 'before-due'
        : w.kind.startsWith('escalation')
          ? 'escalation'
          : w.kind;
    const group = `${w.obligationKey}|${family}|${w.dueOn}`;
    const current = latest.get(group);
    if (!current || w.at >= current.at) latest.set(group, w);
  }
  const today = to;
  return [...latest.values()]
    .filter(
      (w) =>
        !(w.kind === 'reminder' || w.kind === 'due-today') || w.dueOn === null || endOfDay(w.dueOn) > today,
    )
    .sort((a, b) => a.at - b.at);
}

function endOfDay(date: IsoDate): number {
  return shanghaiInstant(addDays(date, 1));
}

/**
 * Obligations already overdue when the workflow learns of them (a project registered late, a fact
 * recorded long after it happened): one notice each, at once, to the department and the bureau. The
 * key holds the due date, so each overdue date is announced once however often this is asked.
 */
export function overdueNotices(result: EvaluationResult, now: number): Wakeup[] {
  return result.obligations
    .filter((o) => o.status === 'overdue' && !o.suspended && o.dueOn)
    .map((o) => ({
      at: now,
      kind: 'overdue-notice' as const,
      obligationKey: o.key,
      dueOn: o.dueOn,
      title: o.title,
      basis: o.basis,
      audience: 'department-and-bureau' as const,
      key: `${o.key}|overdue-notice|${o.dueOn}`,
    }));
}
