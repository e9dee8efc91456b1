import { DEFAULT_ESCALATION_TIERS, DEFAULT_REMINDERS } from './reminders';
import { maxDate } from '../calendar';
import { annualReports, monthsAfter, onFact, workingDaysAfter } from './rule-helpers';
import type { PolicyPack } from './types';

/** 山东省政务信息系统项目管理办法 */
export const shandong: PolicyPack = {
  id: 'shandong',
  version: '1',
  shortName: 'Shandong',
  name: '山东省政务信息系统项目管理办法',
  jurisdiction: '山东省',
  level: 'province',
  // 第四十二条: in force from its issue; the capture carries no date, so no bound is known.
  validFrom: null,
  validUntil: null,
  draft: false,
  pauseBasis: ['Shandong 第十九条', 'Shandong 第三十四条'],
  lifecycleEnd: 'self-evaluation.submitted',
  // No article counts the days before a late department's head or the bureau's leaders are told.
  reminders: { ...DEFAULT_REMINDERS, tiers: DEFAULT_ESCALATION_TIERS },
  obligations: [
    // 第十三条: 签订正式采购合同5个工作日内，应将合同文本报省政务服务管理办公室备案
    onFact(
      { key: 'contract.filing', title: '合同备案', basis: 'Shandong 第十三条', metBy: 'contract.filed' },
      'contract.signed',
      (signed) => ({ due: workingDaysAfter(signed, 5) }),
    ),
    // 第十六条: 每年年底前报告项目建设进度和预算执行情况
    annualReports('Shandong 第十六条', '年度建设进度和预算执行情况报告'),
    // 第二十三条: 完成项目建设任务后3个月内提交竣工验收申请报告
    onFact(
      {
        key: 'acceptance.application',
        title: '竣工验收申请',
        basis: 'Shandong 第二十三条',
        metBy: 'acceptance.applied',
      },
      'construction.completed',
      (completed) => ({ due: monthsAfter(completed, 3) }),
    ),
    // 第二十四条: 竣工验收并投入使用或运营后12至24个月内开展自评价
    {
      key: 'self-evaluation',
      title: '绩效自评价',
      basis: 'Shandong 第二十四条',
      metBy: 'self-evaluation.submitted',
      gate: { code: 'self-evaluation-after-acceptance' },
      derive(ctx) {
        const passed = ctx.first('acceptance.passed');
        const operating = ctx.first('operation.started');
        if (!passed || !operating) return [];
        const base = maxDate(passed.on, operating.on) === passed.on ? passed : operating;
        return [
          {
            key: 'self-evaluation',
            trigger: base,
            opens: monthsAfter(base, 12),
            due: monthsAfter(base, 24),
          },
        ];
      },
    },
  ],
  requirements: [],
  change: {
    basis: 'Shandong 第十八条',
    decide: () => ({
      path: 'approval',
      reason: '建设目标、地点、预算、主要内容或进度发生较大变化的，应事先提交调整申请，重新履行审核手续',
    }),
  },
  checks: [],
};
