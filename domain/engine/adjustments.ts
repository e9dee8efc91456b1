import { addDays, daysBetween, IsoDate, WorkingCalendar, yearOf } from '../calendar';
import { ClockUnit, DerivedDate, rollForwardStep } from './date-derivation';
import type { DerivationStep, Fact } from './types';

/** The dates of one obligation instance while pauses and extensions are applied to it in order. */
export interface AdjustedDates {
  opens: DerivedDate | null;
  due: DerivedDate | null;
  extended?: { originalDueOn: IsoDate | null; until: IsoDate; grantedOn: IsoDate };
  suspended?: { since: IsoDate };
}

interface Target {
  key: string;
  triggerOn: IsoDate | null;
  metOn: IsoDate | null;
}

const UNIT_TEXT: Record<ClockUnit, string> = { 'working-days': '个工作日', 'calendar-days': '天', fixed: '' };

/**
 * Spec §3: a pause stops the clock of every obligation still running; on resume each gets back the time it
 * had left in its own unit, then 第203条 applies. An extension replaces the due date outright.
 */
export function applyAdjustments(
  target: Target,
  dates: AdjustedDates,
  facts: readonly Fact[],
  cal: WorkingCalendar,
): AdjustedDates {
  let pausedOn: IsoDate | null = null;
  for (const fact of facts) {
    if (fact.type === 'project.paused') pausedOn = fact.on;
    else if (fact.type === 'project.resumed' && pausedOn) {
      resume(target, dates, pausedOn, fact.on, cal);
      pausedOn = null;
    } else if (fact.type === 'extension.granted' && fact.obligation === target.key) {
      extend(dates, fact, cal);
    }
  }
  if (pausedOn && stillRunning(target, dates, pausedOn)) dates.suspended = { since: pausedOn };
  return dates;
}

function stillRunning(target: Target, dates: AdjustedDates, pausedOn: IsoDate): boolean {
  if (target.metOn && target.metOn <= pausedOn) return false;
  const start = clockStart(target, pausedOn);
  return !(dates.due && dates.due.date < start);
}

function clockStart(target: Target, pausedOn: IsoDate): IsoDate {
  return target.triggerOn && target.triggerOn > pausedOn ? target.triggerOn : pausedOn;
}

function resume(
  target: Target,
  dates: AdjustedDates,
  pausedOn: IsoDate,
  resumedOn: IsoDate,
  cal: WorkingCalendar,
) {
  if (target.metOn && target.metOn <= pausedOn) return;
  if (target.triggerOn && target.triggerOn > resumedOn) return;
  const start = clockStart(target, pausedOn);
  if (dates.due && dates.due.date < start) {
    notApplied(dates.due, pausedOn, 'overdue', `项目于 ${pausedOn} 暂停时该义务已逾期，暂停不改变期限`);
    return;
  }
  if (dates.opens && dates.opens.date > start) shift(dates.opens, 'opensOn', start, pausedOn, resumedOn, cal);
  if (dates.due) shift(dates.due, 'dueOn', start, pausedOn, resumedOn, cal);
}

function notApplied(derived: DerivedDate, pausedOn: IsoDate, because: string, text: string): void {
  derived.steps.push({ kind: 'pause-not-applied', pausedOn, because, text });
}

function shift(
  derived: DerivedDate,
  field: 'opensOn' | 'dueOn',
  start: IsoDate,
  pausedOn: IsoDate,
  resumedOn: IsoDate,
  cal: WorkingCalendar,
): void {
  const from = derived.date;
  const unit = derived.unit;
  if (unit === 'fixed') {
    // A day fixed in the calendar (year-end, 30 September) is not a running clock: spec §3 example 7.
    notApplied(
      derived,
      pausedOn,
      'fixed-date',
      `${from} 为固定日期，不因 ${pausedOn} 至 ${resumedOn} 的暂停而顺延`,
    );
    return;
  }
  const remaining = unit === 'working-days' ? cal.workingDaysBetween(start, from) : daysBetween(start, from);
  let to: IsoDate;
  const extra: DerivationStep[] = [];
  if (unit === 'working-days' && remaining > 0) {
    to = cal.addWorkingDays(resumedOn, remaining);
  } else {
    const rolled = rollForwardStep(addDays(resumedOn, remaining), cal, derived.years);
    to = rolled.date;
    if (rolled.step) extra.push(rolled.step);
  }
  [start, resumedOn, to].forEach((d) => derived.years.add(yearOf(d)));
  derived.steps.push(
    {
      kind: 'pause',
      pausedOn,
      resumedOn,
      field,
      remaining,
      unit,
      from,
      to,
      text: `项目于 ${pausedOn} 暂停、${resumedOn} 恢复：暂停时剩余 ${remaining} ${UNIT_TEXT[unit]}，自恢复之日次日起重新计算，${field === 'dueOn' ? '期限' : '起始日'}由 ${from} 改为 ${to}`,
    },
    ...extra,
  );
  derived.date = to;
}

function extend(dates: AdjustedDates, fact: Fact, cal: WorkingCalendar): void {
  const until = fact.until as IsoDate;
  const previous = dates.due ? dates.due.date : null;
  const years = dates.due ? dates.due.years : new Set<number>();
  const rolled = rollForwardStep(until, cal, years);
  const step: DerivationStep = {
    kind: 'extension',
    grantedOn: fact.on,
    from: previous,
    to: until,
    eventIndex: fact.index,
    text: `${fact.on} 批准延期（事件 ${fact.index}），期限由 ${previous ?? '无'} 改为 ${until}`,
  };
  const steps = [...(dates.due ? dates.due.steps : []), step, ...(rolled.step ? [rolled.step] : [])];
  dates.extended = {
    originalDueOn: dates.extended ? dates.extended.originalDueOn : previous,
    until,
    grantedOn: fact.on,
  };
  dates.due = {
    date: rolled.date,
    steps,
    years,
    rule: dates.due ? dates.due.rule : '批准延期',
    // An extension names a calendar day, so a later pause gives back calendar days.
    unit: 'calendar-days',
  };
}
