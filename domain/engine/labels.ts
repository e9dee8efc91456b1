import type { EventType, ObligationStatus } from './types';

/** Chinese names of facts, for explanations people read. */
export const EVENT_LABELS: Record<EventType | 'project.registered', string> = {
  'project.registered': '项目登记',
  'plan.filed': '年度计划申报',
  'project.approved': '立项批复',
  'change.requested': '变更申请',
  'contract.signed': '签订合同',
  'contract.filed': '合同备案',
  'construction.completed': '完成建设任务',
  'trial-run.started': '开始试运行',
  'trial-run.stable': '试运行达到稳定状态',
  'acceptance.preliminary.passed': '初步验收通过',
  'acceptance.preliminary.failed': '初步验收未通过',
  'acceptance.applied': '提交竣工验收申请',
  'acceptance.passed': '竣工验收通过',
  'acceptance.failed': '竣工验收未通过',
  'rectification.completed': '整改完成',
  'operation.started': '投入运行',
  'self-evaluation.submitted': '提交自评价报告',
  'annual-report.submitted': '提交年度报告',
  'extension.granted': '批准延期',
  'termination.requested': '申请终止',
  'project.paused': '暂停项目',
  'project.resumed': '恢复项目',
};

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  pending: '未开始',
  open: '进行中',
  met: '已完成',
  overdue: '已逾期',
  'met-late': '逾期完成',
  waived: '已豁免',
};

export function eventLabel(type: string): string {
  return EVENT_LABELS[type as EventType] ?? type;
}
