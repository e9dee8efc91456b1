import type { IsoDate } from '../calendar';
import type { ReminderPolicy } from './reminders';
import type {
  ChangePath,
  EventType,
  Fact,
  ProjectAttributes,
  ProjectEvent,
  Requirement,
} from '../engine/types';
import type { Refusal, RefusalCode } from '../engine/refusal';

/** How a date is derived from facts; the engine turns it into a date and an explanation. */
export type DateSpec =
  | { kind: 'working-days'; from: IsoDate; days: number; after: string }
  | { kind: 'months'; from: IsoDate; months: number; after: string }
  | { kind: 'fixed'; date: IsoDate; label: string }
  | { kind: 'not-before'; spec: DateSpec; date: IsoDate; because: string };

/** What a rule sees: the project and the facts accepted so far, oldest first. */
export interface RuleContext {
  project: ProjectAttributes;
  facts: readonly Fact[];
  /** The day the engine is judging (asOf, or the day of the fact being checked). */
  today: IsoDate;
  first(type: EventType): Fact | undefined;
  all(type: EventType): Fact[];
}

/** One obligation instance a rule derives from the facts. */
export interface ObligationDraft {
  key: string;
  /** null: the obligation exists from registration (plan filing). */
  trigger: Fact | null;
  opens?: DateSpec;
  due?: DateSpec;
  /** Which facts of the rule's `metBy` type meet this instance (default: any). */
  matches?: (fact: Fact) => boolean;
}

export interface ObligationRule {
  /** The base key; instances may carry a suffix (annual-report.2024, rectification.2). */
  key: string;
  title: string;
  basis: string;
  metBy: EventType;
  /**
   * Recording `metBy` needs an existing instance of this obligation; `code` says why it was refused
   * (worded by domain/i18n, citing `basis`). Without a gate the meeting fact is accepted even where no
   * instance exists.
   */
  gate?: { code: RefusalCode; appliesTo?: (project: ProjectAttributes) => boolean };
  derive(ctx: RuleContext): ObligationDraft[];
}

export interface RequirementRule extends Requirement {
  applies(project: ProjectAttributes): boolean;
}

export interface ChangeRequest {
  amount: number;
  newTotal: number;
  brandChange: boolean;
  goalsChanged: boolean;
}

export interface ChangeRule {
  basis: string;
  decide(change: ChangeRequest, approvedTotal: number): { path: ChangePath; reason: string };
}

/** A policy-specific condition on recording a fact; returns the refusal (cited with `basis`), or null. */
export interface EventCheck {
  type: EventType;
  basis: string;
  check(event: ProjectEvent, ctx: RuleContext): Refusal | null;
}

/** A yearly plan-filing rule: the plan for year Y is filed by month/day of Y−1. */
export interface AnnualPlanRule {
  month: number;
  day: number;
  basis: string;
  label: string;
}

export interface PolicyPack {
  id: string;
  /** Bumped when a rule changes meaning; recorded with every project started under the pack. */
  version: string;
  /** English short name used in citations: "Shandong 第十三条". */
  shortName: string;
  /** The regulation's title. */
  name: string;
  jurisdiction: string;
  level: 'province' | 'city' | 'county';
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
  draft: boolean;
  /** Articles that let the bureau suspend a project (spec §3, last note). */
  pauseBasis: string[];
  /** Projects must say whether they are key (重点类) or general (一般类). */
  requiresCategory?: boolean;
  obligations: readonly ObligationRule[];
  /** The fact after which no new obligation can arise: with every obligation met, the project is complete. */
  lifecycleEnd: EventType;
  /** The yearly plan-filing rule, if the regulation has one; drives the yearly filing cycle. */
  annualPlan?: AnnualPlanRule;
  /** Reminder rhythm; DEFAULT_REMINDERS when absent. */
  reminders?: ReminderPolicy;
  requirements: readonly RequirementRule[];
  change: ChangeRule;
  checks: readonly EventCheck[];
}
