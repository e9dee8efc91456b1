import { obligation, run } from '../../test/engine-helpers';
import { renderRefusal, type Lang } from '../i18n';

const completed = { type: 'construction.completed', on: '2024-03-01' };

function rejectedReason(
  policy: string,
  project: object,
  events: object[],
  asOf = '2024-12-01',
  lang: Lang = 'en',
): string | undefined {
  const result = run(policy, project, events as never, asOf);
  const refused = result.rejected.find((r) => r.event === events.length - 1);
  // The English wording is the one these cases were first written in; zh-refusals.spec.ts has Chinese.
  return refused && renderRefusal(refused, lang);
}

describe('events that are refused, with a reason, and change nothing', () => {
  it('an event in the future', () => {
    expect(rejectedReason('shandong', {}, [{ type: 'contract.signed', on: '2024-12-02' }])).toContain(
      'is in the future',
    );
  });

  it.each([
    [
      { type: 'construction.completed', on: '2024-09-31' },
      '「on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2024-09-31',
    ],
    [
      { type: 'construction.completed', on: '2024-9-1' },
      '「on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2024-9-1',
    ],
    [
      { type: 'termination.requested', on: '2024-03-01', effectiveOn: '2023-02-29', reason: 'x' },
      '「effectiveOn」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2023-02-29',
    ],
  ])('an impossible date is refused, naming the field, rather than thrown (%o)', (event, reason) => {
    expect(rejectedReason('wuhan', {}, [event], undefined, 'zh')).toBe(reason);
  });

  it('an unknown event type', () => {
    expect(rejectedReason('shandong', {}, [{ type: 'contract.burned', on: '2024-01-02' }])).toContain(
      'unknown event type "contract.burned"',
    );
  });

  it('acceptance.passed before construction.completed', () => {
    expect(rejectedReason('wuhan', {}, [{ type: 'acceptance.passed', on: '2024-01-02' }])).toContain(
      'needs construction.completed to be recorded first',
    );
  });

  it('a fact recorded twice', () => {
    const events = [
      { type: 'contract.signed', on: '2024-01-02' },
      { type: 'contract.signed', on: '2024-01-03' },
    ];
    expect(rejectedReason('shandong', {}, events)).toBe(
      'contract.signed was already recorded on 2024-01-02 (event 0)',
    );
  });

  it('a fact missing what it carries', () => {
    expect(rejectedReason('shandong', {}, [{ type: 'annual-report.submitted', on: '2024-01-02' }])).toContain(
      'needs "year"',
    );
    expect(rejectedReason('jilin', {}, [{ type: 'project.paused', on: '2024-01-02' }])).toContain(
      'needs a "reason"',
    );
    expect(
      rejectedReason('jilin', {}, [{ type: 'change.requested', on: '2024-01-02', amount: -5, newTotal: 1 }]),
    ).toContain('"amount"');
  });

  it('jilin: applying before 20 working days of stable trial run (第二十五条)', () => {
    const events = [
      { type: 'construction.completed', on: '2023-08-10' },
      { type: 'trial-run.started', on: '2023-08-11' },
      { type: 'acceptance.preliminary.passed', on: '2023-09-01' },
      { type: 'trial-run.stable', on: '2023-09-04' },
    ];
    expect(rejectedReason('jilin', {}, [...events, { type: 'acceptance.applied', on: '2023-10-08' }])).toBe(
      'Jilin 第二十五条: acceptance.application opens on 2023-10-09; acceptance.applied on 2023-10-08 is too early',
    );
    const accepted = run(
      'jilin',
      {},
      [...events, { type: 'acceptance.applied', on: '2023-10-09' }] as never,
      '2023-11-01',
    );
    expect(accepted.rejected).toEqual([]);
    expect(obligation(accepted, 'acceptance.application').status).toBe('met');
  });

  it('jilin: applying without a preliminary acceptance (gate)', () => {
    expect(
      rejectedReason('jilin', {}, [completed, { type: 'acceptance.applied', on: '2024-05-01' }]),
    ).toContain('Jilin 第二十五条');
  });

  it('a self-evaluation before its window opens', () => {
    const events = [
      { type: 'operation.started', on: '2023-06-30' },
      { type: 'self-evaluation.submitted', on: '2024-06-29' },
    ];
    expect(rejectedReason('wuhan', {}, events)).toContain('self-evaluation opens on 2024-07-01');
    expect(rejectedReason('wuhan', {}, [{ type: 'self-evaluation.submitted', on: '2024-06-29' }])).toContain(
      'needs operation.started',
    );
  });

  it('jinhu: a key project applying before two months of trial run (第二十六条)', () => {
    const events = [
      completed,
      { type: 'trial-run.started', on: '2024-03-04' },
      { type: 'acceptance.applied', on: '2024-05-03' },
    ];
    expect(rejectedReason('jinhu', { category: 'key' }, events)).toContain('opens on 2024-05-06');
    expect(rejectedReason('jinhu', { category: 'general' }, events)).toBeUndefined();
  });

  it('jinhu: termination with less than one month notice (第三十八条)', () => {
    const short = { type: 'termination.requested', on: '2024-03-15', effectiveOn: '2024-04-14' };
    expect(rejectedReason('jinhu', { category: 'key' }, [short])).toContain('Jinhu 第三十八条');
    const enough = { ...short, effectiveOn: '2024-04-15' };
    expect(rejectedReason('jinhu', { category: 'key' }, [enough])).toBeUndefined();
  });

  it('jinhu: putting into use before acceptance (第二十七条)', () => {
    expect(
      rejectedReason('jinhu', { category: 'general' }, [
        completed,
        { type: 'operation.started', on: '2024-04-01' },
      ]),
    ).toContain('Jinhu 第二十七条');
  });

  it('anything after the project terminated, whose open obligations are waived', () => {
    const events = [
      { type: 'contract.signed', on: '2024-02-01' },
      { type: 'termination.requested', on: '2024-02-02', effectiveOn: '2024-02-05' },
      { type: 'contract.filed', on: '2024-02-06' },
    ];
    const result = run('shandong', {}, events as never, '2024-03-01');
    expect(result.rejected).toEqual([
      {
        event: 2,
        reason: '项目已于 2024-02-05 终止，此后不能再登记任何事实',
        code: 'terminated',
        params: { effectiveOn: '2024-02-05' },
      },
    ]);
    expect(renderRefusal(result.rejected[0]!, 'en')).toBe(
      'the project was terminated on 2024-02-05; nothing can be recorded after that',
    );
    expect(result.obligations.map((o) => [o.key, o.status])).toEqual([
      ['annual-report.2024', 'waived'],
      ['contract.filing', 'waived'],
    ]);
    // Before the termination takes effect the obligations still run.
    expect(
      obligation(run('shandong', {}, events.slice(0, 2) as never, '2024-02-04'), 'contract.filing').status,
    ).toBe('open');
  });

  it('jilin: a new acceptance while a rectification is outstanding; rounds are numbered', () => {
    const base = [completed, { type: 'acceptance.failed', on: '2024-04-10' }];
    expect(rejectedReason('jilin', {}, [...base, { type: 'acceptance.passed', on: '2024-04-20' }])).toContain(
      'must be rectified',
    );
    const result = run(
      'jilin',
      {},
      [
        ...base,
        { type: 'rectification.completed', on: '2024-05-06' },
        { type: 'acceptance.failed', on: '2024-05-20' },
      ] as never,
      '2024-07-01',
    );
    expect(result.obligations.map((o) => [o.key, o.dueOn, o.status])).toEqual([
      ['rectification', '2024-05-10', 'met'],
      ['rectification.2', '2024-06-20', 'overdue'],
    ]);
    expect(
      rejectedReason('jilin', {}, [completed, { type: 'rectification.completed', on: '2024-05-06' }]),
    ).toContain('needs one of acceptance.failed');
  });

  it('an extension of an obligation that does not exist, or to an earlier day', () => {
    const signed = { type: 'contract.signed', on: '2024-03-01' };
    expect(
      rejectedReason('shandong', {}, [
        signed,
        {
          type: 'extension.granted',
          on: '2024-03-02',
          obligation: 'acceptance.application',
          until: '2024-09-01',
        },
      ]),
    ).toContain(
      'no obligation "acceptance.application" exists on 2024-03-02; the project has: contract.filing, annual-report.2024',
    );
    expect(
      rejectedReason('shandong', {}, [
        signed,
        { type: 'extension.granted', on: '2024-03-02', obligation: 'contract.filing', until: '2024-03-08' },
      ]),
    ).toContain('not later than the current due date 2024-03-08');
  });

  it('a pause while paused, a resume while running', () => {
    const pause = { type: 'project.paused', on: '2024-03-01', reason: 'audit' };
    expect(rejectedReason('jilin', {}, [pause, { ...pause, on: '2024-03-02' }])).toBe(
      'the project is already paused since 2024-03-01',
    );
    expect(rejectedReason('jilin', {}, [{ type: 'project.resumed', on: '2024-03-02', reason: 'x' }])).toBe(
      'the project is not paused',
    );
  });

  it('a fact its recorder may not record', () => {
    expect(
      rejectedReason('jilin', {}, [
        { type: 'project.paused', on: '2024-03-01', reason: 'x', actor: { role: 'department' } },
      ]),
    ).toContain('a department may not record project.paused; it is recorded by: admin');
    expect(
      rejectedReason('jilin', {}, [
        completed,
        { type: 'acceptance.passed', on: '2024-04-01', actor: { role: 'department' } },
      ]),
    ).toContain('operator, admin');
    expect(
      rejectedReason('jilin', {}, [
        { type: 'project.paused', on: '2024-03-01', reason: 'x', actor: { role: 'admin' } },
      ]),
    ).toBeUndefined();
  });

  it('leaves no trace of a rejected event in the obligations', () => {
    const events = [
      { type: 'contract.signed', on: '2024-03-01' },
      { type: 'contract.filed', on: '2024-12-24' },
    ];
    const result = run('shandong', {}, events as never, '2024-12-01');
    expect(result.rejected.map((r) => r.event)).toEqual([1]);
    expect(obligation(result, 'contract.filing')).toMatchObject({ status: 'overdue', metOn: null });
  });
});
