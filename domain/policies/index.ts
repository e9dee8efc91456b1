import { jilin } from './jilin.policy';
import { jinhu } from './jinhu.policy';
import { shandong } from './shandong.policy';
import { wuhan } from './wuhan.policy';
import { yunfu } from './yunfu.policy';
import type { PolicyPack } from './types';
import { chineseCitation } from './citation';

export type {
  AnnualPlanRule,
  PolicyPack,
  ObligationRule,
  RequirementRule,
  EventCheck,
  DateSpec,
  RuleContext,
} from './types';

/** Every regulation the product enforces; a sixth is one more pack in this list. */
export const POLICIES: readonly PolicyPack[] = [jilin, wuhan, shandong, yunfu, jinhu];

const BY_ID = new Map(POLICIES.map((p) => [p.id, p]));

export function findPolicy(id: string): PolicyPack | undefined {
  return BY_ID.get(id);
}

export { jilin, wuhan, shandong, yunfu, jinhu };

/** A stored basis ("Shandong 第十三条") as a person reads it: 《山东省政务信息系统项目管理办法》第十三条. */
export const citationOf = (basis: string): string => chineseCitation(basis, POLICIES);
export {
  DEFAULT_ESCALATION_TIERS,
  DEFAULT_REMINDERS,
  type EscalationTiers,
  type ReminderPolicy,
} from './reminders';
export { planDueDate, PLAN_FILING_TITLE } from './rule-helpers';
