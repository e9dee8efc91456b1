import { isIsoDate } from '../calendar';
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
export function missingFieldRejection(event: ProjectEvent): string | null {
  switch (event.type) {
    case 'annual-report.submitted':
      return Number.isInteger(event.year) ? null : 'annual-report.submitted needs "year", the report\'s year';
    case 'extension.granted':
      if (!isText(event.obligation))
        return 'extension.granted needs "obligation", the key of the obligation extended';
      return isIsoDate(event.until) ? null : 'extension.granted needs "until", the new due date';
    case 'termination.requested':
      return isIsoDate(event.effectiveOn)
        ? null
        : 'termination.requested needs "effectiveOn", the day it takes effect';
    case 'project.paused':
    case 'project.resumed':
      return isText(event.reason) ? null : `${event.type} needs a "reason"`;
    case 'change.requested':
      if (!isAmount(event.amount))
        return 'change.requested needs "amount", the change in yuan (a number ≥ 0)';
      if (!isAmount(event.newTotal))
        return 'change.requested needs "newTotal", the new total in yuan (a number ≥ 0)';
      for (const flag of ['brandChange', 'goalsChanged'] as const) {
        if (event[flag] !== undefined && typeof event[flag] !== 'boolean')
          return `"${flag}" must be true or false`;
      }
      return null;
    default:
      return null;
  }
}

/** The order facts must come in, whatever the regulation (spec §2: e.g. no acceptance before completion). */
export function lifecycleRejection(event: ProjectEvent, facts: readonly Fact[]): string | null {
  const rule = LIFECYCLE[event.type];
  if (!rule) return null;
  const first = (type: EventType) => facts.find((f) => f.type === type);
  if (rule.once) {
    const earlier = first(event.type);
    if (earlier) return `${event.type} was already recorded on ${earlier.on} (event ${earlier.index})`;
  }
  for (const type of rule.requires ?? []) {
    if (!first(type)) return `${event.type} needs ${type} to be recorded first (on or before ${event.on})`;
  }
  if (rule.requiresAny && !rule.requiresAny.some(first)) {
    return `${event.type} needs one of ${rule.requiresAny.join(', ')} to be recorded first`;
  }
  for (const type of rule.refusedAfter ?? []) {
    const blocking = first(type);
    if (blocking) return `${event.type} cannot follow ${type} of ${blocking.on} (event ${blocking.index})`;
  }
  if (event.type === 'annual-report.submitted') {
    const same = facts.find((f) => f.type === event.type && f.year === event.year);
    if (same)
      return `the ${event.year} annual report was already recorded on ${same.on} (event ${same.index})`;
    if ((event.year as number) > Number(event.on.slice(0, 4))) {
      return `a report for ${event.year} cannot be submitted in ${event.on.slice(0, 4)}`;
    }
  }
  if (event.type === 'termination.requested' && (event.effectiveOn as string) < event.on) {
    return `effectiveOn ${event.effectiveOn} is before the request's own day ${event.on}`;
  }
  return null;
}
