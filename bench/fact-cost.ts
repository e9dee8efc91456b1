/**
 * What a recorded fact costs a project's history, read from the history itself so the same measure applies
 * to a live run and to a recording made by older code (the baseline of `fact-cost.bench.ts`).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ProjectRecord } from '../activities/types';
import { shanghaiDateOf } from '../domain';
import { projectLifecycle } from '../workflows';
import {
  projectWorkflowId,
  recordEventUpdate,
  registeredUpdate,
  terminateUpdate,
} from '../workflows/messages';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

export interface FactCost {
  events: number;
  workflowTasks: number;
  activities: number;
  /** The events' protobuf size: what Temporal stores and every replay reads. */
  bytes: number;
  /** Activity types scheduled for the fact, in order. */
  activityTypes: string[];
}

const bytesOf = (events: HistoryEvent[]) =>
  events.reduce((n, e) => n + temporal.api.history.v1.HistoryEvent.encode(e).finish().length, 0);

/**
 * One entry per `recordEvent` update that nothing else overlapped: from the workflow task that accepted
 * it to its completion. A fact accepted while another step was still running (the registration, a timer's
 * wake-up) is left out, since its events would carry that step's cost too.
 */
export function factCosts(events: HistoryEvent[], updateName = 'recordEvent'): FactCost[] {
  const costs: FactCost[] = [];
  let quiet = 0; // index after the last update's completion; a segment may start no earlier
  const pending = new Set<string>(); // activities scheduled and not yet closed
  events.forEach((event, i) => {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted && pending.size === 0) {
      if (accepted.acceptedRequest?.input?.name !== updateName) return;
      const updateId = accepted.protocolInstanceId;
      const end = events.findIndex(
        (e, j) => j > i && e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId,
      );
      // The workflow task that took the update: its Scheduled event is three before the acceptance.
      const start = i - 3;
      if (
        end < 0 ||
        start < quiet ||
        events[start]?.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
      )
        return;
      const segment = events.slice(start, end + 1);
      if (segment.some((e) => e.timerFiredEventAttributes || e.workflowExecutionSignaledEventAttributes))
        return;
      const scheduled = segment.filter((e) => e.activityTaskScheduledEventAttributes);
      costs.push({
        events: segment.length,
        workflowTasks: segment.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
          .length,
        activities: scheduled.length,
        bytes: bytesOf(segment),
        activityTypes: scheduled.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? ''),
      });
    }
    if (event.activityTaskScheduledEventAttributes) pending.add(String(event.eventId));
    const closed =
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes;
    if (closed) pending.delete(String(closed.scheduledEventId));
    if (event.workflowExecutionUpdateCompletedEventAttributes) quiet = i + 1;
  });
  return costs;
}

export interface CostSummary {
  facts: number;
  eventsPerFact: number;
  workflowTasksPerFact: number;
  activitiesPerFact: number;
  historyBytesPerFact: number;
}

export function summarize(costs: FactCost[]): CostSummary {
  const mean = (f: (c: FactCost) => number) =>
    costs.length ? Math.round((costs.reduce((n, c) => n + f(c), 0) / costs.length) * 10) / 10 : 0;
  return {
    facts: costs.length,
    eventsPerFact: mean((c) => c.events),
    workflowTasksPerFact: mean((c) => c.workflowTasks),
    activitiesPerFact: mean((c) => c.activities),
    historyBytesPerFact: mean((c) => c.bytes),
  };
}

export const historyBytes = bytesOf;

/** The scenario both the bench and its test run: a project registered, `facts` facts in a row, terminated. */
export async function recordFactsInARow(
  client: Client,
  taskQueue: string,
  project: ProjectRecord,
  facts: number,
): Promise<WorkflowHandle<typeof projectLifecycle>> {
  const handle = await client.workflow.start(projectLifecycle, {
    taskQueue,
    workflowId: projectWorkflowId(project.id),
    args: [{ project }],
  });
  await handle.executeUpdate(registeredUpdate, { args: [], updateId: 'registered' });
  const on = shanghaiDateOf(Date.now());
  for (let i = 0; i < facts; i++) {
    await handle.executeUpdate(recordEventUpdate, {
      args: [
        {
          event: { type: 'change.requested', on, amount: 1, newTotal: 1_000_000 },
          actor: { id: 'bench', role: 'department', departmentId: project.departmentId },
        },
      ],
      updateId: `change-${i}`,
    });
  }
  await handle.executeUpdate(terminateUpdate, {
    args: [{ actor: { id: 'bench-admin', role: 'admin' }, reason: '测量结束' }],
  });
  // Not result(): a time-skipping client's result() lets the server skip time while it waits.
  while ((await handle.describe()).status.name === 'RUNNING') await new Promise((r) => setTimeout(r, 50));
  return handle;
}
