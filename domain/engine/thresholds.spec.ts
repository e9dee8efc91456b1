import { obligation, run } from '../../test/engine-helpers';

const requirementKeys = (policy: string, project: object) =>
  run(policy, project, [], '2024-01-10').requirements.map((r) => r.key);

describe('requirements at, just under and just over each threshold (spec §4)', () => {
  it.each([
    [1_999_999, ['application-form']],
    [2_000_000, ['application-form']],
    [2_000_001, ['feasibility-study']],
  ])('jilin %i → %j (第十二条)', (investment, keys) =>
    expect(requirementKeys('jilin', { investment })).toEqual(keys),
  );

  it.each([
    [499_999, ['self-implementation-filing']],
    [500_000, ['approval']],
    [500_001, ['approval']],
    [29_999_999, ['approval']],
    [30_000_000, ['approval', 'city-government-approval']],
    [30_000_001, ['approval', 'city-government-approval']],
  ])('wuhan %i → %j (第八条, 第十五条)', (investment, keys) =>
    expect(requirementKeys('wuhan', { investment })).toEqual(keys),
  );

  it.each([
    [1_999_999, 999_999, []],
    [2_000_000, 1_000_000, ['supervision', 'third-party-testing']],
    [2_000_001, 1_000_001, ['supervision', 'third-party-testing']],
  ])('yunfu %i / software %i → %j (第十三条)', (investment, softwareDevelopment, keys) =>
    expect(requirementKeys('yunfu', { planYear: 2024, investment, softwareDevelopment })).toEqual(keys),
  );

  it.each([
    ['key', ['bureau-review']],
    ['general', ['self-review-filing']],
  ])('jinhu %s → %j (第十三条)', (category, keys) =>
    expect(requirementKeys('jinhu', { category })).toEqual(keys),
  );

  it('are registered again with the new total after a change', () => {
    const result = run(
      'jilin',
      { investment: 1_900_000 },
      [{ type: 'change.requested', on: '2024-01-05', amount: 150_000, newTotal: 2_050_000 }],
      '2024-01-10',
    );
    expect(result.changes.map((c) => c.path)).toEqual(['approval']);
    expect(result.requirements.map((r) => r.key)).toEqual(['feasibility-study']);
  });
});

const path = (policy: string, investment: number, change: object, extra: object = {}) =>
  run(
    policy,
    { investment, ...extra },
    [{ type: 'change.requested', on: '2024-01-05', ...change }],
    '2024-01-10',
  ).changes[0];

describe('change paths at their boundaries', () => {
  it.each([
    [100_000, 1_100_000, 'filing'],
    [100_001, 1_100_001, 'approval'],
    [99_999, 1_099_999, 'filing'],
  ])('jilin 1,000,000 + %i (new total %i) → %s (第二十一条, 10%%)', (amount, newTotal, expected) =>
    expect(path('jilin', 1_000_000, { amount, newTotal })).toMatchObject({
      path: expected,
      basis: 'Jilin 第二十一条',
    }),
  );

  it.each([
    [2_000_000, 'filing'],
    [2_000_001, 'approval'],
  ])('jilin new total %i → %s (200万 cap)', (newTotal, expected) =>
    expect(path('jilin', 1_900_000, { amount: 100_000, newTotal })?.path).toBe(expected),
  );

  it('jilin: a change that affects the overall goal needs approval (第二十一条(二))', () =>
    expect(path('jilin', 1_000_000, { amount: 1, newTotal: 1_000_000, goalsChanged: true })?.path).toBe(
      'approval',
    ));

  it.each([
    [150_000, 'filing'],
    [150_001, 'approval'],
  ])('wuhan 1,000,000 adjusting %i → %s (第十九条, 15%%)', (amount, expected) =>
    expect(path('wuhan', 1_000_000, { amount, newTotal: 1_000_000 })?.path).toBe(expected),
  );

  it('wuhan: changed goals or a total above the approved one need approval', () => {
    expect(path('wuhan', 1_000_000, { amount: 10, newTotal: 1_000_000, goalsChanged: true })?.path).toBe(
      'approval',
    );
    expect(path('wuhan', 1_000_000, { amount: 10, newTotal: 1_000_010 })?.path).toBe('approval');
  });

  it.each([
    [100_000, false, 'approval'],
    [100_001, false, 'rejected'],
    [1, true, 'rejected'],
  ])('jinhu 1,000,000 changing %i, brand change %s → %s (第二十一条)', (amount, brandChange, expected) =>
    expect(
      path('jinhu', 1_000_000, { amount, newTotal: 1_000_000, brandChange }, { category: 'general' })?.path,
    ).toBe(expected),
  );

  it('jinhu: a refused change does not change the total', () => {
    const result = run(
      'jinhu',
      { investment: 1_000_000, category: 'general' },
      [{ type: 'change.requested', on: '2024-01-05', amount: 500_000, newTotal: 1_500_000 }],
      '2024-01-10',
    );
    expect(result.changes[0]?.path).toBe('rejected');
    expect(result.requirements.map((r) => r.key)).toEqual(['self-review-filing']);
  });

  it.each([
    ['shandong', 'approval', 'Shandong 第十八条'],
    ['yunfu', 'filing', 'Yunfu 第十七条'],
  ])('%s → %s', (policy, expected, basis) =>
    expect(path(policy, 1_000_000, { amount: 1, newTotal: 1_000_001 })).toMatchObject({
      path: expected,
      basis,
    }),
  );
});

