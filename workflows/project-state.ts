/** The state a project's workflow carries, also across continue-as-new, and the pure steps on it. */
import { ApplicationFailure } from '@temporalio/common';
import type { EvaluateOutput, ProjectRecord, ProjectStatus, RecordedFact } from '../activities/types';
import {
  evaluate,
  eventsOfFacts,
  findPolicy,
  lifecycleStatus,
  ProjectEvent,
  Refusal,
  shanghaiDateOf,
  WorkingCalendar,
  YearNotice,
} from '../domain';
import type { UpdateResult } from './messages';

/**
 * What is kept of an applied update: enough to answer its retry without recording it again. The
 * obligations are today's when the retry comes (keeping each answer whole carried megabytes across
 * continue-as-new). Runs from before this change carry whole answers; they still read as these.
 */
export type AppliedUpdate = Pick<UpdateResult, 'factIndex' | 'status'>;

export interface CarriedState {
  facts: RecordedFact[];
  /** Applied updates by idempotency key, so a retried update records nothing twice. */
  applied: Record<string, AppliedUpdate>;
  /** Wake-ups up to this instant have been handled. */
  handledUntil: number;
  last: EvaluateOutput | null;
}

export interface ProjectWorkflowInput {
  project: ProjectRecord;
  /**
   * Facts that happened before the project was registered (an ongoing project brought in), evaluated
   * together in the first evaluation, so nothing is announced that a later one of them settles.
   */
  history?: RecordedFact[];
  /**
   * Registered by a workbook import: what it finds already overdue is announced once per department by
   * the import's summary notice, so the first evaluation writes no catch-up notice of its own. Absent in
   * every history recorded before imports, which therefore replay unchanged.
   */
  source?: { kind: 'import'; batchId: string };
  carried?: CarriedState;
  /** Continue as new once history grows past this many events (the server's own suggestion also counts). */
  historyLimit?: number;
}

/** Idempotency keys remembered per project; older ones fall off (Temporal dedupes within a run too). */
export const APPLIED_KEYS_KEPT = 1000;

export function statusOf(last: EvaluateOutput | null): ProjectStatus {
  return lifecycleStatus(last?.result.lifecycle);
}

export function eventsOf(facts: readonly RecordedFact[]): ProjectEvent[] {
  return eventsOfFacts(facts);
}

/**
 * Why the engine would refuse `candidate` today, or null. Run by update validators: validators are not
 * replayed, so running the engine here cannot break determinism, and a refusal leaves no trace in history.
 */
export function refusal(
  project: ProjectRecord,
  facts: readonly RecordedFact[],
  candidate: RecordedFact,
  notices: readonly YearNotice[],
  now: number,
): RejectedFact | null {
  const pack = findPolicy(project.policyId);
  if (!pack) return policyError(`unknown policy ${project.policyId}`);
  const events = eventsOf([...facts, candidate]);
  try {
    const result = evaluate(
      pack,
      { project: project.attributes, events, asOf: shanghaiDateOf(now) },
      WorkingCalendar.standard(notices),
    );
    const refused = result.rejected.find((r) => r.event === events.length - 1);
    return refused ? rejectedFact(refused) : null;
  } catch (error) {
    return policyError((error as Error).message);
  }
}

/** A refused fact: its Chinese reason, and the structured refusal the API words in the caller's language. */
export interface RejectedFact {
  reason: string;
  refusal: Refusal;
}

export function rejectedFact({ reason, code, params, basis }: Refusal & { reason: string }): RejectedFact {
  return { reason, refusal: basis ? { code, params, basis } : { code, params } };
}

const policyError = (message: string): RejectedFact => ({
  reason: message,
  refusal: { code: 'policy-error', params: { message } },
});

/** The failure an update answers a refused fact with; `details[0]` carries the refusal for the API. */
export function factRejected(rejected: RejectedFact): ApplicationFailure {
  return ApplicationFailure.create({
    message: rejected.reason,
    type: 'FactRejected',
    nonRetryable: true,
    details: [rejected.refusal],
  });
}

export function remember(applied: Record<string, AppliedUpdate>, key: string, result: UpdateResult) {
  applied[key] = { factIndex: result.factIndex, status: result.status };
  const keys = Object.keys(applied);
  for (const old of keys.slice(0, Math.max(0, keys.length - APPLIED_KEYS_KEPT))) delete applied[old];
}
