import fc from 'fast-check';
import { ARRANGEMENTS } from '../../test/fixtures/state-council-holidays';
import { addDays, fromParts, isWeekend, toDayNumber, fromDayNumber } from './iso-date';
import { FESTIVAL_DATES } from './festival-dates.data';
import { OFFICIAL_NOTICES } from './official-years.data';
import { statutoryHolidays } from './statutory-holidays';
import { CalendarRangeError, WorkingCalendar } from './working-calendar';

const cal = WorkingCalendar.standard();

function expand(span: string): string[] {
  const [from, to] = span.split('..') as [string, string | undefined];
  const days = [from];
  while (to && days[days.length - 1] !== to) days.push(addDays(days[days.length - 1] as string, 1));
  return days;
}

describe('official years 2019–2026 against the State Council notices', () => {
  for (const [year, arrangement] of Object.entries(ARRANGEMENTS)) {
    describe(`${year}`, () => {
      const off = new Map(
        Object.entries(arrangement.off).flatMap(([name, spans]) =>
          spans.flatMap(expand).map((d) => [d, name]),
        ),
      );
      const work = new Map(
        Object.entries(arrangement.work).flatMap(([name, days]) => days.map((d) => [d, name])),
      );

      it.each([...off.entries()])('%s is a rest day of %s', (date, name) => {
        const info = cal.dayInfo(date);
        expect(info).toMatchObject({ working: false, kind: 'holiday', provisional: false });
        // The notices name combined holidays by either festival (2023-09-29 中秋 inside 国庆).
        expect([name, '中秋节', '国庆节']).toContain(info.name);
      });

      it.each([...work.entries()])('%s is a 调休 working day of %s', (date, name) => {
        expect(cal.dayInfo(date)).toMatchObject({
          working: true,
          kind: 'adjusted-workday',
          name,
          provisional: false,
        });
      });

      it('every other day is a working day exactly when it is a weekday', () => {
        const wrong: string[] = [];
        for (let d = fromParts(Number(year), 1, 1); d <= fromParts(Number(year), 12, 31); d = addDays(d, 1)) {
          if (off.has(d) || work.has(d)) continue;
          if (cal.isWorkingDay(d) === isWeekend(d)) wrong.push(d);
        }
        expect(wrong).toEqual([]);
      });
    });
  }
});

