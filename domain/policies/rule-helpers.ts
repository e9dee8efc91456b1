import { fromParts, IsoDate, yearOf } from '../calendar';
import type { EventType, Fact } from '../engine/types';
import type { AnnualPlanRule, DateSpec, ObligationRule, RequirementRule, RuleContext } from './types';

export const monthsAfter = (fact: Fact, months: number): DateSpec => ({
  kind: 'months',
  from: fact.on,
  months,
  after: fact.type,
});

export const workingDaysAfter = (fact: Fact, days: number): DateSpec => ({
  kind: 'working-days',
  from: fact.on,
  days,
  after: fact.type,
});

export const fixedDate = (date: IsoDate, label: string): DateSpec => ({ kind: 'fixed', date, label });

/** An obligation that arises once, when `trigger` is recorded. */
export function onFact(
  rule: Omit<ObligationRule, 'derive'>,
  trigger: EventType,
  dates: (fact: Fact, ctx: RuleContext) => { opens?: DateSpec; due?: DateSpec },
): ObligationRule {
  return {
    ...rule,
    derive(ctx) {
      const fact = ctx.first(trigger);
      return fact ? [{ key: rule.key, trigger: fact, ...dates(fact, ctx) }] : [];
    },
  };
}

/** The yearly plan filing for the project's plan year, due on a fixed day of the year before. */
export function planFiling(rule: AnnualPlanRule): ObligationRule {
  return {
    key: 'plan.filing',
    title: PLAN_FILING_TITLE,
    basis: rule.basis,
    metBy: 'plan.filed',
    derive: (ctx) => [
      {
        key: 'plan.filing',
        trigger: null,
        due: fixedDate(planDueDate(rule, ctx.project.planYear), rule.label),
      },
    ],
  };
}

export const PLAN_FILING_TITLE = '年度计划申报';

/** The last day to file the plan for `planYear`, before 第203条's roll-forward. */
export function planDueDate(rule: AnnualPlanRule, planYear: number): IsoDate {
  return fromParts(planYear - 1, rule.month, rule.day);
}

/**
 * A year-end report for every year from the contract's year to the current one, until the year
 * acceptance passes (Shandong 第十六条, Wuhan 第二十条).
 */
export function annualReports(basis: string, title: string): ObligationRule {
  return {
    key: 'annual-report',
    title,
    basis,
    metBy: 'annual-report.submitted',
    derive(ctx) {
      const contract = ctx.first('contract.signed');
      if (!contract) return [];
      const passed = ctx.first('acceptance.passed');
      const drafts = [];
      for (let year = yearOf(contract.on); year <= yearOf(ctx.today); year++) {
        const yearEnd = fromParts(year, 12, 31);
        if (passed && passed.on <= yearEnd) break;
        drafts.push({
          key: `annual-report.${year}`,
          trigger: contract,
          due: fixedDate(yearEnd, `${year}年12月31日（年底前）`),
          matches: (f: Fact) => f.year === year,
        });
      }
      return drafts;
    },
  };
}

/** Requirement rules read as a table: key, title, basis, condition. */
export function requirement(
  key: string,
  title: string,
  basis: string,
  applies: RequirementRule['applies'],
): RequirementRule {
  return { key, title, basis, applies };
}

/** `amount` ≤ `percent` % of `total`, in exact integer arithmetic on yuan. */
export function withinPercent(amount: number, total: number, percent: number): boolean {
  return amount * 100 <= total * percent;
}

export function formatYuan(amount: number): string {
  const [whole, fraction] = String(amount).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction ? `.${fraction}` : ''} 元`;
}
