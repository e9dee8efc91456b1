import fc from 'fast-check';
import {
  addMonths,
  addYears,
  dateProblem,
  daysInMonth,
  isIsoDate,
  parts,
  shanghaiDateOf,
  shanghaiInstant,
  weekday,
} from './iso-date';

describe('iso dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
  });

  it('knows weekdays', () => {
    expect(weekday('2024-09-29')).toBe(0);
    expect(weekday('2024-10-10')).toBe(4);
  });

  it('turns instants into Asia/Shanghai dates', () => {
    expect(shanghaiDateOf(Date.parse('2024-09-30T15:59:59Z'))).toBe('2024-09-30');
    expect(shanghaiDateOf(Date.parse('2024-09-30T16:00:00Z'))).toBe('2024-10-01');
    expect(new Date(shanghaiInstant('2024-10-11', 9)).toISOString()).toBe('2024-10-11T01:00:00.000Z');
  });
});

describe('months and years (民法典 第202条)', () => {
  it.each([
    ['2024-11-30', 3, '2025-02-28', true],
    ['2023-01-31', 1, '2023-02-28', true],
    ['2024-01-31', 1, '2024-02-29', true],
    ['2022-08-31', 6, '2023-02-28', true],
    ['2023-09-16', 3, '2023-12-16', false],
    ['2023-11-30', -9, '2023-02-28', true],
    ['2024-12-15', 1, '2025-01-15', false],
  ])('%s + %i months = %s', (from, months, expected, clamped) => {
    expect(addMonths(from, months)).toEqual({ date: expected, clamped });
  });

  it('counts years as twelve months, leap day included', () => {
    expect(addYears('2024-02-29', 1).date).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4).date).toBe('2028-02-29');
    expect(addYears('2023-03-01', 2).date).toBe('2025-03-01');
  });

  it('keeps the day of month unless the month is too short', () => {
    const date = fc
      .record({
        y: fc.integer({ min: 2004, max: 2090 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
      })
      .filter(({ y, m, d }) => d <= daysInMonth(y, m))
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (from, n) => {
        const a = parts(from);
        const r = addMonths(from, n);
        const b = parts(r.date);
        const monthsApart = (b.year - a.year) * 12 + (b.month - a.month);
        const expectedDay = Math.min(a.day, daysInMonth(b.year, b.month));
        return (
          monthsApart === n && b.day === expectedDay && r.clamped === a.day > daysInMonth(b.year, b.month)
        );
      }),
    );
  });
});

describe('dateProblem: the one message for a date that is not a date', () => {
  it.each([
    ['2026-09-31', '2026-09-31'],
    ['2027-02-29', '2027-02-29'],
    ['2024-13-01', '2024-13-01'],
    ['2024-02-30\u0000', '2024-02-30\u0000'],
    [20240101, '20240101'],
    [undefined, '（缺少）'],
  ])('%p is refused, naming the field', (value, shown) => {
    expect(dateProblem('on', value)).toBe(`「on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：${shown}`);
  });

  it('a real date, 29 February of a leap year included, has no problem', () => {
    expect(dateProblem('on', '2024-02-29')).toBeNull();
    expect(dateProblem('on', '2000-02-29')).toBeNull();
  });
});
