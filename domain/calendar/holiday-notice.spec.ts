import { NoticeValidationError, parseHolidayNotice } from './holiday-notice';

const valid = {
  year: 2027,
  papers: ['https://example.invalid/notice'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

function reason(input: unknown): NoticeValidationError {
  try {
    parseHolidayNotice(input);
  } catch (error) {
    if (error instanceof NoticeValidationError) return error;
    throw error;
  }
  throw new Error('expected the notice to be refused');
}

describe('holiday notice files (holiday-cn shape)', () => {
  it('reads a valid file and keeps its source', () => {
    const notice = parseHolidayNotice(valid, '2027.json');
    expect(notice).toEqual({ year: 2027, source: '2027.json', days: valid.days });
  });

  it('refuses a date outside its year, naming the entry', () => {
    const e = reason({
      ...valid,
      days: [...valid.days, { name: '元旦', date: '2026-12-31', isOffDay: true }],
    });
    expect(e.entry).toBe(3);
    expect(e.message).toContain('days[3]');
    expect(e.message).toContain("2026-12-31 is outside the notice's year 2027");
  });

  it('refuses a duplicate date', () => {
    const e = reason({
      ...valid,
      days: [...valid.days, { name: '春节', date: '2027-02-06', isOffDay: true }],
    });
    expect(e.message).toMatch(/days\[3\].*2027-02-06 is listed again \(first at days\[1\]\)/);
  });

  it('refuses a non-boolean flag', () => {
    const e = reason({ ...valid, days: [{ name: '元旦', date: '2027-01-01', isOffDay: 'yes' }] });
    expect(e.entry).toBe(0);
    expect(e.message).toContain('isOffDay must be true or false, got "yes"');
  });

  it('refuses a working day that is not a weekend', () => {
    expect(
      reason({ ...valid, days: [{ name: '春节', date: '2027-02-10', isOffDay: false }] }).message,
    ).toContain('only a weekend day can be turned into a working day');
  });

  it.each([
    [null, 'JSON object'],
    [{ days: valid.days }, '"year" must be a whole number'],
    [{ year: 2027.5, days: valid.days }, '"year" must be a whole number'],
    [{ year: 1999, days: valid.days }, 'outside the supported range'],
    [{ year: 2027, days: [] }, 'non-empty array'],
    [{ year: 2027, days: [{ date: '2027-01-01', isOffDay: true }] }, 'name must be a non-empty string'],
    [
      { year: 2027, days: [{ name: '元旦', date: '2027-02-30', isOffDay: true }] },
      '「days[0].date」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2027-02-30',
    ],
  ])('refuses %j', (input, message) => {
    expect(reason(input).message).toContain(message);
  });
});
