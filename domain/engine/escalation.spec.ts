import { run } from '../../test/engine-helpers';
import { shanghaiDateOf, WorkingCalendar } from '../calendar';
import { POLICIES } from '../policies';
import { DEFAULT_ESCALATION_TIERS, DEFAULT_REMINDERS } from '../policies/reminders';
import { reachAfter, tierDays, workingDaysOverdue } from './escalation';
import { noticeResolution } from './resolution';
import { planWakeups } from './schedule';

const cal = WorkingCalendar.standard();

describe('graduated escalation', () => {
  it('reaches the head after N and the leadership after M working days overdue', () => {
    expect(reachAfter(1)).toBe('department');
    expect(reachAfter(4)).toBe('department');
    expect(reachAfter(5)).toBe('head');
    expect(reachAfter(9)).toBe('head');
    expect(reachAfter(10)).toBe('leadership');
    expect(reachAfter(3, { headAfterWorkingDays: 2, leadershipAfterWorkingDays: 3, basis: null })).toBe(
      'leadership',
    );
  });

  it('counts working days over National Day and its 调休 Saturday', () => {
    // Due 2024-09-30: 10-01…10-07 rest, so the first overdue working day is 10-08.
    expect(workingDaysOverdue(cal, '2024-09-30', '2024-10-07')).toBe(0);
    expect(tierDays(cal, '2024-09-30')).toEqual({ head: '2024-10-12', leadership: '2024-10-18' });
    expect(workingDaysOverdue(cal, '2024-09-30', '2024-10-12')).toBe(5);
  });

  it('plans one notice on the day each tier is reached, and rounds after it reach as far', () => {
    const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-09-27');
    const plan = planWakeups(result, cal, DEFAULT_REMINDERS, 0).filter(
      (w) => w.obligationKey === 'contract.filing' && w.kind.startsWith('escalation'),
    );
    expect(plan.map((w) => [w.kind, shanghaiDateOf(w.at), w.reach])).toEqual([
      ['escalation', '2024-10-11', 'department'],
      ['escalation-head', '2024-10-16', 'head'],
      ['escalation', '2024-10-17', 'head'],
      ['escalation-leadership', '2024-10-23', 'leadership'],
      ['escalation', '2024-10-24', 'leadership'],
    ]);
    expect(plan.find((w) => w.kind === 'escalation-head')?.key).toBe(
      'contract.filing|escalation-head|2024-10-10',
    );
  });

  it('takes N and M from the regulation pack', () => {
    const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-09-27');
    const policy = { ...DEFAULT_REMINDERS, tiers: { ...DEFAULT_ESCALATION_TIERS, headAfterWorkingDays: 2 } };
    const head = planWakeups(result, cal, policy, 0).find((w) => w.kind === 'escalation-head');
    expect(head && shanghaiDateOf(head.at)).toBe('2024-10-12');
    for (const pack of POLICIES) expect(pack.reminders?.tiers).toEqual(DEFAULT_ESCALATION_TIERS);
  });

  it('skips tiers already past, as it skips past rounds', () => {
    const result = run('shandong', {}, [{ type: 'contract.signed', on: '2024-09-27' }], '2024-10-20');
    const after = Date.parse('2024-10-20T00:00:00+08:00');
    const kinds = planWakeups(result, cal, DEFAULT_REMINDERS, after)
      .filter((w) => w.obligationKey === 'contract.filing')
      .map((w) => w.kind);
    expect(kinds).not.toContain('escalation-head');
    expect(kinds).toContain('escalation-leadership');
  });
});

describe('noticeResolution', () => {
  const overdue = { kind: 'overdue-notice', dueOn: '2026-08-10' };
  const base = { status: 'overdue' as const, dueOn: '2026-08-10', metOn: null };
  it('resolves a notice whose obligation was met, waived, extended past it or corrected away', () => {
    expect(noticeResolution(overdue, { ...base, status: 'met-late', metOn: '2026-08-20' })).toEqual({
      resolution: 'met',
      reason: '该事项已于 2026-08-20 办结，无需再办理',
    });
    expect(noticeResolution(overdue, { ...base, status: 'waived' })?.resolution).toBe('waived');
    const extended = {
      ...base,
      status: 'open' as const,
      dueOn: '2026-09-30',
      extended: { originalDueOn: '2026-08-10', until: '2026-09-30', grantedOn: '2026-08-12' },
    };
    expect(noticeResolution(overdue, extended)?.resolution).toBe('extended');
    expect(noticeResolution(overdue, undefined)?.resolution).toBe('corrected');
    expect(noticeResolution(overdue, { ...base, status: 'open' })?.resolution).toBe('corrected');
  });

  it('leaves a notice that still holds, and a correction notice, alone', () => {
    expect(noticeResolution(overdue, base)).toBeNull();
    expect(noticeResolution({ kind: 'reminder', dueOn: '2026-08-10' }, base)).toBeNull();
    expect(noticeResolution({ kind: 'correction', dueOn: '2026-08-10' }, undefined)).toBeNull();
  });
});
