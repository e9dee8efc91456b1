import { findPolicy } from '../policies';
import { correctionRefusal, noticeWasWrong } from './correction';
import type { Obligation, ProjectEvent } from './types';

const pack = findPolicy('shandong')!;
const project = { planYear: 2025, investment: 3_500_000 };
const events: ProjectEvent[] = [
  { type: 'contract.signed', on: '2025-03-03' },
  { type: 'contract.filed', on: '2025-03-05' },
];

describe('correctionRefusal', () => {
  it('accepts a date that keeps the history consistent', () => {
    expect(
      correctionRefusal(pack, { project, events, asOf: '2025-06-01' }, 0, { kind: 'date', on: '2025-03-04' }),
    ).toBeNull();
  });

  it('refuses withdrawing a fact another one depends on, in Chinese with the engine reason', () => {
    const reason = correctionRefusal(pack, { project, events, asOf: '2025-06-01' }, 0, { kind: 'withdraw' });
    expect(reason?.zh).toMatch(/^撤回「签订合同」（2025-03-03）后事实记录前后矛盾，未予更正：「合同备案」/);
    expect(reason?.en).toMatch(
      /^withdrawing contract\.signed \(2025-03-03\) would contradict the record, so it is not made: contract\.filed \(2025-03-05\)/,
    );
  });

  it('refuses a date after the dependent fact, and a date in the future', () => {
    const input = { project, events, asOf: '2025-06-01' };
    expect(correctionRefusal(pack, input, 0, { kind: 'date', on: '2025-03-10' })).toMatchObject({
      zh: expect.stringMatching(/合同备案/),
      en: expect.stringMatching(/^moving contract\.signed from 2025-03-03 to 2025-03-10 .*contract\.filed/),
    });
    expect(correctionRefusal(pack, input, 0, { kind: 'date', on: '2025-07-01' })).toMatchObject({
      zh: expect.stringMatching(/未来/),
      en: expect.stringMatching(/in the future/),
    });
  });
});

describe('noticeWasWrong', () => {
  const o = (dueOn: string | null, metOn: string | null = null) =>
    ({ key: 'k', dueOn, metOn, status: metOn ? 'met' : 'overdue' }) as Obligation;
  it('is wrong when the obligation fell due on or after the day the notice went out, or was met in time', () => {
    expect(noticeWasWrong(o('2025-03-10'), '2025-03-09')).toBe(true);
    expect(noticeWasWrong(o('2025-03-10', '2025-03-08'), '2025-03-12')).toBe(true);
    expect(noticeWasWrong(undefined, '2025-03-12')).toBe(true);
    expect(noticeWasWrong(o('2025-03-10'), '2025-03-12')).toBe(false);
  });
});
