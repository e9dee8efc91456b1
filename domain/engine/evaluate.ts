import { dateProblem, IsoDate, WorkingCalendar } from '../calendar';
import type { ChangeRequest, PolicyPack } from '../policies/types';
import { compareKeys, Instance, makeContext, resolveInstances, toObligation } from './obligations';
import { EVENT_LABELS } from './labels';
import { permissionRejection } from './permissions';
import { isEventType, lifecycleRejection, missingFieldRejection } from './preconditions';
import {
  ChangeDecision,
  EVENT_TYPES,
  EvaluationInput,
  EvaluationResult,
  Fact,
  PolicyFlag,
  ProjectAttributes,
  ProjectEvent,
  RejectedEvent,
} from './types';

/** Facts apply in the order they happened; within a day, in the order they were recorded. */
function byDay(events: readonly ProjectEvent[]): number[][] {
  const order = events
    .map((_, i) => i)
    .sort((a, b) => {
      const ea = events[a] as ProjectEvent;
      const eb = events[b] as ProjectEvent;
      return ea.on === eb.on ? a - b : ea.on < eb.on ? -1 : 1;
    });
  const days: number[][] = [];
  for (const i of order) {
    const last = days[days.length - 1];
    if (last && events[last[0] as number]?.on === events[i]?.on) last.push(i);
    else days.push([i]);
  }
  return days;
}

const DATE_FIELDS = ['on', 'until', 'effectiveOn'] as const;

interface State {
  pack: PolicyPack;
  project: ProjectAttributes;
  asOf: IsoDate;
  cal: WorkingCalendar;
  facts: Fact[];
}

/** Why `event` cannot be recorded on top of the facts so far, or null when it can. */
function rejection(event: ProjectEvent, state: State): string | null {
  const { pack, facts } = state;
  if (!isEventType(event.type))
    return `unknown event type "${String(event.type)}"; known: ${EVENT_TYPES.join(', ')}`;
  // An impossible date (2026-09-31) is refused like any other bad fact, before anything computes with it.
  for (const field of DATE_FIELDS) {
    const value = field === 'on' ? event.on : (event as unknown as Record<string, unknown>)[field];
    const problem = field === 'on' || value !== undefined ? dateProblem(field, value) : null;
    if (problem) return problem;
  }
  if (event.on > state.asOf) return `${event.type} on ${event.on} is in the future (after ${state.asOf})`;
  if (event.actor) {
    const denied = permissionRejection(event.actor.role, event.type);
    if (denied) return denied;
  }
  const termination = facts.find((f) => f.type === 'termination.requested');
  if (termination && (termination.effectiveOn as IsoDate) < event.on) {
    return `the project was terminated on ${termination.effectiveOn}; nothing can be recorded after that`;
  }
  const simple = missingFieldRejection(event) ?? lifecycleRejection(event, facts);
  if (simple) return simple;
  const ctx = makeContext(state.project, facts, event.on);
  for (const check of pack.checks) {
    if (check.type !== event.type) continue;
    const refused = check.check(event, ctx);
    if (refused) return refused;
  }
  if (event.type === 'project.paused' || event.type === 'project.resumed')
    return pauseRejection(event, facts);
  const instances = resolveInstances(pack, ctx, state.cal);
  if (event.type === 'extension.granted') {
    const target = instances.find((i) => i.draft.key === event.obligation);
    if (!target) {
      const keys = instances.map((i) => i.draft.key);
      return `no obligation "${event.obligation}" exists on ${event.on}${keys.length ? `; the project has: ${keys.join(', ')}` : ''}`;
    }
    if (target.met) return `${event.obligation} was already met on ${target.met.on}`;
    if (!target.dates.due) return `${event.obligation} has no due date to extend`;
    if ((event.until as IsoDate) <= target.dates.due.date) {
      return `until ${event.until} is not later than the current due date ${target.dates.due.date}`;
    }
    return null;
  }
  return meetsNothing(event, state, instances);
}

/**
 * A fact that exists to meet an obligation (a filing, an application, a report) must meet one: kept and
 * ignored, it would leave the obligation overdue while the department believes it done.
 */
function meetsNothing(event: ProjectEvent, state: State, instances: Instance[]): string | null {
  // A rule whose gate says it does not apply to this project (Jinhu's key-project rules for a general
  // one) leaves the fact to its other roles: it is not there to meet anything.
  const rules = state.pack.obligations.filter(
    (r) => r.metBy === event.type && (!r.gate?.appliesTo || r.gate.appliesTo(state.project)),
  );
  if (rules.length === 0) return null;
  const label = EVENT_LABELS[event.type] ?? event.type;
  let tooEarly: string | null = null;
  for (const rule of rules) {
    const open = instances.filter(
      (i) => i.rule === rule && !i.met && (i.draft.matches ? i.draft.matches({ ...event, index: -1 }) : true),
    );
    const candidate = open.find((i) => !i.draft.trigger || event.on >= i.draft.trigger.on);
    if (!candidate) {
      if (rule.gate && (rule.gate.appliesTo ? rule.gate.appliesTo(state.project) : true))
        return rule.gate.reason;
      const early = open[0]?.draft;
      if (early?.trigger && !tooEarly) {
        const trigger = EVENT_LABELS[early.trigger.type] ?? early.trigger.type;
        tooEarly = `${rule.basis}：「${early.key}」自 ${early.trigger.on}（${trigger}）起才需要办理；${event.on} 的「${label}」早于此，不能办结它，请核对日期`;
      }
      continue;
    }
    const opensOn = candidate.dates.opens?.date;
    if (opensOn && event.on < opensOn) {
      return `${rule.basis}: ${candidate.draft.key} opens on ${opensOn}; ${event.type} on ${event.on} is too early`;
    }
    return null;
  }
  return (
    tooEarly ??
    `「${label}」（${event.on}${event.year !== undefined ? `，${event.year} 年度` : ''}）没有可以办结的事项：对应事项尚未产生或已经办结（${rules.map((r) => r.basis).join('、')}），请核对事实与日期`
  );
}

