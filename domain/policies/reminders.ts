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
}

export const DEFAULT_REMINDERS: ReminderPolicy = {
  beforeDue: [7, 3, 1],
  onDueDay: true,
  atHour: 9,
  escalateEveryWorkingDays: 5,
};
