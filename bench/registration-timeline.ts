/**
 * Where one registration's latency goes, read from its workflow's history: the server's clock stamps
 * every event, so the spans between them are Temporal's and the worker's share; what remains of the
 * HTTP round trip is the API's own (checks, row, audit, the RPCs' network time).
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { projectWorkflowId } from '../workflows/messages';

const T = temporal.api.enums.v1.EventType;

const ms = (e: temporal.api.history.v1.IHistoryEvent | undefined): number => {
  const t = e?.eventTime;
  return t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : NaN;
};

export async function registrationTimeline(client: Client, projectId: string, httpMs: number) {
  const history = await client.workflow.getHandle(projectWorkflowId(projectId)).fetchHistory();
  const events = history.events ?? [];
  const first = (type: number, after = 0) => events.find((e) => e.eventType === type && ms(e) >= after);
  const started = first(T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
  const task1 = first(T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const scheduled = first(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
  const activityStarted = first(T.EVENT_TYPE_ACTIVITY_TASK_STARTED);
  const activityDone = first(T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  const task2 = first(T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, ms(activityDone));
  const updated = first(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
  const temporalSide = ms(updated) - ms(started);
  return {
    httpRoundTrip: httpMs,
    firstWorkflowTask: ms(task1) - ms(started),
    activityQueued: ms(activityStarted) - ms(scheduled),
    activityRun: ms(activityDone) - ms(activityStarted),
    secondWorkflowTask: ms(task2) - ms(activityDone),
    startToUpdateCompleted: temporalSide,
    apiOwnAndNetwork: httpMs - temporalSide,
    historyEvents: events.length,
  };
}
