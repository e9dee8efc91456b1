import { DEFAULT_ESCALATION_TIERS, DEFAULT_REMINDERS } from './reminders';
import { monthsAfter, onFact, planFiling, requirement } from './rule-helpers';
import type { AnnualPlanRule, PolicyPack } from './types';

const ANNUAL_PLAN: AnnualPlanRule = {
  month: 11,
  day: 30,
  basis: 'Yunfu 第六条',
  label: '计划年度前一年的11月30日',
};

/** 云浮市市级政务信息化服务项目管理办法 (云府办〔2020〕2号) */
export const yunfu: PolicyPack = {
  id: 'yunfu',
  version: '1',
  shortName: 'Yunfu',
  name: '云浮市市级政务信息化服务项目管理办法',
  jurisdiction: '云浮市',
  level: 'city',
  // 第二十八条: 自2020年2月1日起执行，有效期至2025年1月31日
  validFrom: '2020-02-01',
  validUntil: '2025-01-31',
  draft: false,
  // The regulation has no article on suspending a project; a pause is the administrator's own act.
  pauseBasis: [],
  annualPlan: ANNUAL_PLAN,
  lifecycleEnd: 'acceptance.passed',
  // No article counts the days before a late department's head or the bureau's leaders are told.
  reminders: { ...DEFAULT_REMINDERS, tiers: DEFAULT_ESCALATION_TIERS },
  obligations: [
    // 第六条: 于每年11月30日前报市政务服务数据管理局备案（下一年度计划）
    planFiling(ANNUAL_PLAN),
    // 第八条(四): 审批意见有效期为两年
    onFact(
      {
        key: 'approval.use',
        title: '立项审批意见有效期内签订合同',
        basis: 'Yunfu 第八条(四)',
        metBy: 'contract.signed',
      },
      'project.approved',
      (approved) => ({ due: monthsAfter(approved, 24) }),
    ),
  ],
  requirements: [
    // 第十三条: 投资总额200万元以上（含）的项目必须实行监理；应用软件开发费用100万元以上（含）的必须第三方测试
    requirement('supervision', '实行工程监理', 'Yunfu 第十三条', (p) => p.investment >= 2_000_000),
    requirement(
      'third-party-testing',
      '应用软件第三方测试',
      'Yunfu 第十三条',
      (p) => (p.softwareDevelopment ?? 0) >= 1_000_000,
    ),
  ],
  change: {
    basis: 'Yunfu 第十七条',
    decide: () => ({ path: 'filing', reason: '重大变更或逾期交付的，应及时报市政务服务数据管理局备案' }),
  },
  checks: [],
};
