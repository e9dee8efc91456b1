import { DEFAULT_ESCALATION_TIERS, DEFAULT_REMINDERS } from './reminders';
import { annualReports, formatYuan, monthsAfter, onFact, requirement, withinPercent } from './rule-helpers';
import type { PolicyPack } from './types';

/** 武汉市政务信息化项目建设管理办法 (武汉市人民政府办公厅, 2021-08-21) */
export const wuhan: PolicyPack = {
  id: 'wuhan',
  version: '1',
  shortName: 'Wuhan',
  name: '武汉市政务信息化项目建设管理办法',
  jurisdiction: '武汉市',
  level: 'city',
  // 第三十一条: 自印发之日起施行; issued 2021-08-21.
  validFrom: '2021-08-21',
  validUntil: null,
  draft: false,
  pauseBasis: ['Wuhan 第二十五条'],
  lifecycleEnd: 'self-evaluation.submitted',
  // No article counts the days before a late department's head or the bureau's leaders are told.
  reminders: { ...DEFAULT_REMINDERS, tiers: DEFAULT_ESCALATION_TIERS },
  obligations: [
    // 第二十条: 在建设期内每年年底之前形成项目绩效评价报告
    annualReports('Wuhan 第二十条', '年度绩效评价报告'),
    // 第二十一条: 信息化项目建成后半年内，建设单位应当组织项目验收
    onFact(
      {
        key: 'acceptance.completion',
        title: '项目验收',
        basis: 'Wuhan 第二十一条',
        metBy: 'acceptance.passed',
      },
      'construction.completed',
      (completed) => ({ due: monthsAfter(completed, 6) }),
    ),
    // 第二十二条: 投入运行后12至24个月内开展自评
    onFact(
      {
        key: 'self-evaluation',
        title: '绩效自评',
        basis: 'Wuhan 第二十二条',
        metBy: 'self-evaluation.submitted',
        gate: { code: 'self-evaluation-after-operation' },
      },
      'operation.started',
      (operating) => ({ opens: monthsAfter(operating, 12), due: monthsAfter(operating, 24) }),
    ),
  ],
  requirements: [
    // 第八条: 投资50万元以下的自行组织实施并备案；50万元以上（含本数）的报项目审批部门审批
    requirement(
      'self-implementation-filing',
      '自行组织实施并备案',
      'Wuhan 第八条',
      (p) => p.investment < 500_000,
    ),
    requirement('approval', '报项目审批部门审批', 'Wuhan 第八条', (p) => p.investment >= 500_000),
    // 第十五条: 核定投资3000万元以上（含本数）的，报市人民政府批准
    requirement(
      'city-government-approval',
      '报市人民政府批准',
      'Wuhan 第十五条',
      (p) => p.investment >= 30_000_000,
    ),
  ],
  change: {
    basis: 'Wuhan 第十九条',
    decide(change, approvedTotal) {
      if (change.goalsChanged)
        return { path: 'approval', reason: '建设目标发生变化，应当按照国家有关规定履行相应手续' };
      if (change.newTotal > approvedTotal) {
        return {
          path: 'approval',
          reason: `变更后总投资 ${formatYuan(change.newTotal)} 超出概算批复 ${formatYuan(approvedTotal)}`,
        };
      }
      if (!withinPercent(change.amount, approvedTotal, 15)) {
        return { path: 'approval', reason: `调整数额 ${formatYuan(change.amount)} 超过概算总投资的15%` };
      }
      return {
        path: 'filing',
        reason:
          '未超出概算批复、建设目标不变且调整数额不超过概算总投资15%，由建设单位调整并向项目审批部门备案',
      };
    },
  },
  checks: [],
};
