import { addMonths, DayInfo, IsoDate, toDayNumber, WorkingCalendar, yearOf } from '../calendar';
import type { DateSpec } from '../policies/types';
import { eventLabel } from './labels';
import type { DateExplanation, DayRange, DerivationStep } from './types';

/** How a pause treats the date: give back working days, calendar days, or nothing (a fixed calendar day). */
export type ClockUnit = 'working-days' | 'calendar-days' | 'fixed';

export interface DerivedDate {
  date: IsoDate;
  steps: DerivationStep[];
  /** Calendar years whose rest days decided the result. */
  years: Set<number>;
  rule: string;
  unit: ClockUnit;
}

const KIND_TEXT: Record<DayRange['kind'], string> = {
  weekend: '周末',
  holiday: '节假日',
  'adjusted-workday': '调休上班日',
  workday: '工作日',
};

/** Consecutive days of the same kind and name become one range: 2024-10-01 至 2024-10-07（国庆节）. */
export function toRanges(days: readonly DayInfo[]): DayRange[] {
  const ranges: DayRange[] = [];
  let previous = Number.NaN;
  for (const d of days) {
    const n = toDayNumber(d.date);
    const last = ranges[ranges.length - 1];
    if (last && n === previous + 1 && last.kind === d.kind && last.name === d.name) {
      last.to = d.date;
    } else {
      ranges.push({
        from: d.date,
        to: d.date,
        kind: d.kind,
        ...(d.name !== undefined ? { name: d.name } : {}),
        ...(d.provisional ? { provisional: true } : {}),
      });
    }
    previous = n;
  }
  return ranges;
}

export function describeRanges(ranges: readonly DayRange[]): string {
  return ranges
    .map((r) => {
      const span = r.from === r.to ? r.from : `${r.from} 至 ${r.to}`;
      const what = r.name
        ? `${r.kind === 'adjusted-workday' ? '调休上班日·' : ''}${r.name}`
        : KIND_TEXT[r.kind];
      return `${span}（${what}${r.provisional ? '，暂定' : ''}）`;
    })
    .join('、');
}

/** 第203条: a last day (or first allowed day) that is a rest day moves to the next working day. */
export function rollForwardStep(
  date: IsoDate,
  cal: WorkingCalendar,
  years: Set<number>,
): { date: IsoDate; step?: DerivationStep } {
  const trace = cal.explainRollForward(date);
  years.add(yearOf(trace.date));
  trace.skipped.forEach((d) => years.add(yearOf(d.date)));
  if (trace.date === date) return { date };
  const skipped = toRanges(trace.skipped);
  return {
    date: trace.date,
    step: {
      kind: 'roll-forward',
      from: date,
      to: trace.date,
      skipped,
      text: `${date} 不是工作日（${describeRanges(skipped)}），顺延至 ${trace.date}（民法典第二百零三条）`,
    },
  };
}

export function deriveDate(spec: DateSpec, cal: WorkingCalendar): DerivedDate {
  const years = new Set<number>();
  switch (spec.kind) {
    case 'working-days': {
      const trace = cal.explainWorkingDays(spec.from, spec.days);
      [...trace.counted, ...trace.skipped].forEach((d) => years.add(yearOf(d.date)));
      const counted = toRanges(trace.counted);
      const skipped = toRanges(trace.skipped);
      const adjusted = counted.filter((r) => r.kind === 'adjusted-workday');
      const text =
        `自 ${spec.from}（${eventLabel(spec.after)}）次日起算第 ${spec.days} 个工作日为 ${trace.date}` +
        (adjusted.length ? `；计入${describeRanges(adjusted)}` : '') +
        (skipped.length ? `；跳过 ${describeRanges(skipped)}` : '');
      return {
        date: trace.date,
        years,
        rule: `${eventLabel(spec.after)}后 ${spec.days} 个工作日`,
        unit: 'working-days',
        steps: [
          {
            kind: 'count-working-days',
            from: spec.from,
            days: spec.days,
            result: trace.date,
            counted,
            skipped,
            text,
          },
        ],
      };
    }
    case 'months': {
      const { date, clamped } = addMonths(spec.from, spec.months);
      const step: DerivationStep = {
        kind: 'add-months',
        from: spec.from,
        months: spec.months,
        result: date,
        clamped,
        text:
          `${spec.from}（${eventLabel(spec.after)}）加 ${spec.months} 个月为 ${date}` +
          (clamped ? '（该月没有对应日，以月末为期限，民法典第二百零二条）' : ''),
      };
      const rolled = rollForwardStep(date, cal, years);
      return {
        date: rolled.date,
        years,
        rule: `${eventLabel(spec.after)}后 ${spec.months} 个月`,
        unit: 'calendar-days',
        steps: rolled.step ? [step, rolled.step] : [step],
      };
    }
    case 'fixed': {
      const step: DerivationStep = {
        kind: 'fixed-date',
        date: spec.date,
        text: `固定日期 ${spec.date}（${spec.label}）`,
      };
      const rolled = rollForwardStep(spec.date, cal, years);
      return {
        date: rolled.date,
        years,
        rule: spec.label,
        unit: 'fixed',
        steps: rolled.step ? [step, rolled.step] : [step],
      };
    }
    case 'not-before': {
      const inner = deriveDate(spec.spec, cal);
      inner.years.forEach((y) => years.add(y));
      const rule = `${inner.rule}，且不早于${eventLabel(spec.because)}之日`;
      if (inner.date >= spec.date) return { ...inner, years, rule };
      const step: DerivationStep = {
        kind: 'not-before',
        date: spec.date,
        because: spec.because,
        result: spec.date,
        text: `不早于 ${spec.date}（${eventLabel(spec.because)}）`,
      };
      const rolled = rollForwardStep(spec.date, cal, years);
      return {
        date: rolled.date,
        years,
        rule,
        unit: inner.unit,
        steps: [...inner.steps, step, ...(rolled.step ? [rolled.step] : [])],
      };
    }
  }
}

export function toExplanation(
  derived: DerivedDate,
  cal: WorkingCalendar,
  result: IsoDate | null,
): DateExplanation {
  const calendar = [...derived.years].sort((a, b) => a - b).map((y) => cal.yearStatus(y));
  return {
    rule: derived.rule,
    result,
    provisional: calendar.some((y) => !y.official),
    steps: derived.steps,
    calendar,
  };
}
