import type { IsoDate, YearStatus } from '../calendar';
import type { Refusal } from './refusal';

/** Facts a project can record (spec §2). */
export const EVENT_TYPES = [
  'plan.filed',
  'project.approved',
  'change.requested',
  'contract.signed',
  'contract.filed',
  'construction.completed',
  'trial-run.started',
  'acceptance.preliminary.failed',
  'acceptance.preliminary.passed',
  'trial-run.stable',
  'acceptance.applied',
  'acceptance.failed',
  'rectification.completed',
  'acceptance.passed',
  'operation.started',
  'self-evaluation.submitted',
  'annual-report.submitted',
  'extension.granted',
  'project.paused',
  'project.resumed',
  'termination.requested',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type Role = 'department' | 'operator' | 'admin';

export type Category = 'key' | 'general';

export interface ProjectAttributes {
  planYear: number;
  investment: number;
  softwareDevelopment?: number;
  category?: Category;
  plannedAcceptanceOn?: IsoDate | null;
  /** The day the project was registered; judges whether its policy was in force (spec §5). */
  registeredOn?: IsoDate;
}

export interface ProjectEvent {
  type: EventType;
  on: IsoDate;
  year?: number;
  obligation?: string;
  until?: IsoDate;
  effectiveOn?: IsoDate;
  reason?: string;
  amount?: number;
  newTotal?: number;
  brandChange?: boolean;
  goalsChanged?: boolean;
  /** Who records it; when given, the engine checks the role may record this fact. */
  actor?: { role: Role };
}

/** An accepted event, with its position in the caller's list. */
export interface Fact extends ProjectEvent {
  index: number;
}

export interface EvaluationInput {
  project: ProjectAttributes;
  events: ProjectEvent[];
  asOf: IsoDate;
}

export type ObligationStatus = 'pending' | 'open' | 'met' | 'overdue' | 'met-late' | 'waived';

export interface DayRange {
  from: IsoDate;
  to: IsoDate;
  kind: 'weekend' | 'holiday' | 'adjusted-workday' | 'workday';
  name?: string;
  provisional?: boolean;
}

/** One step of how a date was derived; `text` says it in Chinese for the people who read it. */
export type DerivationStep = { text: string } & (
  | {
      kind: 'count-working-days';
      from: IsoDate;
      days: number;
      result: IsoDate;
      counted: DayRange[];
      skipped: DayRange[];
    }
  | { kind: 'add-months'; from: IsoDate; months: number; result: IsoDate; clamped: boolean }
  | { kind: 'fixed-date'; date: IsoDate }
  | { kind: 'not-before'; date: IsoDate; because: string; result: IsoDate }
  | { kind: 'roll-forward'; from: IsoDate; to: IsoDate; skipped: DayRange[] }
  | { kind: 'extension'; grantedOn: IsoDate; from: IsoDate | null; to: IsoDate; eventIndex: number }
  | {
      kind: 'pause';
      pausedOn: IsoDate;
      resumedOn: IsoDate | null;
      field: 'opensOn' | 'dueOn';
      remaining: number;
      unit: 'working-days' | 'calendar-days';
      from: IsoDate;
      to: IsoDate | null;
    }
  | { kind: 'pause-not-applied'; pausedOn: IsoDate; because: string }
);

export interface DateExplanation {
  rule: string;
  result: IsoDate | null;
  provisional: boolean;
  steps: DerivationStep[];
  /** Each calendar year consulted and whether its notice is loaded (official) or not (provisional). */
  calendar: YearStatus[];
}

export interface ObligationExplanation {
  trigger: { event: EventType | 'project.registered'; on: IsoDate | null; eventIndex: number | null };
  opens?: DateExplanation;
  due?: DateExplanation;
  status: string;
}

export interface Obligation {
  key: string;
  title: string;
  opensOn: IsoDate | null;
  dueOn: IsoDate | null;
  status: ObligationStatus;
  provisional: boolean;
  basis: string;
  metOn: IsoDate | null;
  metByEvent: number | null;
  extended?: { originalDueOn: IsoDate | null; until: IsoDate; grantedOn: IsoDate };
  /** The project is paused: this obligation's clock is stopped and its dates will move on resume. */
  suspended?: { since: IsoDate };
  explanation: ObligationExplanation;
}

export interface Requirement {
  key: string;
  title: string;
  basis: string;
}

export type ChangePath = 'filing' | 'approval' | 'rejected';

export interface ChangeDecision {
  event: number;
  path: ChangePath;
  basis: string;
  reason: string;
}

/** A refused event: `reason` in Chinese for people; code, params and basis to word it in another language. */
export interface RejectedEvent extends Refusal {
  event: number;
  reason: string;
}

export interface PolicyFlag {
  code: 'policy-draft' | 'policy-not-in-force';
  message: string;
}

export interface EvaluationResult {
  policy: { id: string; name: string; inForceOn: IsoDate; inForce: boolean; draft: boolean };
  obligations: Obligation[];
  requirements: Requirement[];
  changes: ChangeDecision[];
  rejected: RejectedEvent[];
  flags: PolicyFlag[];
  lifecycle: {
    /** Paused now (as of asOf): every running clock is stopped. */
    paused: boolean;
    /** The day a requested termination takes effect, if one was recorded. */
    terminatesOn: IsoDate | null;
    terminated: boolean;
    /** Nothing is left to do: terminated, or the lifecycle's last fact is recorded and every obligation is settled. */
    completed: boolean;
  };
}
