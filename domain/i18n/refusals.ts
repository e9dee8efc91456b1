import { EVENT_LABELS } from '../engine/labels';
import type { Refusal, RefusalCode, RefusalParam } from '../engine/refusal';
import { citationOf } from '../policies';
import type { Lang } from './language';

/** A fact's name: its 事项名称 in Chinese, its type (what an API client sends) in English. */
export function eventTitle(type: string, lang: Lang = 'zh'): string {
  return lang === 'en' ? type : (EVENT_LABELS[type as keyof typeof EVENT_LABELS] ?? type);
}

type P = Record<string, RefusalParam | undefined>;
type Words = (p: P, basis: string) => string;

const str = (v: RefusalParam | undefined): string =>
  v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
const list = (v: RefusalParam | undefined): readonly string[] =>
  Array.isArray(v) ? v : v === undefined ? [] : [String(v)];
/** “签订合同”: a fact named as the person who records it sees it. */
const q = (type: RefusalParam | undefined) => `“${eventTitle(str(type))}”`;
const cite = (basis: string) => (basis ? `（${basis}）` : '');

const ROLES_ZH: Record<string, string> = { department: '部门', operator: '局经办人员', admin: '系统管理员' };
const FIELDS_ZH: Record<string, string> = {
  year: '报告所属年度',
  obligation: '要延期的事项',
  until: '延期后的截止日期',
  effectiveOn: '终止生效日期',
  reason: '原因',
  amount: '变更金额（元，不小于 0 的数字）',
  newTotal: '变更后的总投资（元，不小于 0 的数字）',
};
const FIELDS_EN: Record<string, (type: string) => string> = {
  year: () => `annual-report.submitted needs "year", the report's year`,
  obligation: () => 'extension.granted needs "obligation", the key of the obligation extended',
  until: () => 'extension.granted needs "until", the new due date',
  effectiveOn: () => 'termination.requested needs "effectiveOn", the day it takes effect',
  reason: (type) => `${type} needs a "reason"`,
  amount: () => 'change.requested needs "amount", the change in yuan (a number ≥ 0)',
  newTotal: () => 'change.requested needs "newTotal", the new total in yuan (a number ≥ 0)',
};

