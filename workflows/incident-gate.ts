/**
 * Incidents inside a workflow, as Camunda Operate has them: a step whose activity failed past its retries
 * is not retried forever, nor does it crash the workflow. It opens an incident (recorded by an activity,
 * shown by the `status` query) and waits for an administrator's `retryIncident`, then runs the step again.
 * While it waits the workflow's other handlers keep answering.
 */
import { ActivityFailure, ApplicationFailure, condition, uuid4, workflowInfo } from '@temporalio/workflow';
import type { IncidentInput, IncidentStep } from '../activities/types';

export interface StepFailure {
  type: string;
  message: string;
  attempts: number;
}

/** What a failed activity tells: its failure type, message and the attempts it made; null for anything else. */
export function stepFailure(error: unknown): StepFailure | null {
  if (!(error instanceof ActivityFailure)) return null;
  const cause = error.cause;
  const detail = cause instanceof ApplicationFailure ? (cause.details?.[0] as { attempt?: unknown }) : null;
  return {
    type: cause instanceof ApplicationFailure ? (cause.type ?? 'Error') : (cause?.name ?? 'ActivityFailure'),
    message: cause?.message ?? error.message,
    attempts: typeof detail?.attempt === 'number' ? detail.attempt : 1,
  };
}

/** How often an incident the database could not take is offered to it again. */
const RECORD_AGAIN_EVERY = '10 minutes';

export class IncidentGate {
  private incident: IncidentInput | null = null;
  private retried = false;

  constructor(
    private readonly subject: Pick<IncidentInput, 'subject' | 'projectId' | 'departmentId'>,
    private readonly openIncident: (incident: IncidentInput) => Promise<void>,
  ) {}

  get open(): IncidentInput | null {
    return this.incident;
  }

  /**
   * Runs `step` until it succeeds, or until `settled` says it no longer matters (the project ended while
   * the incident waited). Anything but an activity failure is a bug and fails the workflow task as before.
   */
  run<T>(step: IncidentStep, fn: () => Promise<T>): Promise<T>;
  run<T>(step: IncidentStep, fn: () => Promise<T>, settled: () => boolean): Promise<T | undefined>;
  async run<T>(
    step: IncidentStep,
    fn: () => Promise<T>,
    settled: () => boolean = () => false,
  ): Promise<T | undefined> {
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        const failure = stepFailure(error);
        if (!failure) throw error;
        await this.wait(step, failure, settled);
        if (settled()) return undefined;
      }
    }
  }

  /** The administrator's retry; refused unless `id` is the incident waiting now. */
  validateRetry(id: string): void {
    if (!this.incident || this.incident.id !== id || this.retried) {
      throw ApplicationFailure.nonRetryable(
        `该项目没有编号为 ${id} 的待处理故障（可能已重试或已解决）`,
        'NoSuchIncident',
      );
    }
  }

  retry(): { step: IncidentStep } {
    const step = (this.incident as IncidentInput).step;
    this.retried = true;
    return { step };
  }

  private async wait(step: IncidentStep, failure: StepFailure, settled: () => boolean): Promise<void> {
    const incident: IncidentInput = {
      id: uuid4(),
      workflowId: workflowInfo().workflowId,
      ...this.subject,
      step,
      errorType: failure.type,
      error: failure.message,
      attempts: failure.attempts,
      openedAt: Date.now(),
    };
    this.incident = incident;
    this.retried = false;
    let recorded = false;
    const released = () => this.retried || settled();
    while (!released()) {
      if (!recorded) recorded = await this.record(incident);
      if (recorded) await condition(released);
      else await condition(released, RECORD_AGAIN_EVERY);
    }
    this.incident = null;
  }

  /** The status query shows the incident either way; the oversight list needs the row, so it is retried. */
  private async record(incident: IncidentInput): Promise<boolean> {
    try {
      await this.openIncident(incident);
      return true;
    } catch (error) {
      if (!stepFailure(error)) throw error;
      return false;
    }
  }
}
