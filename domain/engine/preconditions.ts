import { isIsoDate } from '../calendar';
import { refusal, type Refusal } from './refusal';
import { EVENT_TYPES, EventType, Fact, ProjectEvent } from './types';

interface LifecycleRule {
  /** Recorded at most once. */
  once?: boolean;
  /** Each of these must already be recorded (on or before this fact's day). */
  requires?: EventType[];
  /** At least one of these must already be recorded. */
  requiresAny?: EventType[];
  /** Refused once any of these is recorded. */
  refusedAfter?: EventType[];
}

const LIFECYCLE: Partial<Record<EventType, LifecycleRule>> = {
  'plan.filed': { once: true },
  'project.approved': { once: true },
  'contract.signed': { once: true },
  'contract.filed': { once: true, requires: ['contract.signed'] },
  'construction.completed': { once: true },
  'trial-run.started': { once: true, requires: ['construction.completed'] },
  'trial-run.stable': { once: true, requires: ['trial-run.started'] },
  'acceptance.preliminary.passed': { once: true, requires: ['construction.completed'] },
  'acceptance.preliminary.failed': {
    requires: ['construction.completed'],
    refusedAfter: ['acceptance.preliminary.passed'],
  },
  'acceptance.applied': { requires: ['construction.completed'], refusedAfter: ['acceptance.passed'] },
  'acceptance.passed': { once: true, requires: ['construction.completed'] },
  'acceptance.failed': { requires: ['construction.completed'], refusedAfter: ['acceptance.passed'] },
  'rectification.completed': { requiresAny: ['acceptance.failed', 'acceptance.preliminary.failed'] },
  'operation.started': { once: true },
  'self-evaluation.submitted': { once: true, requires: ['operation.started'] },
  'termination.requested': { once: true },
};

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type);
}

const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The fields a fact of each type must carry (spec §2, "carries"). */
export function missingFieldRejection(event: ProjectEvent): Refusal | null {
  const missing = (field: string) => refusal('missing-field', { type: event.type, field });
  switch (event.type) {
    case 'annual-report.submitted':
      return Number.isInteger(event.year) ? null : missing('year');
    case 'extension.granted':
      if (!isText(event.obligation)) return missing('obligation');
      return isIsoDate(event.until) ? null : missing('until');
    case 'termination.requested':
      return isIsoDate(event.effectiveOn) ? null : missing('effectiveOn');
    case 'project.paused':
    case 'project.resumed':
      return isText(event.reason) ? null : missing('reason');
    case 'change.requested':
      if (!isAmount(event.amount)) return missing('amount');
      if (!isAmount(event.newTotal)) return missing('newTotal');
      for (const flag of ['brandChange', 'goalsChanged'] as const) {
        if (event[flag] !== undefined && typeof event[flag] !== 'boolean')
          return refusal('not-boolean', { field: flag });
      }
      return null;
    default:
      return null;
  }
}

/**
 * The order facts must come in, whatever the regulation (spec §2: e.g. no acceptance before completion).
 * `basis` is the article of the obligation the fact meets, so the refusal can cite it.
 */
export function lifecycleRejection(
  event: ProjectEvent,
  facts: readonly Fact[],
  basis?: string,
): Refusal | null {
  const rule = LIFECYCLE[event.type];
  if (!rule) return null;
  const first = (type: EventType) => facts.find((f) => f.type === type);
  const type = event.type;
  if (rule.once) {
    const earlier = first(type);
    if (earlier) return refusal('already-recorded', { type, on: earlier.on, index: earlier.index });
  }
  for (const required of rule.requires ?? []) {
    if (!first(required)) return refusal('requires', { type, required, on: event.on }, basis);
  }
  if (rule.requiresAny && !rule.requiresAny.some(first)) {
    return refusal('requires-any', { type, options: rule.requiresAny }, basis);
  }
  for (const blocking of rule.refusedAfter ?? []) {
    const fact = first(blocking);
    if (fact) return refusal('refused-after', { type, blocking, on: fact.on, index: fact.index });
  }
  if (type === 'annual-report.submitted') {
    const same = facts.find((f) => f.type === type && f.year === event.year);
    if (same) return refusal('annual-report-duplicate', { year: event.year, on: same.on, index: same.index });
    if ((event.year as number) > Number(event.on.slice(0, 4))) {
      return refusal('annual-report-future-year', { year: event.year, submittedIn: event.on.slice(0, 4) });
    }
  }
  if (type === 'termination.requested' && (event.effectiveOn as string) < event.on) {
    return refusal('effective-before-request', { effectiveOn: event.effectiveOn, on: event.on });
  }
  return null;
}
