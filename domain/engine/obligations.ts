import { daysBetween, IsoDate, WorkingCalendar } from '../calendar';
import { chineseCitation } from '../policies/citation';
import type { ObligationDraft, ObligationRule, PolicyPack, RuleContext } from '../policies/types';
import { AdjustedDates, applyAdjustments } from './adjustments';
import { deriveDate, toExplanation } from './date-derivation';
import { eventLabel } from './labels';
import type { EventType, Fact, Obligation, ObligationStatus, ProjectAttributes } from './types';

/** One obligation instance with its meeting fact and its dates after pauses and extensions. */
export interface Instance {
  rule: ObligationRule;
  draft: ObligationDraft;
  met: Fact | null;
  dates: AdjustedDates;
}

export function makeContext(project: ProjectAttributes, facts: readonly Fact[], today: IsoDate): RuleContext {
  return {
    project,
    facts,
    today,
    first: (type: EventType) => facts.find((f) => f.type === type),
    all: (type: EventType) => facts.filter((f) => f.type === type),
  };
}

/** Every obligation the facts so far give rise to, as of `ctx.today`. */
export function resolveInstances(pack: PolicyPack, ctx: RuleContext, cal: WorkingCalendar): Instance[] {
  const instances: Instance[] = [];
  for (const rule of pack.obligations) {
    const used = new Set<number>();
    for (const draft of rule.derive(ctx)) {
      const met =
        ctx.facts.find(
          (f) =>
            f.type === rule.metBy &&
            !used.has(f.index) &&
            (!draft.trigger || f.on >= draft.trigger.on) &&
            (draft.matches ? draft.matches(f) : true),
        ) ?? null;
      if (met) used.add(met.index);
      const dates = applyAdjustments(
        { key: draft.key, triggerOn: draft.trigger?.on ?? null, metOn: met?.on ?? null },
        {
          opens: draft.opens ? deriveDate(draft.opens, cal) : null,
          due: draft.due ? deriveDate(draft.due, cal) : null,
        },
        ctx.facts,
        cal,
      );
      instances.push({ rule, draft, met, dates });
    }
  }
  return instances;
}

interface Judgement {
  status: ObligationStatus;
  text: string;
}

function judge(instance: Instance, asOf: IsoDate, terminatedOn: IsoDate | null): Judgement {
  const opensOn = instance.dates.opens?.date ?? null;
  const dueOn = instance.dates.due?.date ?? null;
  const { met } = instance;
  if (met) {
    const by = `${met.on} 由事件 ${met.index}（${eventLabel(met.type)}）完成`;
    if (dueOn && met.on > dueOn)
      return { status: 'met-late', text: `${by}，晚于期限 ${daysBetween(dueOn, met.on)} 天` };
    return { status: 'met', text: `${by}，未超过期限` };
  }
  if (terminatedOn && terminatedOn <= asOf) {
    return { status: 'waived', text: `项目于 ${terminatedOn} 终止，未完成的义务予以豁免` };
  }
  const suspended = instance.dates.suspended;
  const today = suspended ? suspended.since : asOf;
  const pausedNote = suspended ? `项目自 ${suspended.since} 暂停，计时停止；` : '';
  if (opensOn && today < opensOn) return { status: 'pending', text: `${pausedNote}自 ${opensOn} 起方可办理` };
  if (dueOn && today > dueOn) {
    return {
      status: 'overdue',
      text: `${pausedNote}期限 ${dueOn} 已过，截至 ${today} 逾期 ${daysBetween(dueOn, today)} 天`,
    };
  }
  if (dueOn)
    return {
      status: 'open',
      text: `${pausedNote}办理中，期限 ${dueOn}（还有 ${daysBetween(today, dueOn)} 天）`,
    };
  return { status: 'open', text: `${pausedNote}办理中，无截止日期` };
}

export function toObligation(
  instance: Instance,
  asOf: IsoDate,
  terminatedOn: IsoDate | null,
  cal: WorkingCalendar,
  pack: PolicyPack,
): Obligation {
  const { rule, draft, met, dates } = instance;
  const opens = dates.opens ? toExplanation(dates.opens, cal, dates.opens.date) : undefined;
  const due = dates.due ? toExplanation(dates.due, cal, dates.due.date) : undefined;
  const judgement = judge(instance, asOf, terminatedOn);
  const trigger = draft.trigger;
  return {
    key: draft.key,
    title: rule.title,
    opensOn: dates.opens?.date ?? null,
    dueOn: dates.due?.date ?? null,
    status: judgement.status,
    provisional: Boolean(opens?.provisional || due?.provisional),
    basis: rule.basis,
    metOn: met?.on ?? null,
    metByEvent: met?.index ?? null,
    ...(dates.extended ? { extended: dates.extended } : {}),
    ...(dates.suspended && !met ? { suspended: dates.suspended } : {}),
    explanation: {
      trigger: trigger
        ? { event: trigger.type, on: trigger.on, eventIndex: trigger.index }
        : { event: 'project.registered', on: null, eventIndex: null },
      ...(opens ? { opens } : {}),
      ...(due ? { due } : {}),
      status: `${judgement.text}（依据${chineseCitation(rule.basis, [pack])}）`,
    },
  };
}

/** Natural key order: annual-report.2023 before annual-report.2024, rectification.2 before rectification.10. */
export function compareKeys(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
