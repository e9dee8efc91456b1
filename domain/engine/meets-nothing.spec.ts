import { obligation, run } from '../../test/engine-helpers';

/** A filing, report or application that meets no obligation is refused, not kept and ignored. */
describe('a fact that meets nothing', () => {
  const contract = { type: 'contract.signed', on: '2022-12-21' };

  it('wuhan: a 2022 year-end report dated before the contract that starts the reports (第二十条)', () => {
    const report = { type: 'annual-report.submitted', on: '2022-12-09', year: 2022 };
    const result = run(
      'wuhan',
      { planYear: 2022, investment: 900_000 },
      [contract, report] as never,
      '2023-01-10',
    );
    expect(result.rejected).toMatchObject([
      {
        event: 1,
        code: 'meets-nothing',
        // On 2022-12-09 no contract was signed yet, so no year-end report was owed.
        reason: expect.stringContaining(
          '「提交年度报告」（2022-12-09，2022 年度）没有可以办结的事项：对应事项尚未产生',
        ),
      },
    ]);
    // And the obligation says so: still overdue, as it truly is.
    expect(obligation(result, 'annual-report.2022')?.status).toBe('overdue');
  });

  it('wuhan: a report for a year no report is owed for, or a second one for the same year', () => {
    const events = [
      contract,
      { type: 'annual-report.submitted', on: '2022-12-28', year: 2022 },
      { type: 'annual-report.submitted', on: '2022-12-29', year: 2022 },
      { type: 'annual-report.submitted', on: '2022-12-30', year: 2019 },
    ];
    const result = run('wuhan', { planYear: 2022, investment: 900_000 }, events as never, '2023-01-10');
    expect(result.rejected.map((r) => r.event)).toEqual([2, 3]);
    expect(result.rejected[1]?.reason).toContain('2019 年度）没有可以办结的事项');
    expect(obligation(result, 'annual-report.2022')).toMatchObject({ status: 'met', metOn: '2022-12-28' });
  });

  it('shandong: a contract filing with no contract signed', () => {
    const result = run(
      'shandong',
      { planYear: 2024, investment: 3_500_000 },
      [{ type: 'contract.filed', on: '2024-03-01' }] as never,
      '2024-12-01',
    );
    expect(result.rejected[0]?.reason).toBeDefined();
  });

  it('jinhu: a general project applying for acceptance meets no key-project rule, and is still fine', () => {
    const events = [
      { type: 'construction.completed', on: '2024-03-01' },
      { type: 'trial-run.started', on: '2024-03-04' },
      { type: 'acceptance.applied', on: '2024-05-03' },
    ];
    expect(run('jinhu', { category: 'general' }, events as never, '2024-12-01').rejected).toEqual([]);
  });
});
