import { DEFAULT_ESCALATION_TIERS, DEFAULT_REMINDERS } from './reminders';
import { addMonths } from '../calendar';
import { refusal } from '../engine/refusal';
import { formatYuan, monthsAfter, planFiling, requirement, withinPercent } from './rule-helpers';
import type { AnnualPlanRule, PolicyPack } from './types';

const ANNUAL_PLAN: AnnualPlanRule = {
  month: 9,
  day: 30,
  basis: 'Jinhu 第七条',
  label: '计划年度前一年的9月30日',
};

const isKey = (p: { category?: string }) => p.category === 'key';

/** 金湖县政务信息化项目建设管理办法（征求意见稿） */
export const jinhu: PolicyPack = {
  id: 'jinhu',
  version: '1',
  shortName: 'Jinhu',
  name: '金湖县政务信息化项目建设管理办法（征求意见稿）',
  jurisdiction: '金湖县',
  level: 'county',
  validFrom: null,
  validUntil: null,
  // A draft for comment: it binds nobody yet, so every project under it is flagged.
  draft: true,
  pauseBasis: ['Jinhu 第二十五条', 'Jinhu 第三十一条'],
  requiresCategory: true,
  annualPlan: ANNUAL_PLAN,
  lifecycleEnd: 'acceptance.passed',
  // No article counts the days before a late department's head or the bureau's leaders are told.
  reminders: { ...DEFAULT_REMINDERS, tiers: DEFAULT_ESCALATION_TIERS },
  obligations: [
    // 第七条: 在每年9月30日前向县数据局申报下一年度计划
    planFiling(ANNUAL_PLAN),
    // 第二十六条: 重点类项目建成运行良好的，试运行2个月后申请竣工验收
    {
      key: 'acceptance.application',
      title: '竣工验收申请（重点类）',
      basis: 'Jinhu 第二十六条',
      metBy: 'acceptance.applied',
      gate: { code: 'key-project-trial-run', appliesTo: isKey },
      derive(ctx) {
        const started = ctx.first('trial-run.started');
        if (!isKey(ctx.project) || !started) return [];
        return [{ key: 'acceptance.application', trigger: started, opens: monthsAfter(started, 2) }];
      },
    },
  ],
  requirements: [
    // 第十三条: 一般类项目自行论证并备案；重点类项目提请县数据局审查
    requirement('bureau-review', '提请县数据局审查', 'Jinhu 第十三条', (p) => p.category === 'key'),
    requirement(
      'self-review-filing',
      '自行论证并向县数据局备案',
      'Jinhu 第十三条',
      (p) => p.category === 'general',
    ),
  ],
  change: {
    basis: 'Jinhu 第二十一条',
    decide(change, approvedTotal) {
      if (change.brandChange) return { path: 'rejected', reason: '合同确定的软硬件设备品牌不得变更' };
      if (!withinPercent(change.amount, approvedTotal, 10)) {
        return {
          path: 'rejected',
          reason: `变更内容涉及金额 ${formatYuan(change.amount)} 超过项目总投资的10%`,
        };
      }
      return { path: 'approval', reason: '经专家论证后书面报县数据局批复，并报县发改委办理立项变更' };
    },
  },
  checks: [
    {
      // 第三十八条: 停用或终止的项目应至少提前1个月向县数据局报备批准
      type: 'termination.requested',
      basis: 'Jinhu 第三十八条',
      check(event) {
        if (!event.effectiveOn) return null;
        const earliest = addMonths(event.on, 1).date;
        return event.effectiveOn < earliest
          ? refusal('termination-notice', { effectiveOn: event.effectiveOn, earliest })
          : null;
      },
    },
    {
      // 第二十七条: 未验收或验收不合格的项目，不得投入使用
      type: 'operation.started',
      basis: 'Jinhu 第二十七条',
      check: (_event, ctx) => (ctx.first('acceptance.passed') ? null : refusal('use-before-acceptance')),
    },
  ],
};