function pauseRejection(event: ProjectEvent, facts: readonly Fact[]): string | null {
  const last = [...facts].reverse().find((f) => f.type === 'project.paused' || f.type === 'project.resumed');
  const paused = last?.type === 'project.paused';
  if (event.type === 'project.paused' && paused) return `the project is already paused since ${last?.on}`;
  if (event.type === 'project.resumed' && !paused) return 'the project is not paused';
  return null;
}

function flagsFor(pack: PolicyPack, on: IsoDate): { inForce: boolean; flags: PolicyFlag[] } {
  const flags: PolicyFlag[] = [];
  if (pack.draft) {
    flags.push({
      code: 'policy-draft',
      message: `${pack.name} is a draft for comment, not a regulation in force`,
    });
  }
  const before = pack.validFrom !== null && on < pack.validFrom;
  const after = pack.validUntil !== null && on > pack.validUntil;
  if (before || after) {
    flags.push({
      code: 'policy-not-in-force',
      message: `${pack.name} was not in force on ${on} (in force ${pack.validFrom ?? '…'} to ${pack.validUntil ?? '…'})`,
    });
  }
  return { inForce: !before && !after, flags };
}

/** Facts → obligations, requirements, change paths and refusals, as of `asOf` (spec §3–§6). */
export function evaluate(
  pack: PolicyPack,
  input: EvaluationInput,
  cal: WorkingCalendar = WorkingCalendar.standard(),
): EvaluationResult {
  const { project, events, asOf } = input;
  const state: State = { pack, project, asOf, cal, facts: [] };
  const rejected: RejectedEvent[] = [];
  for (const day of byDay(events)) {
    // A fact refused on its day may need a later-recorded fact of the same day (a contract filed and
    // signed on one day, recorded in the wrong order): it gets a second try once the day's others are in.
    const refused: { index: number; reason: string }[] = [];
    for (const index of day) {
      const reason = rejection(events[index] as ProjectEvent, state);
      if (reason) refused.push({ index, reason });
      else state.facts.push({ ...(events[index] as ProjectEvent), index });
    }
    for (const { index, reason } of refused) {
      const retry = refused.length < day.length ? rejection(events[index] as ProjectEvent, state) : reason;
      if (retry) rejected.push({ event: index, reason: retry });
      else state.facts.push({ ...(events[index] as ProjectEvent), index });
    }
  }
  const facts = state.facts;
  const termination = facts.find((f) => f.type === 'termination.requested');
  const terminatedOn = (termination?.effectiveOn as IsoDate | undefined) ?? null;
  const today = terminatedOn && terminatedOn < asOf ? terminatedOn : asOf;
  const instances = resolveInstances(pack, makeContext(project, facts, today), cal);
  const obligations = instances
    .map((i) => toObligation(i, asOf, terminatedOn, cal))
    .sort((a, b) => compareKeys(a.key, b.key));

  const changes: ChangeDecision[] = [];
  let currentTotal = project.investment;
  for (const fact of facts.filter((f) => f.type === 'change.requested')) {
    const request: ChangeRequest = {
      amount: fact.amount as number,
      newTotal: fact.newTotal as number,
      brandChange: fact.brandChange ?? false,
      goalsChanged: fact.goalsChanged ?? false,
    };
    const decision = pack.change.decide(request, project.investment);
    changes.push({
      event: fact.index,
      path: decision.path,
      basis: pack.change.basis,
      reason: decision.reason,
    });
    if (decision.path !== 'rejected') currentTotal = request.newTotal;
  }
  changes.sort((a, b) => a.event - b.event);

  const current = { ...project, investment: currentTotal };
  const requirements = pack.requirements
    .filter((r) => r.applies(current))
    .map(({ key, title, basis }) => ({ key, title, basis }));
  // Spec §5 judges validity on the registration day; without it the earliest fact is the best witness.
  const earliest = facts[0]?.on;
  const judgedOn = project.registeredOn ?? (earliest && earliest < asOf ? earliest : asOf);
  const { inForce, flags } = flagsFor(pack, judgedOn);
  const settled = obligations.every(
    (o) => o.status === 'met' || o.status === 'met-late' || o.status === 'waived',
  );
  const terminated = terminatedOn !== null && terminatedOn <= asOf;
  const lastPause = [...facts]
    .reverse()
    .find((f) => f.type === 'project.paused' || f.type === 'project.resumed');
  return {
    policy: { id: pack.id, name: pack.name, inForceOn: judgedOn, inForce, draft: pack.draft },
    obligations,
    requirements,
    changes,
    rejected: rejected.sort((a, b) => a.event - b.event),
    flags,
    lifecycle: {
      paused: lastPause?.type === 'project.paused',
      terminatesOn: terminatedOn,
      terminated,
      completed: terminated || (settled && facts.some((f) => f.type === pack.lifecycleEnd)),
    },
  };
}
