/**
 * Correcting a fact recorded wrong (issue 10): its date replaced, or the fact withdrawn. Pure, so the
 * API's early check and the workflow's validator refuse the same corrections with the same reason.
 */
import { IsoDate, WorkingCalendar } from '../calendar';
import type { PolicyPack } from '../policies/types';
import { evaluate } from './evaluate';
import { eventTitle, renderRefusal } from '../i18n/refusals';
import { EVENT_LABELS } from './labels';
import type { EvaluationResult, Obligation, ProjectAttributes, ProjectEvent } from './types';

export type FactCorrection = { kind: 'date'; on: IsoDate } | { kind: 'withdraw' };

/** The facts after the correction: the one at `index` with its new date, or gone. */
export function correctedEvents<T extends { on: IsoDate }>(
  events: readonly T[],
  index: number,
  correction: FactCorrection,
): T[] {
  if (correction.kind === 'withdraw') return events.filter((_, i) => i !== index);
  return events.map((e, i) => (i === index ? { ...e, on: correction.on } : e));
}

const label = (e: ProjectEvent) => EVENT_LABELS[e.type] ?? e.type;

/** Why a correction is refused, in both languages: Chinese by default, English on request. */
export interface CorrectionRefusal {
  zh: string;
  en: string;
}

/**
 * Why the engine refuses the corrected history, in Chinese with the engine's own reason, or null. Only
 * refusals the correction causes count: a fact the engine already refused before stays as it was.
 */
export function correctionRefusal(
  pack: PolicyPack,
  input: { project: ProjectAttributes; events: readonly ProjectEvent[]; asOf: IsoDate },
  index: number,
  correction: FactCorrection,
  cal: WorkingCalendar = WorkingCalendar.standard(),
): CorrectionRefusal | null {
  const target = input.events[index];
  if (!target) return { zh: `没有第 ${index} 条事实，无法更正`, en: `there is no fact ${index} to correct` };
  if (correction.kind === 'date' && correction.on > input.asOf)
    return {
      zh: `更正后的日期 ${correction.on} 晚于今天 ${input.asOf}，事实不能发生在未来`,
      en: `the corrected date ${correction.on} is after today (${input.asOf}): a fact cannot happen in the future`,
    };
  if (correction.kind === 'date' && correction.on === target.on)
    return {
      zh: `「${label(target)}」的日期已是 ${target.on}，无需更正`,
      en: `${eventTitle(target.type, 'en')} is already dated ${target.on}: nothing to correct`,
    };
  const before = evaluate(pack, { ...input, events: [...input.events] }, cal);
  const wasRefused = new Set(before.rejected.map((r) => input.events[r.event]));
  const events = correctedEvents(input.events, index, correction);
  let after: EvaluationResult;
  try {
    after = evaluate(pack, { ...input, events }, cal);
  } catch (error) {
    const message = (error as Error).message;
    return {
      zh: `更正后无法计算期限：${message}`,
      en: `the deadlines cannot be computed after the correction: ${message}`,
    };
  }
  const original = (i: number) => (correction.kind === 'withdraw' && i >= index ? i + 1 : i);
  const caused = after.rejected.find((r) => !wasRefused.has(input.events[original(r.event)]));
  if (!caused) return null;
  const refused = events[caused.event] as ProjectEvent;
  const was = eventTitle(target.type, 'en');
  return {
    zh: `${
      correction.kind === 'withdraw'
        ? `撤回「${label(target)}」（${target.on}）`
        : `将「${label(target)}」的日期由 ${target.on} 更正为 ${correction.on}`
    }后事实记录前后矛盾，未予更正：「${label(refused)}」（${refused.on}）将不成立——${caused.reason}`,
    en: `${
      correction.kind === 'withdraw'
        ? `withdrawing ${was} (${target.on})`
        : `moving ${was} from ${target.on} to ${correction.on}`
    } would contradict the record, so it is not made: ${eventTitle(refused.type, 'en')} (${refused.on}) would no longer hold — ${renderRefusal(caused, 'en')}`,
  };
}

/**
 * Whether an overdue notice or escalation written on `sentOn` was sent on a wrong basis once the facts
 * are corrected: under them the obligation was not overdue that day (it is gone, had no due date yet,
 * fell due later, or was met in time).
 */
export function noticeWasWrong(obligation: Obligation | undefined, sentOn: IsoDate): boolean {
  if (!obligation || obligation.status === 'waived' || obligation.dueOn === null) return true;
  if (obligation.dueOn >= sentOn) return true;
  return obligation.metOn !== null && obligation.metOn <= obligation.dueOn;
}
