import { IsoDate, shanghaiInstant, WorkingCalendar } from '../calendar';
import { DEFAULT_ESCALATION_TIERS, type EscalationTiers, type ReminderPolicy } from '../policies/reminders';

/** Who an escalation reaches besides the department: nobody more, its head, or also the bureau's leaders. */
export type EscalationReach = 'department' | 'head' | 'leadership';

/** Working days an obligation due on `dueOn` is overdue on `day` (the due day itself counts as 0). */
export function workingDaysOverdue(cal: WorkingCalendar, dueOn: IsoDate, day: IsoDate): number {
  return cal.workingDaysBetween(dueOn, day);
}

/** How far an escalation reaches after so many working days overdue. */
export function reachAfter(daysOverdue: number, tiers: EscalationTiers = DEFAULT_ESCALATION_TIERS) {
  if (daysOverdue >= tiers.leadershipAfterWorkingDays) return 'leadership' as const;
  if (daysOverdue >= tiers.headAfterWorkingDays) return 'head' as const;
  return 'department' as const;
}

/** The days on which an escalation first reaches the head and the leadership: N and M working days after the due day. */
export function tierDays(
  cal: WorkingCalendar,
  dueOn: IsoDate,
  tiers: EscalationTiers = DEFAULT_ESCALATION_TIERS,
): { head: IsoDate; leadership: IsoDate } {
  return {
    head: cal.addWorkingDays(dueOn, tiers.headAfterWorkingDays),
    leadership: cal.addWorkingDays(dueOn, tiers.leadershipAfterWorkingDays),
  };
}

export interface TierWakeup {
  at: number;
  kind: 'escalation-head' | 'escalation-leadership';
  count: number;
  reach: EscalationReach;
  key: string;
}

/** The two tier notices of one due date, at the policy's hour; the key holds the due date, so each is written once. */
export function tierWakeups(
  obligationKey: string,
  dueOn: IsoDate,
  cal: WorkingCalendar,
  policy: ReminderPolicy,
): TierWakeup[] {
  const tiers = policy.tiers ?? DEFAULT_ESCALATION_TIERS;
  const days = tierDays(cal, dueOn, tiers);
  return [
    {
      at: shanghaiInstant(days.head, policy.atHour),
      kind: 'escalation-head',
      count: tiers.headAfterWorkingDays,
      reach: 'head',
      key: `${obligationKey}|escalation-head|${dueOn}`,
    },
    {
      at: shanghaiInstant(days.leadership, policy.atHour),
      kind: 'escalation-leadership',
      count: tiers.leadershipAfterWorkingDays,
      reach: 'leadership',
      key: `${obligationKey}|escalation-leadership|${dueOn}`,
    },
  ];
}
