import {
  dateChanges,
  DEFAULT_REMINDERS,
  evaluate,
  findPolicy,
  overdueNotices,
  planWakeups,
  WorkingCalendar,
  YearNotice,
} from '../domain';
import { ApplicationFailure } from '@temporalio/common';
import type { EvaluateInput, EvaluateOutput } from './types';

export interface EvaluateDeps {
  /** Holiday notices loaded at run time; they win over the shipped years. */
  loadNotices(): Promise<YearNotice[]>;
}

/** The engine with the notices loaded: obligations, the wake-ups after `input.after`, what moved, what is overdue. */
export function evaluateWith(input: EvaluateInput, notices: YearNotice[]): EvaluateOutput {
  const pack = findPolicy(input.policyId);
  if (!pack) throw ApplicationFailure.nonRetryable(`unknown policy ${input.policyId}`, 'UnknownPolicy');
  const calendar = WorkingCalendar.standard(notices);
  const result = evaluate(
    pack,
    { project: input.attributes, events: input.events, asOf: input.asOf },
    calendar,
  );
  const wakeups = planWakeups(
    result,
    calendar,
    pack.reminders ?? DEFAULT_REMINDERS,
    input.after,
    result.lifecycle.terminated ? null : result.lifecycle.terminatesOn,
  );
  const moved = input.previous ? dateChanges(input.previous, result, input.after) : [];
  const catchUp = input.now !== undefined ? overdueNotices(result, input.now) : [];
  return { result, wakeups, moved, catchUp, notices };
}

/**
 * Deadline arithmetic reaches workflows only through activities: their result is recorded in history,
 * so a later calendar or rule change never alters the replay of a running project. Workflows recorded
 * before `record-fact.activity.ts` schedule this one; newer ones evaluate inside `recordFact`.
 */
export function createEvaluateActivities(deps: EvaluateDeps) {
  return {
    async evaluateProject(input: EvaluateInput): Promise<EvaluateOutput> {
      if (!findPolicy(input.policyId))
        throw ApplicationFailure.nonRetryable(`unknown policy ${input.policyId}`, 'UnknownPolicy');
      return evaluateWith(input, await deps.loadNotices());
    },
  };
}