/** Chinese: what is wrong, the article, and what to do next. */
const ZH: Record<RefusalCode, Words> = {
  'unknown-event-type': (p) =>
    `未知的事实类型「${str(p.type)}」，请使用以下类型之一：${list(p.known).join('、')}`,
  'invalid-date': (p) =>
    `「${str(p.field)}」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：${p.value ?? '（缺少）'}`,
  'in-future': (p) =>
    `${q(p.type)}的日期 ${str(p.on)} 晚于今天（${str(p.asOf)}），不能登记尚未发生的事实，请在事实发生后再登记`,
  'not-permitted': (p) =>
    `${ROLES_ZH[str(p.role)] ?? str(p.role)}无权登记${q(p.type)}，该事实由${list(p.by)
      .map((r) => ROLES_ZH[r] ?? r)
      .join('、')}登记`,
  terminated: (p) => `项目已于 ${str(p.effectiveOn)} 终止，此后不能再登记任何事实`,
  'missing-field': (p) =>
    `${q(p.type)}缺少「${str(p.field)}」（${FIELDS_ZH[str(p.field)] ?? str(p.field)}），请补充后再登记`,
  'not-boolean': (p) => `「${str(p.field)}」只能是 true 或 false`,
  'already-recorded': (p) => `${q(p.type)}已于 ${str(p.on)} 登记（事件 ${str(p.index)}），不能重复登记`,
  requires: (p, basis) =>
    `尚未登记${q(p.required)}，不能登记${q(p.type)}：请先登记${q(p.required)}${cite(basis)}，再登记${q(p.type)}；${q(p.required)}的日期应不晚于 ${str(p.on)}`,
  'requires-any': (p, basis) =>
    `尚未登记${list(p.options).map(q).join('或')}，不能登记${q(p.type)}：请先登记其中之一${cite(basis)}，再登记${q(p.type)}`,
  'refused-after': (p) =>
    `${str(p.on)} 已登记${q(p.blocking)}（事件 ${str(p.index)}），此后不能再登记${q(p.type)}`,
  'annual-report-duplicate': (p) =>
    `${str(p.year)} 年度报告已于 ${str(p.on)} 登记（事件 ${str(p.index)}），不能重复登记`,
  'annual-report-future-year': (p) =>
    `不能在 ${str(p.submittedIn)} 年提交 ${str(p.year)} 年度的报告，请核对报告年度`,
  'effective-before-request': (p) =>
    `终止生效日期 ${str(p.effectiveOn)} 早于申请日期 ${str(p.on)}，请把生效日期改为申请当日或之后`,
  'already-paused': (p) => `项目自 ${str(p.since)} 起已暂停，不能重复暂停`,
  'not-paused': () => '项目没有暂停，无需恢复',
  'no-such-obligation': (p) =>
    `${str(p.on)} 项目没有事项「${str(p.obligation)}」，无法延期` +
    (list(p.keys).length ? `；现有事项：${list(p.keys).join('、')}` : ''),
  'obligation-already-met': (p) => `事项「${str(p.obligation)}」已于 ${str(p.on)} 办结，无需延期`,
  'no-due-date': (p) => `事项「${str(p.obligation)}」没有截止日期，无法延期`,
  'extension-not-later': (p) =>
    `延期后的日期 ${str(p.until)} 不晚于当前截止日期 ${str(p.dueOn)}，请填写更晚的日期`,
  'too-early': (p, basis) =>
    `“${str(p.title)}”自 ${str(p.opensOn)} 起才能办理${cite(basis)}；${str(p.on)} 登记${q(p.type)}过早，请在 ${str(p.opensOn)} 或之后再登记`,
  'before-trigger': (p, basis) =>
    `${basis}：「${str(p.key)}」自 ${str(p.triggerOn)}（${eventTitle(str(p.trigger))}）起才需要办理；${str(p.on)} 的「${eventTitle(str(p.type))}」早于此，不能办结它，请核对日期`,
  'meets-nothing': (p) =>
    `「${eventTitle(str(p.type))}」（${str(p.on)}${p.year !== undefined ? `，${str(p.year)} 年度` : ''}）没有可以办结的事项：对应事项尚未产生或已经办结（${list(p.bases).join('、')}），请核对事实与日期`,
  'acceptance-not-ready': (_p, basis) =>
    `须初步验收通过、且试运行达到稳定状态满 20 个工作日后，方可提交竣工验收申请${cite(basis)}：请先登记“初步验收通过”和“试运行达到稳定状态”，满 20 个工作日后再登记“提交竣工验收申请”`,
  'no-failed-acceptance': (_p, basis) =>
    `没有等待整改的未通过验收${cite(basis)}：请先核对是否已登记“竣工验收未通过”或“初步验收未通过”，再登记“整改完成”`,
  'rectification-outstanding': (p, basis) =>
    `${str(p.on)} 的${q(p.failure)}尚未整改${cite(basis)}：请先登记“整改完成”，再重新组织验收`,
  'key-project-trial-run': (_p, basis) =>
    `重点类项目须试运行满 2 个月后方可申请竣工验收${cite(basis)}：请在“开始试运行”满 2 个月后再登记“提交竣工验收申请”`,
  'termination-notice': (p, basis) =>
    `停用或终止应至少提前 1 个月报备${cite(basis)}：生效日期 ${str(p.effectiveOn)} 早于 ${str(p.earliest)}，请把生效日期改为 ${str(p.earliest)} 或之后`,
  'use-before-acceptance': (_p, basis) =>
    `未经验收或验收不合格的项目不得投入使用${cite(basis)}：请先登记“竣工验收通过”，再登记“投入运行”`,
  'self-evaluation-after-acceptance': (_p, basis) =>
    `绩效自评价在项目竣工验收并投入使用后 12 至 24 个月内开展${cite(basis)}：请先登记“竣工验收通过”和“投入运行”，满 12 个月后再登记“提交自评价报告”`,
  'self-evaluation-after-operation': (_p, basis) =>
    `绩效自评在系统投入运行后 12 至 24 个月内开展${cite(basis)}：请先登记“投入运行”，满 12 个月后再登记“提交自评价报告”`,
  'policy-error': (p) => str(p.message),
};

