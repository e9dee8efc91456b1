import { EVENT_LABELS, type EventType, POLICIES, type PolicyPack } from '../../../domain';

/** The columns of a project row besides its facts, in the template's order, each with what 说明 says. */
export const PROJECT_COLUMNS = [
  {
    header: '项目编号',
    required: true,
    note: '部门自己的项目编号，同一部门内唯一；再次导入同一编号不会重复登记',
  },
  { header: '项目名称', required: true, note: '最多 200 个字' },
  { header: '部门', required: false, note: '部门编号或部门全称；部门用户可留空（即本部门），局方人员必填' },
  {
    header: '适用办法',
    required: true,
    note: '从下拉列表选择，也可写地区简称（吉林省、武汉市、山东省、云浮市、金湖县）',
  },
  { header: '计划年度', required: true, note: '四位年份，如 2026' },
  { header: '总投资 (元)', required: true, note: '以元为单位的数字，不含逗号' },
  { header: '软件开发费 (元)', required: false, note: '应用软件开发部分，以元为单位；可留空' },
  { header: '类别', required: false, note: '重点类或一般类；金湖县等办法要求填写' },
  { header: '计划验收日期', required: false, note: '日期，YYYY-MM-DD' },
] as const;

/**
 * Facts that are nothing but a date, one column each, in the order a project goes through them (facts on
 * the same day are recorded in this order). The header is how a department names the day.
 */
export const FACT_COLUMNS: { header: string; type: EventType }[] = [
  { header: '年度计划申报日期', type: 'plan.filed' },
  { header: '立项批复日期', type: 'project.approved' },
  { header: '合同签订日期', type: 'contract.signed' },
  { header: '合同备案日期', type: 'contract.filed' },
  { header: '建成日期', type: 'construction.completed' },
  { header: '试运行开始日期', type: 'trial-run.started' },
  { header: '初步验收通过日期', type: 'acceptance.preliminary.passed' },
  { header: '试运行稳定日期', type: 'trial-run.stable' },
  { header: '验收申请日期', type: 'acceptance.applied' },
  { header: '验收通过日期', type: 'acceptance.passed' },
  { header: '投入运行日期', type: 'operation.started' },
  { header: '自评价报告提交日期', type: 'self-evaluation.submitted' },
];

/** Facts a date alone cannot carry, said in 说明 with where to record them instead. */
export const FACTS_LEFT_OUT: { type: EventType; why: string }[] = [
  { type: 'change.requested', why: '需要变更金额和变更后总投资' },
  { type: 'acceptance.preliminary.failed', why: '可能发生多次，且须与整改的先后顺序一起记录' },
  { type: 'acceptance.failed', why: '可能发生多次，且须与整改的先后顺序一起记录' },
  { type: 'rectification.completed', why: '与未通过的验收成对出现，可能发生多次' },
  { type: 'annual-report.submitted', why: '需要注明报告所属年度，每年一份' },
  { type: 'extension.granted', why: '需要注明延期的事项和新的期限' },
];

export const FACT_LABEL = (type: EventType) => EVENT_LABELS[type];

export const CATEGORIES: Record<string, 'key' | 'general'> = { 重点类: 'key', 一般类: 'general' };

/** 吉林省, 云浮市 …: the region a regulation's name begins with. */
export function regionOf(pack: PolicyPack): string {
  return /^(.+?[省市县])/.exec(pack.name)?.[1] ?? pack.name;
}

/** A regulation by its full name, its region or its id. */
export function policyNamed(text: string): PolicyPack | undefined {
  const t = text.trim();
  return POLICIES.find((p) => p.name === t || regionOf(p) === t || p.id === t);
}

/** Headers compared without spaces and with full-width brackets, as people type them in Excel. */
export function normalHeader(text: string): string {
  return text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
