import { dateProblem, IsoDate, WorkingCalendar } from '../calendar';
import type { ChangeRequest, PolicyPack } from '../policies/types';
import { compareKeys, Instance, makeContext, resolveInstances, toObligation } from './obligations';
import { renderRefusal } from '../i18n/refusals';
import { permissionRejection } from './permissions';
import { isEventType, lifecycleRejection, missingFieldRejection } from './preconditions';
import { refusal, type Refusal } from './refusal';
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
function rejection(event: ProjectEvent, state: State): Refusal | null {
  const { pack, facts } = state;
  const type = event.type;
  if (!isEventType(type)) return refusal('unknown-event-type', { type: String(type), known: EVENT_TYPES });
  // An impossible date (2026-09-31) is refused like any other bad fact, before anything computes with it.
  for (const field of DATE_FIELDS) {
    const value = field === 'on' ? event.on : (event as unknown as Record<string, unknown>)[field];
    if ((field === 'on' || value !== undefined) && dateProblem(field, value)) {
      const shown =
        value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
      return refusal('invalid-date', { field, value: shown });
    }
  }
  if (event.on > state.asOf) return refusal('in-future', { type, on: event.on, asOf: state.asOf });
  if (event.actor) {
    const denied = permissionRejection(event.actor.role, type);
    if (denied) return denied;
  }
  const termination = facts.find((f) => f.type === 'termination.requested');
  if (termination && (termination.effectiveOn as IsoDate) < event.on) {
    return refusal('terminated', { effectiveOn: termination.effectiveOn });
  }
  const basis = pack.obligations.find((r) => r.metBy === type)?.basis;
  const simple = missingFieldRejection(event) ?? lifecycleRejection(event, facts, basis);
  if (simple) return simple;
  const ctx = makeContext(state.project, facts, event.on);
  for (const check of pack.checks) {
    if (check.type !== type) continue;
    const refused = check.check(event, ctx);
    if (refused) return { ...refused, basis: check.basis };
  }
  if (type === 'project.paused' || type === 'project.resumed') return pauseRejection(event, facts);
  const instances = resolveInstances(pack, ctx, state.cal);
  if (type === 'extension.granted') {
    const obligation = event.obligation as string;
    const target = instances.find((i) => i.draft.key === obligation);
    if (!target) {
      const keys = instances.map((i) => i.draft.key);
      return refusal('no-such-obligation', { obligation, on: event.on, keys });
    }
    if (target.met) return refusal('obligation-already-met', { obligation, on: target.met.on });
    if (!target.dates.due) return refusal('no-due-date', { obligation });
    if ((event.until as IsoDate) <= target.dates.due.date) {
      return refusal('extension-not-later', { until: event.until, dueOn: target.dates.due.date });
    }
    return null;
  }
  return meetsNothing(event, state, instances);
}

/**
 * A fact that exists to meet an obligation (a filing, an application, a report) must meet one: kept and
 * ignored, it would leave the obligation overdue while the department believes it done.
 */
function meetsNothing(event: ProjectEvent, state: State, instances: Instance[]): Refusal | null {
  // A rule whose gate says it does not apply to this project (Jinhu's key-project rules for a general
  // one) leaves the fact to its other roles: it is not there to meet anything.
  const rules = state.pack.obligations.filter(
    (r) => r.metBy === event.type && (!r.gate?.appliesTo || r.gate.appliesTo(state.project)),
  );
  if (rules.length === 0) return null;
  let tooEarly: Refusal | null = null;
  for (const rule of rules) {
    const open = instances.filter(
      (i) => i.rule === rule && !i.met && (i.draft.matches ? i.draft.matches({ ...event, index: -1 }) : true),
    );
    const candidate = open.find((i) => !i.draft.trigger || event.on >= i.draft.trigger.on);
    if (!candidate) {
      if (rule.gate && (rule.gate.appliesTo ? rule.gate.appliesTo(state.project) : true))
        return refusal(rule.gate.code, {}, rule.basis);
      const early = open[0]?.draft;
      if (early?.trigger && !tooEarly) {
        const { key } = early;
        const trigger = { trigger: early.trigger.type, triggerOn: early.trigger.on };
        tooEarly = refusal(
          'before-trigger',
          { key, title: rule.title, ...trigger, type: event.type, on: event.on },
          rule.basis,
        );
      }
      continue;
    }
    const opensOn = candidate.dates.opens?.date;
    if (opensOn && event.on < opensOn) {
      const { key } = candidate.draft;
      return refusal(
        'too-early',
        { key, title: rule.title, opensOn, type: event.type, on: event.on },
        rule.basis,
      );
    }
    return null;
  }
  const bases = rules.map((r) => r.basis);
  return tooEarly ?? refusal('meets-nothing', { type: event.type, on: event.on, year: event.year, bases });
}

function pauseRejection(event: ProjectEvent, facts: readonly Fact[]): Refusal | null {
  const last = [...facts].reverse().find((f) => f.type === 'project.paused' || f.type === 'project.resumed');
  const paused = last?.type === 'project.paused';
  if (event.type === 'project.paused' && paused) return refusal('already-paused', { since: last?.on });
  if (event.type === 'project.resumed' && !paused) return refusal('not-paused');
  return null;
}

/** The spec's `{ event, reason }`, the reason in Chinese, with the refusal's code beside it for machines. */
function rejectedEvent(event: number, refused: Refusal): RejectedEvent {
  return { event, reason: renderRefusal(refused, 'zh'), ...refused };
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
    const refused: { index: number; reason: Refusal }[] = [];
    for (const index of day) {
      const reason = rejection(events[index] as ProjectEvent, state);
      if (reason) refused.push({ index, reason });
      else state.facts.push({ ...(events[index] as ProjectEvent), index });
    }
    for (const { index, reason } of refused) {
      const retry = refused.length < day.length ? rejection(events[index] as ProjectEvent, state) : reason;
      if (retry) rejected.push(rejectedEvent(index, retry));
      else state.facts.push({ ...(events[index] as ProjectEvent), index });
    }
  }
  const facts = state.facts;
  const termination = facts.find((f) => f.type === 'termination.requested');
  const terminatedOn = (termination?.effectiveOn as IsoDate | undefined) ?? null;
  const today = terminatedOn && terminatedOn < asOf ? terminatedOn : asOf;
  const instances = resolveInstances(pack, makeContext(project, facts, today), cal);
  const obligations = instances
    .map((i) => toObligation(i, asOf, terminatedOn, cal, pack))
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