describe('provisional years', () => {
  it('judges 2027 by the statutory holidays alone, flagged provisional', () => {
    expect(cal.yearStatus(2027)).toEqual({ year: 2027, official: false });
    expect(cal.dayInfo('2027-02-05')).toMatchObject({ kind: 'holiday', name: '春节', provisional: true }); // 除夕
    expect(cal.dayInfo('2027-02-08')).toMatchObject({ kind: 'holiday', name: '春节' }); // 初三
    expect(cal.dayInfo('2027-02-09')).toMatchObject({ kind: 'workday', provisional: true }); // 初四
    expect(cal.dayInfo('2027-05-03')).toMatchObject({ kind: 'workday' }); // 劳动节 is 2 days
    expect(cal.dayInfo('2027-10-04')).toMatchObject({ kind: 'workday' }); // 国庆 is 3 days
    expect(cal.dayInfo('2027-10-02')).toMatchObject({ kind: 'holiday', name: '国庆节' });
  });

  it('has no 调休 working days: a weekend stays a rest day', () => {
    const weekends = Array.from({ length: 365 }, (_, i) => addDays('2027-01-01', i)).filter(isWeekend);
    expect(weekends.every((d) => !cal.isWorkingDay(d))).toBe(true);
  });

  it.each([2025, 2026])(
    'the statutory rules agree with the official %i notice (2024 revision years)',
    (year) => {
      const festivals = FESTIVAL_DATES[year];
      if (!festivals) throw new Error('missing festival data');
      for (const day of statutoryHolidays(year, festivals)) {
        expect({ date: day.date, working: cal.isWorkingDay(day.date) }).toEqual({
          date: day.date,
          working: false,
        });
      }
    },
  );

  it('the lunar and solar-term table matches every official year 2008–2026', () => {
    for (let year = 2008; year <= 2026; year++) {
      const f = FESTIVAL_DATES[year];
      if (!f) throw new Error(`no festivals for ${year}`);
      const festivalDays = [
        f.springFestival,
        addDays(f.springFestival, 1),
        addDays(f.springFestival, 2),
        f.qingming,
        f.dragonBoat,
        f.midAutumn,
      ];
      expect(festivalDays.filter((d) => cal.isWorkingDay(d))).toEqual([]);
    }
  });

  it('a loaded notice wins over the provisional rules', () => {
    const loaded = cal.withNotice({
      year: 2027,
      source: 'test notice',
      days: [
        { name: '国庆节', date: '2027-10-04', isOffDay: true },
        { name: '国庆节', date: '2027-10-09', isOffDay: false },
      ],
    });
    expect(loaded.yearStatus(2027)).toEqual({ year: 2027, official: true, source: 'test notice' });
    expect(loaded.dayInfo('2027-10-04')).toMatchObject({ kind: 'holiday', provisional: false });
    expect(loaded.dayInfo('2027-10-09')).toMatchObject({ kind: 'adjusted-workday', working: true });
    // Official now means exactly the notice: days it does not list are ordinary days.
    expect(loaded.dayInfo('2027-02-05')).toMatchObject({ kind: 'workday', provisional: false });
    expect(cal.dayInfo('2027-10-04').kind).toBe('workday');
  });

  it('refuses dates outside the supported years', () => {
    expect(() => cal.dayInfo('2003-12-31')).toThrow(CalendarRangeError);
    expect(() => cal.addWorkingDays('2099-12-30', 5)).toThrow(CalendarRangeError);
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after the trigger (民法典 第201条)', () => {
    expect(cal.addWorkingDays('2024-09-27', 5)).toBe('2024-10-10');
    expect(cal.addWorkingDays('2023-11-01', 5)).toBe('2023-11-08');
    expect(cal.addWorkingDays('2024-09-27', 0)).toBe('2024-09-27');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => cal.addWorkingDays('2024-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2024-01-01', 1.5)).toThrow(RangeError);
  });

  it('explains what it counted and skipped', () => {
    const trace = cal.explainWorkingDays('2024-09-27', 5);
    expect(trace.date).toBe('2024-10-10');
    expect(trace.counted.map((d) => d.date)).toEqual([
      '2024-09-29',
      '2024-09-30',
      '2024-10-08',
      '2024-10-09',
      '2024-10-10',
    ]);
    expect(trace.counted[0]).toMatchObject({ kind: 'adjusted-workday', name: '国庆节' });
    expect(trace.skipped.map((d) => d.date)).toEqual(['2024-09-28', ...expand('2024-10-01..2024-10-07')]);
  });

  const anyDate = fc
    .integer({ min: toDayNumber('2004-01-01'), max: toDayNumber('2098-06-30') })
    .map(fromDayNumber);
  const count = fc.integer({ min: 1, max: 120 });

  it('always lands on a working day', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => cal.isWorkingDay(cal.addWorkingDays(d, n))),
      { numRuns: 2000 },
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => cal.addWorkingDays(d, n) < cal.addWorkingDays(d, n + 1)),
      { numRuns: 2000 },
    );
  });

  it('has exactly n working days in (d, result]', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => cal.workingDaysBetween(d, cal.addWorkingDays(d, n)) === n),
      { numRuns: 2000 },
    );
  });

  it('agrees with its explained form', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => cal.explainWorkingDays(d, n).date === cal.addWorkingDays(d, n)),
    );
  });

  it('rolls a rest day forward to the next working day and leaves working days alone', () => {
    expect(cal.rollForward('2023-12-31')).toBe('2024-01-02');
    expect(cal.rollForward('2024-10-10')).toBe('2024-10-10');
    fc.assert(
      fc.property(anyDate, (d) => {
        const r = cal.rollForward(d);
        return cal.isWorkingDay(r) && r >= d && cal.workingDaysBetween(d, r) === (r === d ? 0 : 1);
      }),
    );
  });
});

describe('shipped data', () => {
  it('covers every year from 2004 to 2026', () => {
    expect(OFFICIAL_NOTICES.map((n) => n.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });
});
