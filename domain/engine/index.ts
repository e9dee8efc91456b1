export * from './types';
export { evaluate } from './evaluate';
export { eventsOfFacts, lifecycleStatus, type LifecycleStatus } from './recorded';
export { parseCase, CaseError } from './case-input';
export { mayRecord, permissionRejection, RECORDABLE_BY } from './permissions';
export { EVENT_LABELS, STATUS_LABELS } from './labels';
export { refusal, type Refusal, type RefusalCode, type RefusalParam } from './refusal';
export { simulateCase, isCaseError, type CaseOutcome } from './simulate';
export {
  dateChanges,
  deadlineWakeups,
  overdueNotices,
  planWakeups,
  selectDue,
  type Wakeup,
  type WakeupKind,
} from './schedule';
export { daysRecordedLate, LATE_RECORDING_DAYS } from './late-recording';
export {
  correctedEvents,
  correctionRefusal,
  noticeWasWrong,
  type CorrectionRefusal,
  type FactCorrection,
} from './correction';
export { reachAfter, tierDays, tierWakeups, workingDaysOverdue, type EscalationReach } from './escalation';
export { noticeResolution, OVERDUE_KINDS, type NoticeClaim, type Resolution } from './resolution';
