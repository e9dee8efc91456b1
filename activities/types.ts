import type {
  EvaluationResult,
  IsoDate,
  ProjectAttributes,
  ProjectEvent,
  Role,
  Wakeup,
  YearNotice,
} from '../domain';

/** Who did something: a user of the API, or the system itself. */
export interface Actor {
  id: string;
  role: Role | 'system';
  departmentId?: string;
}

export interface ProjectRecord {
  id: string;
  name: string;
  departmentId: string;
  policyId: string;
  policyVersion: string;
  attributes: ProjectAttributes;
}

/** A fact as the workflow keeps it: the event, who recorded it, and the key that makes retries safe. */
export interface RecordedFact {
  event: ProjectEvent;
  actor: Actor;
  idempotencyKey: string;
  /** Epoch ms on the workflow's clock. */
  recordedAt: number;
}

export type ProjectStatus = 'active' | 'paused' | 'terminated' | 'completed';

export interface EvaluateInput {
  policyId: string;
  attributes: ProjectAttributes;
  events: ProjectEvent[];
  asOf: IsoDate;
  /** Plan wake-ups strictly after this instant. */
  after: number;
  /** The dates of the previous evaluation, to tell the department what moved. */
  previous?: { key: string; opensOn: IsoDate | null; dueOn: IsoDate | null }[];
  /** The workflow's clock: when set, obligations already overdue come back as notices to send now. */
  now?: number;
}

export interface EvaluateOutput {
  result: EvaluationResult;
  wakeups: Wakeup[];
  moved: Wakeup[];
  /** Obligations found overdue already, to announce at once (absent in histories recorded before it existed). */
  catchUp?: Wakeup[];
  /** Notices loaded at run time (administrator uploads) that this evaluation used. */
  notices: YearNotice[];
}

export interface ProjectionInput {
  project: ProjectRecord;
  facts: RecordedFact[];
  result: EvaluationResult;
  status: ProjectStatus;
}

/**
 * One step of a project in one activity: evaluate its facts, then, in one transaction, write the due
 * outbox rows, the read model and what the evaluation announces (moved dates, obligations found overdue).
 */
export interface RefreshInput {
  project: ProjectRecord;
  facts: RecordedFact[];
  asOf: IsoDate;
  after: number;
  previous?: EvaluateInput['previous'];
  now?: number;
  /** The workflow's clock, for the outbox rows. */
  writtenAt: number;
  /** Wake-ups a timer found due, written with the rest. */
  due?: Wakeup[];
  /** The fact being recorded: if the engine refuses it, nothing is written and the refusal comes back. */
  candidate?: number;
  /** A fact being corrected: overdue notices it proves wrong are followed by a 【更正】 notice. */
  correction?: CorrectionNote;
}

/** What a correction changed, told to whoever received a notice it proved wrong. */
export interface CorrectionNote {
  id: string;
  reason: string;
  factType: ProjectEvent['type'];
  from: IsoDate;
  /** null: the fact was withdrawn. */
  to: IsoDate | null;
}

export interface NotificationInput {
  project: Pick<ProjectRecord, 'id' | 'name' | 'departmentId'>;
  items: Wakeup[];
  /** The workflow's clock when it decided to write them. */
  writtenAt: number;
}

/** The step of a workflow that can fail past its retries and wait for an administrator. */
export type IncidentStep = 'registration' | 'wake-up' | 'calendar' | 'projection' | 'plan-cycle';

/** An incident as a workflow opens it (also what its `status` query shows while it waits). */
export interface IncidentInput {
  id: string;
  workflowId: string;
  projectId?: string;
  departmentId?: string;
  subject: string;
  step: IncidentStep;
  errorType: string;
  error: string;
  attempts: number;
  /** Epoch ms on the workflow's clock. */
  openedAt: number;
}
