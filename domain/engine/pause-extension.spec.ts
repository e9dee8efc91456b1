import { obligation, run } from '../../test/engine-helpers';

const signed = { type: 'contract.signed', on: '2023-11-01' };
const pause = (on: string) => ({ type: 'project.paused', on, reason: '监督检查' });
const resume = (on: string) => ({ type: 'project.resumed', on, reason: '检查结束' });

describe('pause and resume (spec §3, last note)', () => {
  it('gives a working-day obligation back the working days it had left', () => {
    const o = obligation(
      run('shandong', {}, [signed, pause('2023-11-03'), resume('2023-11-20')], '2023-11-21'),
      'contract.filing',
    );
    expect(o).toMatchObject({ dueOn: '2023-11-23', status: 'open' });
    expect(o.explanation.due?.steps.find((s) => s.kind === 'pause')).toMatchObject({
      remaining: 3,
      unit: 'working-days',
      from: '2023-11-08',
      to: '2023-11-23',
    });
  });

  it('gives a month-based obligation back its calendar days, then rolls off a rest day', () => {
    const events = [
      { type: 'construction.completed', on: '2024-01-15' },
      pause('2024-03-15'),
      resume('2024-03-25'),
    ];
    // 2024-07-15 + 10 days = 2024-07-25 (Thursday)
    const o = obligation(run('wuhan', {}, events, '2024-04-01'), 'acceptance.completion');
    expect(o.dueOn).toBe('2024-07-25');
    expect(o.explanation.due?.steps.find((s) => s.kind === 'pause')).toMatchObject({
      remaining: 122,
      unit: 'calendar-days',
    });
    const rolled = obligation(
      run('wuhan', {}, [events[0] as never, pause('2024-03-15'), resume('2024-03-27')], '2024-04-01'),
      'acceptance.completion',
    );
    expect(rolled.dueOn).toBe('2024-07-29'); // 07-27 is a Saturday
  });

  it('leaves fixed calendar days (year-end reports) where they are', () => {
    const o = obligation(
      run('shandong', {}, [signed, pause('2023-11-03'), resume('2023-11-20')], '2023-12-01'),
      'annual-report.2023',
    );
    expect(o.dueOn).toBe('2024-01-02');
    expect(o.explanation.due?.steps.at(-1)).toMatchObject({
      kind: 'pause-not-applied',
      because: 'fixed-date',
    });
  });

  it('stops the clock while still paused: nothing becomes overdue', () => {
    const o = obligation(run('shandong', {}, [signed, pause('2023-11-03')], '2023-12-20'), 'contract.filing');
    expect(o).toMatchObject({ dueOn: '2023-11-08', status: 'open', suspended: { since: '2023-11-03' } });
  });

  it('does not rescue an obligation already overdue when paused', () => {
    const o = obligation(
      run('shandong', {}, [signed, pause('2023-11-10'), resume('2023-11-20')], '2023-11-21'),
      'contract.filing',
    );
    expect(o).toMatchObject({ dueOn: '2023-11-08', status: 'overdue' });
    expect(o.suspended).toBeUndefined();
  });

  it('starts the clock of an obligation triggered during a pause at the resume', () => {
    const o = obligation(
      run('shandong', {}, [pause('2023-10-30'), signed, resume('2023-11-20')], '2023-11-21'),
      'contract.filing',
    );
    expect(o.dueOn).toBe('2023-11-27'); // the full 5 working days after 11-20
  });

  it('does not move an obligation met before the pause', () => {
    const events = [
      signed,
      { type: 'contract.filed', on: '2023-11-02' },
      pause('2023-11-03'),
      resume('2023-11-20'),
    ];
    expect(obligation(run('shandong', {}, events, '2023-11-21'), 'contract.filing')).toMatchObject({
      dueOn: '2023-11-08',
      status: 'met',
    });
  });

  it('shifts the opening of a window that had not opened yet', () => {
    const events = [
      { type: 'operation.started', on: '2023-01-10' },
      pause('2023-03-01'),
      resume('2023-03-11'),
    ];
    const o = obligation(run('wuhan', {}, events, '2023-04-01'), 'self-evaluation');
    expect(o).toMatchObject({ opensOn: '2024-01-22', dueOn: '2025-01-20', status: 'pending' });
  });
});

describe('extensions', () => {
  it('replace the due date and keep the original visible', () => {
    const events = [
      { type: 'construction.completed', on: '2024-09-16' },
      {
        type: 'extension.granted',
        on: '2024-12-10',
        obligation: 'acceptance.application',
        until: '2025-02-28',
      },
    ];
    const o = obligation(run('shandong', {}, events, '2025-01-10'), 'acceptance.application');
    expect(o).toMatchObject({
      dueOn: '2025-02-28',
      status: 'open',
      extended: { originalDueOn: '2024-12-16', until: '2025-02-28', grantedOn: '2024-12-10' },
    });
    expect(o.explanation.due?.steps.map((s) => s.kind)).toEqual(['add-months', 'extension']);
  });

  it('roll an extended day that is a rest day forward (第203条)', () => {
    const events = [
      { type: 'construction.completed', on: '2024-09-16' },
      {
        type: 'extension.granted',
        on: '2024-12-10',
        obligation: 'acceptance.application',
        until: '2025-03-01',
      },
    ];
    expect(obligation(run('shandong', {}, events, '2025-01-10'), 'acceptance.application').dueOn).toBe(
      '2025-03-03',
    );
  });

  it('turn an overdue obligation back to open', () => {
    const events = [
      { type: 'contract.signed', on: '2024-03-01' },
      { type: 'extension.granted', on: '2024-03-20', obligation: 'contract.filing', until: '2024-03-29' },
    ];
    expect(obligation(run('shandong', {}, events.slice(0, 1), '2024-03-20'), 'contract.filing').status).toBe(
      'overdue',
    );
    expect(obligation(run('shandong', {}, events, '2024-03-20'), 'contract.filing').status).toBe('open');
  });
});