/** English: the texts the API answered before it spoke Chinese, kept word for word. */
const EN: Record<RefusalCode, Words> = {
  'unknown-event-type': (p) => `unknown event type "${str(p.type)}"; known: ${str(p.known)}`,
  'invalid-date': (p) =>
    `"${str(p.field)}" is not a valid date (a real date as YYYY-MM-DD): ${p.value ?? '(missing)'}`,
  'in-future': (p) => `${str(p.type)} on ${str(p.on)} is in the future (after ${str(p.asOf)})`,
  'not-permitted': (p) => `a ${str(p.role)} may not record ${str(p.type)}; it is recorded by: ${str(p.by)}`,
  terminated: (p) =>
    `the project was terminated on ${str(p.effectiveOn)}; nothing can be recorded after that`,
  'missing-field': (p) => FIELDS_EN[str(p.field)]?.(str(p.type)) ?? `${str(p.type)} needs "${str(p.field)}"`,
  'not-boolean': (p) => `"${str(p.field)}" must be true or false`,
  'already-recorded': (p) => `${str(p.type)} was already recorded on ${str(p.on)} (event ${str(p.index)})`,
  requires: (p) => `${str(p.type)} needs ${str(p.required)} to be recorded first (on or before ${str(p.on)})`,
  'requires-any': (p) => `${str(p.type)} needs one of ${str(p.options)} to be recorded first`,
  'refused-after': (p) =>
    `${str(p.type)} cannot follow ${str(p.blocking)} of ${str(p.on)} (event ${str(p.index)})`,
  'annual-report-duplicate': (p) =>
    `the ${str(p.year)} annual report was already recorded on ${str(p.on)} (event ${str(p.index)})`,
  'annual-report-future-year': (p) =>
    `a report for ${str(p.year)} cannot be submitted in ${str(p.submittedIn)}`,
  'effective-before-request': (p) =>
    `effectiveOn ${str(p.effectiveOn)} is before the request's own day ${str(p.on)}`,
  'already-paused': (p) => `the project is already paused since ${str(p.since)}`,
  'not-paused': () => 'the project is not paused',
  'no-such-obligation': (p) =>
    `no obligation "${str(p.obligation)}" exists on ${str(p.on)}` +
    (list(p.keys).length ? `; the project has: ${str(p.keys)}` : ''),
  'obligation-already-met': (p) => `${str(p.obligation)} was already met on ${str(p.on)}`,
  'no-due-date': (p) => `${str(p.obligation)} has no due date to extend`,
  'extension-not-later': (p) =>
    `until ${str(p.until)} is not later than the current due date ${str(p.dueOn)}`,
  'too-early': (p, basis) =>
    `${basis}: ${str(p.key)} opens on ${str(p.opensOn)}; ${str(p.type)} on ${str(p.on)} is too early`,
  'before-trigger': (p, basis) =>
    `${basis}: ${str(p.key)} is owed only from ${str(p.triggerOn)} (${str(p.trigger)}); ${str(p.type)} on ${str(p.on)} is earlier and cannot meet it; check the date`,
  'meets-nothing': (p) =>
    `${str(p.type)} (${str(p.on)}${p.year !== undefined ? `, year ${str(p.year)}` : ''}) meets no obligation: none has arisen yet or it was already met (${str(p.bases)}); check the facts and dates`,
  'acceptance-not-ready': (_p, basis) =>
    `${basis}: apply for completion acceptance only after preliminary acceptance has passed and the trial run has been stable for 20 working days`,
  'no-failed-acceptance': (_p, basis) => `${basis}: no failed acceptance is waiting for rectification`,
  'rectification-outstanding': (p, basis) =>
    `${basis}: the ${str(p.failure)} of ${str(p.on)} must be rectified (rectification.completed) before acceptance is held again`,
  'key-project-trial-run': (_p, basis) =>
    `${basis}: a key project applies for completion acceptance after two months of trial run`,
  'termination-notice': (p, basis) =>
    `${basis}: termination must be reported at least one month ahead; effectiveOn ${str(p.effectiveOn)} is before ${str(p.earliest)}`,
  'use-before-acceptance': (_p, basis) =>
    `${basis}: a project may not be put into use before it has passed acceptance`,
  'self-evaluation-after-acceptance': (_p, basis) =>
    `${basis}: self-evaluation is done 12 to 24 months after the project has passed acceptance and been put into use`,
  'self-evaluation-after-operation': (_p, basis) =>
    `${basis}: self-evaluation is done 12 to 24 months after the system is put into operation`,
  'policy-error': (p) => str(p.message),
};

/** A refusal in words; an unknown code (from a newer engine) falls back to the code itself. */
export function renderRefusal(refusal: Refusal, lang: Lang = 'zh'): string {
  const words = (lang === 'en' ? EN : ZH)[refusal.code];
  // Chinese text names the regulation by its Chinese title; English keeps the pack's short name.
  const basis = refusal.basis ?? '';
  return words ? words(refusal.params, lang === 'en' ? basis : citationOf(basis)) : refusal.code;
}
