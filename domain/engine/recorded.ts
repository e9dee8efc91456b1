/** What the workflow and its activities both derive from a project's recorded facts and evaluation. */
import type { EvaluationResult, ProjectEvent, Role } from './types';

export type LifecycleStatus = 'active' | 'paused' | 'terminated' | 'completed';

/** The one word a project's list row, its workflow's answers and its read model all show. */
export function lifecycleStatus(lifecycle: EvaluationResult['lifecycle'] | undefined): LifecycleStatus {
  if (!lifecycle) return 'active';
  if (lifecycle.terminated) return 'terminated';
  if (lifecycle.completed) return 'completed';
  return lifecycle.paused ? 'paused' : 'active';
}

/** The engine's events for recorded facts: a person's role counts (permissions), the system's does not. */
export function eventsOfFacts(
  facts: readonly { event: ProjectEvent; actor: { role: Role | 'system' } }[],
): ProjectEvent[] {
  return facts.map((f) => ({
    ...f.event,
    ...(f.actor.role !== 'system' ? { actor: { role: f.actor.role } } : {}),
  }));
}
