import { DEFAULT_ESCALATION_TIERS, DEFAULT_REMINDERS } from './reminders';
import {
  formatYuan,
  monthsAfter,
  requirement,
  withinPercent,
  workingDaysAfter,
  fixedDate,
} from './rule-helpers';
import { refusal } from '../engine/refusal';
import type { EventType, Fact } from '../engine/types';
import type { ObligationDraft, PolicyPack, RuleContext } from './types';

const FAILURES: readonly EventType[] = ['acceptance.preliminary.failed', 'acceptance.failed'];
const RESULTS: readonly EventType[] = [...FAILURES, 'acceptance.preliminary.passed', 'acceptance.passed'];

/** The failing result whose rectification is still outstanding, if any. */
function openFailure(facts: readonly Fact[]): Fact | undefined {
  let open: Fact | undefined;
  for (const f of facts) {
    if (FAILURES.includes(f.type) && !open) open = f;
    else if (f.type === 'rectification.completed') open = undefined;
  }
  return open;
}

/** 第二十六条: each failed (preliminary or completion) acceptance opens a one-month rectification round. */
function rectificationRounds(ctx: RuleContext): ObligationDraft[] {
  const rounds: ObligationDraft[] = [];
  let open = false;
  for (const f of ctx.facts) {
    if (FAILURES.includes(f.type) && !open) {
      const n = rounds.length + 1;
      rounds.push({
        key: n === 1 ? 'rectification' : `rectification.${n}`,
        trigger: f,
        due: monthsAfter(f, 1),
      });
      open = true;
    } else if (f.type === 'rectification.completed') open = false;
  }
  return rounds;
}

/** 吉林省政务信息系统项目管理办法（试行） */
export const jilin: PolicyPack = {
  id: 'jilin',
  version: '1',
  shortName: 'Jilin',
  name: '吉林省政务信息系统项目管理办法（试行）',
  jurisdiction: '吉林省',
  level: 'province',
  // 第四十三条: 自印发之日起施行; the capture carries no issue date.
  validFrom: null,
  validUntil: null,
  draft: false,
  pauseBasis: ['Jilin 第二十二条', 'Jilin 第三十条'],
  lifecycleEnd: 'acceptance.passed',
  // No article counts the days before a late department's head or the bureau's leaders are told.
  reminders: { ...DEFAULT_REMINDERS, tiers: DEFAULT_ESCALATION_TIERS },
  obligations: [
    // 第二十五条: 初步验收通过，且试运行达到稳定状态20个工作日后，提交竣工验收申请报告
    {
      key: 'acceptance.application',
      title: '竣工验收申请',
      basis: 'Jilin 第二十五条',
      metBy: 'acceptance.applied',
      gate: { code: 'acceptance-not-ready' },
      derive(ctx) {
        const stable = ctx.first('trial-run.stable');
        const preliminary = ctx.first('acceptance.preliminary.passed');
        if (!stable || !preliminary) return [];
        const planned = ctx.project.plannedAcceptanceOn;
        return [
          {
            key: 'acceptance.application',
            trigger: stable.on >= preliminary.on ? stable : preliminary,
            opens: {
              kind: 'not-before',
              // The application is allowed on the working day after the 20th: 21 working days on.
              spec: workingDaysAfter(stable, 21),
              date: preliminary.on,
              because: 'acceptance.preliminary.passed',
            },
            ...(planned ? { due: fixedDate(planned, '批复进度计划中的验收日期 (plannedAcceptanceOn)') } : {}),
          },
        ];
      },
    },
    // 第二十六条: 未通过初步验收或竣工验收的项目，应在一个月内完成整改
    {
      key: 'rectification',
      title: '验收整改',
      basis: 'Jilin 第二十六条',
      metBy: 'rectification.completed',
      gate: { code: 'no-failed-acceptance' },
      derive: rectificationRounds,
    },
  ],
  requirements: [
    // 第十二条: 200万元以下（含200万）可仅编制项目申报书；200万元以上需提交可行性研究报告
    requirement(
      'application-form',
      '仅编制项目申报书',
      'Jilin 第十二条(一)',
      (p) => p.investment <= 2_000_000,
    ),
    requirement(
      'feasibility-study',
      '提交可行性研究报告',
      'Jilin 第十二条(二)',
      (p) => p.investment > 2_000_000,
    ),
  ],
  change: {
    basis: 'Jilin 第二十一条',
    decide(change, approvedTotal) {
      if (change.goalsChanged) return { path: 'approval', reason: '变更内容影响总体目标实现，应报送审核' };
      if (!withinPercent(change.amount, approvedTotal, 10)) {
        return {
          path: 'approval',
          reason: `涉及金额 ${formatYuan(change.amount)} 超过项目总投资额的10%，应报送审核`,
        };
      }
      if (change.newTotal > 2_000_000) {
        return {
          path: 'approval',
          reason: `变更后总投资额 ${formatYuan(change.newTotal)} 超过200万元，应报送审核`,
        };
      }
      return {
        path: 'filing',
        reason: '涉及金额不超过总投资额10%且变更后总投资不超过200万元，自行调整后报送备案',
      };
    },
  },
  checks: RESULTS.map((type) => ({
    type,
    basis: 'Jilin 第二十六条',
    check: (_event: unknown, ctx: RuleContext) => {
      const failure = openFailure(ctx.facts);
      return failure ? refusal('rectification-outstanding', { failure: failure.type, on: failure.on }) : null;
    },
  })),
};
