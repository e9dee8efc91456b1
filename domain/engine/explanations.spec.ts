import notice2027 from '../../test/fixtures/notices/2027-test.json';
import { obligation, run } from '../../test/engine-helpers';
import { parseHolidayNotice, WorkingCalendar } from '../calendar';

describe('explanations', () => {
  it('shandong, contract signed 2024-09-27: names the 调休 Sunday and 国庆节, lands on 2024-10-10', () => {
    const o = obligation(
      run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-10-08'),
      'contract.filing',
    );
    expect(o.dueOn).toBe('2024-10-10');
    expect(o.explanation.trigger).toEqual({ event: 'contract.signed', on: '2024-09-27', eventIndex: 0 });
    const [step] = o.explanation.due?.steps ?? [];
    if (step?.kind !== 'count-working-days') throw new Error('expected a working-day count');
    expect(step.result).toBe('2024-10-10');
    expect(step.counted[0]).toEqual({
      from: '2024-09-29',
      to: '2024-09-29',
      kind: 'adjusted-workday',
      name: '国庆节',
    });
    expect(step.skipped).toEqual([
      { from: '2024-09-28', to: '2024-09-28', kind: 'weekend' },
      { from: '2024-10-01', to: '2024-10-07', kind: 'holiday', name: '国庆节' },
    ]);
    expect(step.text).toBe(
      '自 2024-09-27（签订合同）次日起算第 5 个工作日为 2024-10-10；计入2024-09-29（调休上班日·国庆节）；跳过 2024-09-28（周末）、2024-10-01 至 2024-10-07（国庆节）',
    );
    expect(o.explanation.due?.calendar).toEqual([expect.objectContaining({ year: 2024, official: true })]);
  });

  it('says when a month-end clamp and a roll-forward decided the day', () => {
    const events = [{ type: 'construction.completed', on: '2023-09-16' }];
    const steps = obligation(run('shandong', {}, events, '2023-10-01'), 'acceptance.application').explanation
      .due?.steps;
    expect(steps?.map((s) => s.kind)).toEqual(['add-months', 'roll-forward']);
    expect(steps?.[1]).toMatchObject({
      from: '2023-12-16',
      to: '2023-12-18',
      skipped: [{ from: '2023-12-16', to: '2023-12-17', kind: 'weekend' }],
    });
    const clamp = obligation(
      run('wuhan', {}, [{ type: 'construction.completed', on: '2022-08-31' }], '2022-09-01'),
      'acceptance.completion',
    );
    expect(clamp.explanation.due?.steps[0]).toMatchObject({
      kind: 'add-months',
      result: '2023-02-28',
      clamped: true,
    });
  });

  it('a 2027 notice turns a provisional due date into an official one, and says so', () => {
    const events = [{ type: 'construction.completed', on: '2026-10-04' }];
    const before = obligation(run('shandong', {}, events, '2026-11-23'), 'acceptance.application');
    expect(before).toMatchObject({ dueOn: '2027-01-04', provisional: true });
    expect(before.explanation.due?.calendar).toEqual([{ year: 2027, official: false }]);

    const cal = WorkingCalendar.standard([parseHolidayNotice(notice2027, '2027-test.json')]);
    const after = obligation(run('shandong', {}, events, '2026-11-23', cal), 'acceptance.application');
    expect(after).toMatchObject({ dueOn: '2027-01-05', provisional: false });
    expect(after.explanation.due?.calendar).toEqual([
      { year: 2027, official: true, source: '2027-test.json' },
    ]);
    expect(after.explanation.due?.steps[1]).toMatchObject({
      kind: 'roll-forward',
      from: '2027-01-04',
      to: '2027-01-05',
    });
  });

  it('a working-day count that crosses into a provisional year is provisional', () => {
    const o = obligation(
      run('shandong', {}, [{ type: 'contract.signed', on: '2026-12-29' }], '2026-12-30'),
      'contract.filing',
    );
    expect(o).toMatchObject({ dueOn: '2027-01-06', provisional: true });
    expect(o.explanation.due?.calendar.map((y) => [y.year, y.official])).toEqual([
      [2026, true],
      [2027, false],
    ]);
  });

  it('gives each status a reason citing the article', () => {
    const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-10-15');
    expect(obligation(result, 'contract.filing').explanation.status).toBe(
      '期限 2024-10-10 已过，截至 2024-10-15 逾期 5 天（依据《山东省政务信息系统项目管理办法》第十三条）',
    );
  });
});
