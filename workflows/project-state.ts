/** The state a project's workflow carries, also across continue-as-new, and the pure steps on it. */
import type { EvaluateOutput, ProjectRecord, ProjectStatus, RecordedFact } from '../activities/types';
import { evaluate, findPolicy, ProjectEvent, shanghaiDateOf, WorkingCalendar, YearNotice } from '../domain';
import type { UpdateResult } from './messages';

export interface CarriedState {
  facts: RecordedFact[];
  /** Results of applied updates by idempotency key, so a retried update records nothing twice. */
  applied: Record<string, UpdateResult>;
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
  carried?: CarriedState;
  /** Continue as new once history grows past this many events (the server's own suggestion also counts). */
  historyLimit?: number;
}

/** Idempotency keys remembered per project; older ones fall off (Temporal dedupes within a run too). */
export const APPLIED_KEYS_KEPT = 1000;

export function statusOf(last: EvaluateOutput | null): ProjectStatus {
  const lifecycle = last?.result.lifecycle;
  if (!lifecycle) return 'active';
  if (lifecycle.terminated) return 'terminated';
  if (lifecycle.completed) return 'completed';
  return lifecycle.paused ? 'paused' : 'active';
}

export function eventsOf(facts: readonly RecordedFact[]): ProjectEvent[] {
  return facts.map((f) => ({
    ...f.event,
    ...(f.actor.role !== 'system' ? { actor: { role: f.actor.role } } : {}),
  }));
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
): string | null {
  const pack = findPolicy(project.policyId);
  if (!pack) return `unknown policy ${project.policyId}`;
  const events = eventsOf([...facts, candidate]);
  try {
    const result = evaluate(
      pack,
      { project: project.attributes, events, asOf: shanghaiDateOf(now) },
      WorkingCalendar.standard(notices),
    );
    return result.rejected.find((r) => r.event === events.length - 1)?.reason ?? null;
  } catch (error) {
    return (error as Error).message;
  }
}

export function remember(applied: Record<string, UpdateResult>, key: string, result: UpdateResult) {
  applied[key] = result;
  const keys = Object.keys(applied);
  for (const old of keys.slice(0, Math.max(0, keys.length - APPLIED_KEYS_KEPT))) delete applied[old];
}
