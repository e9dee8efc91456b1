/**
 * When people are reminded of an obligation. Configuration per policy, not code: a pack may override
 * any part of it.
 */
export interface ReminderPolicy {
  /** Working days before the due date on which the department is reminded. */
  beforeDue: number[];
  /** Also remind on the due day itself. */
  onDueDay: boolean;
  /** Local time (Asia/Shanghai) reminders are sent at, as hours after midnight. */
  atHour: number;
  /** While overdue: escalate to the department and the bureau on the first overdue working day, then every N working days. */
  escalateEveryWorkingDays: number;
  /** Who else is told as the delay grows; DEFAULT_ESCALATION_TIERS when absent. */
  tiers?: EscalationTiers;
}

/**
 * Graduated escalation: after the due day the department (and the bureau's operators); after
 * `headAfterWorkingDays` working days overdue also the department's head; after
 * `leadershipAfterWorkingDays` also the bureau's leadership account.
 */
export interface EscalationTiers {
  headAfterWorkingDays: number;
  leadershipAfterWorkingDays: number;
  /** The article that sets these counts, or null where the regulation names none (a documented default). */
  basis: string | null;
}

/**
 * None of the five regulations counts days before a late department's head or the bureau's leaders are
 * told (they provide 限期整改 and 通报批评 without a count), so these are the documented defaults:
 * one working week, then two.
 */
export const DEFAULT_ESCALATION_TIERS: EscalationTiers = {
  headAfterWorkingDays: 5,
  leadershipAfterWorkingDays: 10,
  basis: null,
};

export const DEFAULT_REMINDERS: ReminderPolicy = {
  beforeDue: [7, 3, 1],
  onDueDay: true,
  atHour: 9,
  escalateEveryWorkingDays: 5,
  tiers: DEFAULT_ESCALATION_TIERS,
};
