/** Every update, signal and query a project's workflow answers, declared once for workflow and clients. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  EvaluateOutput,
  IncidentInput,
  IncidentStep,
  ProjectRecord,
  ProjectStatus,
  RecordedFact,
} from '../activities/types';
import type { EvaluationResult, IsoDate, ProjectEvent } from '../domain';

export const TASK_QUEUE = 'deadline-keeper';

export const projectWorkflowId = (projectId: string) => `project-${projectId}`;

export interface RecordEventInput {
  /** A fact of spec §2; `actor` is taken from the input's actor, not the event. */
  event: Omit<ProjectEvent, 'actor'>;
  actor: Actor;
}

export interface AdminActInput {
  actor: Actor;
  reason: string;
}

export interface TerminateInput extends AdminActInput {
  /** The day the termination takes effect; today when absent (Jinhu 第三十八条 needs a month's notice). */
  effectiveOn?: IsoDate;
}

export interface GrantExtensionInput {
  actor: Actor;
  obligation: string;
  until: IsoDate;
  reason?: string;
}

/** What every update returns: the fact recorded and the project's obligations after it. */
export interface UpdateResult {
  factIndex: number;
  status: ProjectStatus;
  obligations: EvaluationResult['obligations'];
  requirements: EvaluationResult['requirements'];
  changes: EvaluationResult['changes'];
}

export interface CalendarChange {
  year: number;
  reason: string;
}

export interface ProjectView {
  project: ProjectRecord;
  status: ProjectStatus;
  facts: RecordedFact[];
  evaluation: EvaluationResult | null;
  nextWakeup: EvaluateOutput['wakeups'][number] | null;
  /** A step that failed past its retries and waits for an administrator (absent before incidents existed). */
  incident?: IncidentInput | null;
}

export interface RetryIncidentInput {
  actor: Actor;
  incidentId: string;
}

export const recordEventUpdate = defineUpdate<UpdateResult, [RecordEventInput]>('recordEvent');
export const pauseUpdate = defineUpdate<UpdateResult, [AdminActInput]>('pause');
export const resumeUpdate = defineUpdate<UpdateResult, [AdminActInput]>('resume');
export const terminateUpdate = defineUpdate<UpdateResult, [TerminateInput]>('terminate');
export const grantExtensionUpdate = defineUpdate<UpdateResult, [GrantExtensionInput]>('grantExtension');
/**
 * Sent with the start (update-with-start): answers once the first evaluation is recorded, so registration
 * returns the project's obligations without polling. The same update id twice answers the same.
 */
export const registeredUpdate = defineUpdate<UpdateResult, []>('registered');
export const statusQuery = defineQuery<ProjectView>('status');
/** An administrator runs an incident's failed step again (the cause fixed); refused for any other id. */
export const retryIncidentUpdate = defineUpdate<{ step: IncidentStep }, [RetryIncidentInput]>(
  'retryIncident',
);
export interface CorrectFactInput {
  actor: Actor;
  /** The correction request's id: its 【更正】 notices are named after it. */
  correctionId: string;
  /** The fact's idempotency key: its index shifts when an earlier fact is withdrawn. */
  factKey: string;
  kind: 'date' | 'withdraw';
  /** The corrected date, for kind `date`. */
  on?: IsoDate;
  reason: string;
}

/**
 * The bureau corrects a fact recorded wrong (its date) or withdraws it. The validator runs the engine on
 * the corrected facts and refuses, with the engine's reason, a history that would no longer hold.
 */
export const correctFactUpdate = defineUpdate<UpdateResult, [CorrectFactInput]>('correctFact');
export const calendarChangedSignal = defineSignal<[CalendarChange]>('calendarChanged');

/** A department filed its plan: the yearly cycle looks again at once, and closes when all have. */
export const planFiledSignal = defineSignal<[{ departmentId: string }]>('planFiled');

export interface PlanCycleView {
  policyId: string;
  planYear: number;
  dueOn: IsoDate | null;
  departments: { id: string; filedOn: IsoDate | null }[];
  nextWakeupAt: number | null;
  incident?: IncidentInput | null;
}

export const planCycleQuery = defineQuery<PlanCycleView>('planCycle');

export const planCycleWorkflowId = (policyId: string, planYear: number) =>
  `plan-cycle-${policyId}-${planYear}`;

/** The Temporal Schedule that opens a regulation's yearly plan-filing cycle. */
export const planScheduleId = (policyId: string) => `plan-filing-${policyId}`;

/** The id the schedule starts each cycle under (Temporal appends the scheduled time). */
export const planCycleSchedulePrefix = (policyId: string) => `plan-cycle-${policyId}`;
