import { run } from '../../test/engine-helpers';
import { shanghaiDateOf, shanghaiInstant, WorkingCalendar } from '../calendar';
import { DEFAULT_REMINDERS } from '../policies/reminders';
import { planWakeups, selectDue } from './schedule';

const cal = WorkingCalendar.standard();
const local = (ms: number) =>
  `${shanghaiDateOf(ms)} ${new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16)}`;

describe('subtractWorkingDays', () => {
  it('steps back over rest days and inverts addWorkingDays', () => {
    expect(cal.subtractWorkingDays('2024-10-10', 5)).toBe('2024-09-27');
    expect(cal.subtractWorkingDays('2024-10-10', 3)).toBe('2024-09-30');
    for (const n of [1, 3, 7, 20])
      expect(cal.addWorkingDays(cal.subtractWorkingDays('2025-02-10', n), n)).toBe('2025-02-10');
  });
});

describe('planWakeups', () => {
  const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-09-27');
  const filing = (after: number) =>
    planWakeups(result, cal, DEFAULT_REMINDERS, after).filter((w) => w.obligationKey === 'contract.filing');

  it('reminds 7, 3 and 1 working days ahead and on the due day at 09:00, then escalates every 5 working days', () => {
    const plan = filing(shanghaiInstant('2024-09-27'));
    expect(plan.map((w) => [w.kind, w.count ?? null, local(w.at), w.audience])).toEqual([
      // 7 working days before 2024-10-10 is before the contract: already past
      ['reminder', 3, '2024-09-30 09:00', 'department'],
      ['reminder', 1, '2024-10-09 09:00', 'department'],
      ['due-today', null, '2024-10-10 09:00', 'department'],
      ['overdue', null, '2024-10-11 00:00', 'none'],
      ['escalation', 1, '2024-10-11 09:00', 'department-and-bureau'],
      // 2024-10-12 is a 调休 Saturday, so five working days after 10-11 is Thursday 10-17
      // five working days overdue: the department's head is told too; ten: the bureau's leaders
      ['escalation-head', 5, '2024-10-16 09:00', 'department-and-bureau'],
      ['escalation', 2, '2024-10-17 09:00', 'department-and-bureau'],
      ['escalation-leadership', 10, '2024-10-23 09:00', 'department-and-bureau'],
      ['escalation', 3, '2024-10-24 09:00', 'department-and-bureau'],
    ]);
  });

  it('gives every wake-up a key that names obligation, kind and due date', () => {
    expect(filing(0).map((w) => w.key)).toContain('contract.filing|reminder-7|2024-10-10');
    expect(new Set(filing(0).map((w) => w.key)).size).toBe(filing(0).length);
  });

  it('plans nothing for met, waived or paused obligations', () => {
    const met = run(
      'shandong',
      {},
      [
        { type: 'contract.signed', on: '2024-09-27' },
        { type: 'contract.filed', on: '2024-09-30' },
      ],
      '2024-09-30',
    );
    expect(
      planWakeups(met, cal, DEFAULT_REMINDERS, 0).filter((w) => w.obligationKey === 'contract.filing'),
    ).toEqual([]);
    const paused = run(
      'shandong',
      {},
      [
        { type: 'contract.signed', on: '2024-09-27' },
        { type: 'project.paused', on: '2024-09-28', reason: 'x' },
      ],
      '2024-09-30',
    );
    expect(planWakeups(paused, cal, DEFAULT_REMINDERS, 0)).toEqual([]);
  });

  it('wakes when a pending obligation opens and when a termination takes effect', () => {
    const pending = run('wuhan', {}, [{ type: 'operation.started', on: '2023-06-30' }], '2023-07-01');
    const plan = planWakeups(pending, cal, DEFAULT_REMINDERS, 0, '2023-12-01');
    expect(plan.find((w) => w.kind === 'opens')).toMatchObject({
      obligationKey: 'self-evaluation',
      at: shanghaiInstant('2024-07-01'),
    });
    expect(plan.find((w) => w.kind === 'terminates')).toMatchObject({ at: shanghaiInstant('2023-12-01') });
  });
});

describe('lifecycle', () => {
  it('is complete once the last fact is recorded and everything is settled', () => {
    const events = [
      { type: 'contract.signed', on: '2022-01-10' },
      { type: 'construction.completed', on: '2022-03-01' },
      { type: 'acceptance.passed', on: '2022-05-01' },
      { type: 'operation.started', on: '2022-05-02' },
    ];
    expect(run('wuhan', {}, events, '2022-06-01').lifecycle.completed).toBe(false);
    const done = run(
      'wuhan',
      {},
      [
        ...events,
        { type: 'annual-report.submitted', on: '2022-01-20', year: 2022 },
        { type: 'self-evaluation.submitted', on: '2023-05-04' },
      ],
      '2023-06-01',
    );
    expect(done.rejected).toEqual([]);
    expect(done.obligations.map((o) => o.status)).toEqual(['met', 'met']);
    expect(done.lifecycle).toMatchObject({ completed: true, terminated: false, paused: false });
  });

  it('is complete when a termination has taken effect', () => {
    const events = [
      { type: 'contract.signed', on: '2024-01-10' },
      { type: 'termination.requested', on: '2024-02-01', effectiveOn: '2024-02-05' },
    ];
    expect(run('shandong', {}, events, '2024-02-04').lifecycle).toMatchObject({
      completed: false,
      terminatesOn: '2024-02-05',
    });
    expect(run('shandong', {}, events, '2024-02-05').lifecycle).toMatchObject({
      completed: true,
      terminated: true,
    });
  });
});

describe('escalations for a project that arrives late', () => {
  it('plans the next rounds after now, not the first ones', () => {
    const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-12-02');
    const after = shanghaiInstant('2024-12-02', 12);
    const plan = planWakeups(result, cal, DEFAULT_REMINDERS, after).filter(
      (w) => w.kind === 'escalation' && w.obligationKey === 'contract.filing',
    );
    expect(plan.map((w) => [w.count, local(w.at)])).toEqual([
      [9, '2024-12-05 09:00'],
      [10, '2024-12-12 09:00'],
      [11, '2024-12-19 09:00'],
    ]);
  });
});

describe('selectDue', () => {
  const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-09-27');
  const plan = planWakeups(result, cal, DEFAULT_REMINDERS, shanghaiInstant('2024-09-27'));
  it('sends one of each kind after a long sleep: the latest escalation, no stale reminders', () => {
    const due = selectDue(plan, shanghaiInstant('2024-09-27'), shanghaiInstant('2024-10-20'));
    expect(due.map((w) => [w.obligationKey, w.kind, local(w.at)])).toEqual([
      ['contract.filing', 'escalation', '2024-10-17 09:00'],
    ]);
  });
  it('sends the latest reminder while the due day has not passed', () => {
    const due = selectDue(plan, shanghaiInstant('2024-09-27'), shanghaiInstant('2024-10-09', 10));
    expect(due.map((w) => [w.kind, w.count])).toEqual([['reminder', 1]]);
  });
});
