import { run } from '../../test/engine-helpers';
import { evaluate, isCaseError, simulateCase } from '../engine';
import { onFact, workingDaysAfter } from './rule-helpers';
import { findPolicy, POLICIES } from './index';
import type { PolicyPack } from './types';

const ARTICLE = /第[一二三四五六七八九十百]+条(\([一二三四五六七八九十]+\))?$/;

describe('policy packs', () => {
  it('are the five regulations, each with its level and validity', () => {
    expect(POLICIES.map((p) => [p.id, p.level, p.draft])).toEqual([
      ['jilin', 'province', false],
      ['wuhan', 'city', false],
      ['shandong', 'province', false],
      ['yunfu', 'city', false],
      ['jinhu', 'county', true],
    ]);
    expect(findPolicy('yunfu')).toMatchObject({ validFrom: '2020-02-01', validUntil: '2025-01-31' });
  });

  it.each(POLICIES.map((p) => [p.id, p] as const))(
    '%s cites an article of its own regulation for every rule',
    (_id, pack) => {
      const bases = [
        ...pack.obligations.map((r) => r.basis),
        ...pack.requirements.map((r) => r.basis),
        pack.change.basis,
        ...pack.checks.map((c) => c.basis),
        ...pack.pauseBasis,
      ];
      for (const basis of bases) {
        expect(basis.startsWith(`${pack.shortName} `)).toBe(true);
        expect(basis.slice(pack.shortName.length + 1)).toMatch(ARTICLE);
      }
    },
  );

  it('flags a draft and a policy out of force on the registration day (spec §5)', () => {
    expect(run('jinhu', { category: 'key' }, [], '2024-01-10').flags.map((f) => f.code)).toEqual([
      'policy-draft',
    ]);
    const late = run('yunfu', { registeredOn: '2025-02-01' }, [], '2025-03-01');
    expect(late.policy).toMatchObject({ inForce: false, inForceOn: '2025-02-01' });
    expect(late.flags.map((f) => f.code)).toEqual(['policy-not-in-force']);
    expect(run('yunfu', { registeredOn: '2025-01-31' }, [], '2025-03-01').flags).toEqual([]);
    expect(run('wuhan', { registeredOn: '2021-08-20' }, [], '2022-01-01').policy.inForce).toBe(false);
  });

  it('a sixth regulation is one more pack: the engine needs no change', () => {
    const testville: PolicyPack = {
      id: 'testville',
      version: '1',
      lifecycleEnd: 'acceptance.passed',
      shortName: 'Testville',
      name: '测试市政务信息化项目管理办法',
      jurisdiction: '测试市',
      level: 'city',
      validFrom: null,
      validUntil: null,
      draft: false,
      pauseBasis: [],
      obligations: [
        onFact(
          { key: 'contract.filing', title: '合同备案', basis: 'Testville 第九条', metBy: 'contract.filed' },
          'contract.signed',
          (f) => ({ due: workingDaysAfter(f, 10) }),
        ),
      ],
      requirements: [],
      change: { basis: 'Testville 第十条', decide: () => ({ path: 'approval', reason: '一律审批' }) },
      checks: [],
    };
    const result = evaluate(testville, {
      project: { planYear: 2024, investment: 1 },
      events: [{ type: 'contract.signed', on: '2024-09-27' }],
      asOf: '2024-10-01',
    });
    expect(result.obligations.map((o) => [o.key, o.dueOn, o.basis])).toEqual([
      ['contract.filing', '2024-10-16', 'Testville 第九条'],
    ]);
  });
});

describe('cases that cannot be read (spec §6)', () => {
  const good = {
    policy: 'shandong',
    project: { planYear: 2024, investment: 1 },
    events: [],
    asOf: '2024-01-10',
  };
  it.each([
    [{ ...good, policy: 'beijing' }, 'unknown policy "beijing"; known: jilin, wuhan, shandong, yunfu, jinhu'],
    [{ ...good, asOf: '2024-02-30' }, '「asOf」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2024-02-30'],
    [
      { ...good, events: [{ type: 'contract.signed', on: 'yesterday' }] },
      '「events[0].on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：yesterday',
    ],
    [
      { ...good, events: [{ type: 'contract.signed' }] },
      '「events[0].on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：（缺少）',
    ],
    [{ ...good, project: { planYear: 2024 } }, 'project.investment is required'],
    [{ ...good, policy: 'jinhu' }, 'project.category is required under jinhu'],
    [{ ...good, asOf: '2100-01-01' }, 'outside the supported years'],
    ['not a case', 'a case must be an object'],
  ])('%j → error', (input, message) => {
    const outcome = simulateCase(input);
    expect(isCaseError(outcome) ? outcome.error : 'no error').toContain(message);
  });
});
