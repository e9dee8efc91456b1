/// <reference types="jest" />
import { allowedActions, factTitle, recordableFacts } from './project-actions';
import type { Obligation } from './projects.types';
import { axisOf, barsOf, pausedSpans } from './timeline-model';

const obligation = (o: Partial<Obligation>): Obligation => ({
  key: 'contract.filing',
  title: '合同备案',
  opensOn: null,
  dueOn: '2024-10-10',
  status: 'open',
  provisional: false,
  basis: 'Shandong 第十三条',
  basisText: '《山东省政务信息系统项目管理办法》第十三条',
  metOn: null,
  extended: null,
  suspended: null,
  explanation: { trigger: { event: 'contract.signed', on: '2024-09-27', eventIndex: 0 }, status: '' },
  ...o,
});

describe('what the project page offers', () => {
  const titles = { 'contract.signed': '签订合同', 'contract.filed': '合同备案' };

  it('offers the facts the API says the caller records, by their 事项名称', () => {
    expect(
      recordableFacts({ recordableFacts: ['contract.signed', 'contract.filed'], factTitles: titles }),
    ).toEqual([
      { type: 'contract.signed', title: '签订合同' },
      { type: 'contract.filed', title: '合同备案' },
    ]);
    expect(factTitle(titles, 'trial-run.started')).toBe('trial-run.started');
  });

  it('offers recording, changes and corrections only while the project runs, and corrections only of facts', () => {
    const facts = [{}] as never[];
    expect(
      allowedActions('department', { status: 'active', facts: [], recordableFacts: ['contract.signed'] }),
    ).toMatchObject({
      recordFact: true,
      requestChange: true,
      requestCorrection: false,
    });
    const closed = allowedActions('department', {
      status: 'terminated',
      facts,
      recordableFacts: ['contract.signed'],
    });
    expect(closed).toMatchObject({ recordFact: false, requestChange: false, requestCorrection: false });
    expect(allowedActions('operator', { status: 'paused', facts, recordableFacts: [] })).toMatchObject({
      recordFact: false,
      requestCorrection: true,
    });
  });
});

describe('the timeline', () => {
  it('pairs pauses with resumptions; a pause still running reaches today', () => {
    const facts = [
      { type: 'project.paused', on: '2024-03-01' },
      { type: 'project.resumed', on: '2024-03-10' },
      { type: 'contract.signed', on: '2024-04-01' },
      { type: 'project.paused', on: '2024-05-01' },
    ];
    expect(pausedSpans(facts, '2024-06-01')).toEqual([
      { from: '2024-03-01', to: '2024-03-10' },
      { from: '2024-05-01', to: '2024-06-01' },
    ]);
  });

  it('draws the window from trigger to the original due date, the extension after it, overdue up to today', () => {
    const extended = barsOf(
      obligation({
        dueOn: '2024-10-20',
        extended: { originalDueOn: '2024-10-10', until: '2024-10-20', grantedOn: '2024-10-08' },
      }),
      '2024-10-12',
    );
    expect(extended).toEqual({
      window: { from: '2024-09-27', to: '2024-10-10' },
      extended: { from: '2024-10-10', to: '2024-10-20' },
      overdue: null,
      met: null,
    });
    expect(barsOf(obligation({ status: 'overdue' }), '2024-10-12').overdue).toEqual({
      from: '2024-10-10',
      to: '2024-10-12',
    });
    expect(barsOf(obligation({ status: 'met', metOn: '2024-10-09' }), '2024-10-12').met).toBe('2024-10-09');
  });

  it('places dates on one axis in order, and a one-day span stays visible', () => {
    const axis = axisOf(['2024-01-01', '2024-12-31']);
    expect(axis.at('2024-01-01')).toBeGreaterThan(0);
    expect(axis.at('2024-12-31')).toBeLessThan(100);
    expect(axis.at('2024-06-01')).toBeGreaterThan(axis.at('2024-03-01'));
    expect(axis.width({ from: '2024-05-01', to: '2024-05-01' })).toBeGreaterThan(0);
  });
});