describe('time boundaries', () => {
  const signed = { type: 'contract.signed', on: '2024-09-27' };
  it.each([
    ['2024-10-10', 'open'],
    ['2024-10-11', 'overdue'],
  ])('shandong contract filing judged on %s is %s (due 2024-10-10, inclusive)', (asOf, status) =>
    expect(obligation(run('shandong', {}, [signed], asOf), 'contract.filing').status).toBe(status),
  );

  it.each([
    ['2024-10-10', 'met'],
    ['2024-10-11', 'met-late'],
  ])('filed on %s is %s', (filedOn, status) =>
    expect(
      obligation(
        run('shandong', {}, [signed, { type: 'contract.filed', on: filedOn }], '2024-11-01'),
        'contract.filing',
      ).status,
    ).toBe(status),
  );

  it.each([
    ['2023-10-08', 'pending'],
    ['2023-10-09', 'open'],
  ])('jilin acceptance application judged on %s is %s (opens 2023-10-09)', (asOf, status) => {
    const events = [
      { type: 'construction.completed', on: '2023-08-10' },
      { type: 'trial-run.started', on: '2023-08-11' },
      { type: 'acceptance.preliminary.passed', on: '2023-09-01' },
      { type: 'trial-run.stable', on: '2023-09-04' },
    ];
    expect(obligation(run('jilin', {}, events, asOf), 'acceptance.application').status).toBe(status);
  });

  it('wuhan self-evaluation is pending the day before the 12 months and open on the day', () => {
    const events = [{ type: 'operation.started', on: '2023-06-30' }];
    expect(obligation(run('wuhan', {}, events, '2024-06-30'), 'self-evaluation').status).toBe('pending');
    expect(obligation(run('wuhan', {}, events, '2024-07-01'), 'self-evaluation').status).toBe('open');
  });

  it('jilin: the application may not open before the preliminary acceptance day', () => {
    const events = [
      { type: 'construction.completed', on: '2023-01-05' },
      { type: 'trial-run.started', on: '2023-01-06' },
      { type: 'trial-run.stable', on: '2023-02-01' },
      { type: 'acceptance.preliminary.passed', on: '2023-04-15' }, // a Saturday
    ];
    const o = obligation(
      run('jilin', { plannedAcceptanceOn: '2023-06-30' }, events, '2023-05-01'),
      'acceptance.application',
    );
    expect(o).toMatchObject({ opensOn: '2023-04-17', dueOn: '2023-06-30', status: 'open' });
    expect(o.explanation.opens?.steps.map((s) => s.kind)).toEqual([
      'count-working-days',
      'not-before',
      'roll-forward',
    ]);
  });

  it('yunfu: the approval opinion is usable for two years (第八条(四))', () => {
    const approved = { type: 'project.approved', on: '2021-03-06' };
    const o = obligation(run('yunfu', { planYear: 2021 }, [approved], '2023-03-07'), 'approval.use');
    expect(o).toMatchObject({ dueOn: '2023-03-06', status: 'overdue' });
    const met = run(
      'yunfu',
      { planYear: 2021 },
      [approved, { type: 'contract.signed', on: '2023-03-06' }],
      '2023-03-07',
    );
    expect(obligation(met, 'approval.use').status).toBe('met');
  });
});
