/**
 * One project, one workflow, for its whole life: it records facts through validated updates, sleeps until
 * the next instant something changes (an obligation opens, a reminder is due, a due day ends), writes
 * reminders to the outbox and keeps the read model current. Dates come from the evaluate activity.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Actor, RecordedFact } from '../activities/types';
import { selectDue, shanghaiDateOf, type ProjectEvent } from '../domain';
import {
  calendarChangedSignal,
  recordEventUpdate,
  registeredUpdate,
  retryIncidentUpdate,
  statusQuery,
  UpdateResult,
} from './messages';
import { installCorrections } from './fact-correction';
import { installControls } from './project-controls';
import { IncidentGate, stepFailure } from './incident-gate';
import {
  CarriedState,
  eventsOf,
  factRejected,
  ProjectWorkflowInput,
  refusal,
  rejectedFact,
  remember,
  statusOf,
} from './project-state';
import { background, forFact, legacy, ONE_ACTIVITY_PER_FACT, RefreshOptions } from './project-steps';

export async function projectLifecycle(input: ProjectWorkflowInput): Promise<UpdateResult['status']> {
  const { project } = input;
  const state: CarriedState = input.carried ?? {
    facts: [...(input.history ?? [])],
    applied: {},
    handledUntil: Date.now(),
    last: null,
  };
  let replan = false;
  let calendarChanged = false;
  /** A fact was refused after its step failed: the read model may hold part of it. */
  let resync = false;
  let busy = false;
  /** The first evaluation is in the read model (always so for a run continued as new). */
  let registered = state.last !== null;
  const gate = new IncidentGate(
    { subject: project.name, projectId: project.id, departmentId: project.departmentId },
    background.openIncident,
  );
  const ended = () => Boolean(state.last?.result.lifecycle.completed);

  /** One evaluation-and-projection at a time, so the read model never goes back to an older state. */
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }

  const previousDates = () =>
    state.last?.result.obligations.map(({ key, opensOn, dueOn }) => ({ key, opensOn, dueOn }));

  /** Evaluation, read model and outbox in one activity, the evaluation stored once (as its result). */
  async function refreshOnce(options: RefreshOptions, activity = background): Promise<void> {
    const previous = previousDates();
    const now = Date.now();
    const after = options.due ? now : state.handledUntil;
    state.last = await activity.refreshProject({
      project,
      facts: state.facts,
      asOf: shanghaiDateOf(now),
      after,
      writtenAt: now,
      ...(options.tellMoves && previous ? { previous } : {}),
      ...(options.announceOverdue ? { now } : {}),
      ...(options.due ? { due: options.due } : {}),
      ...(options.candidate !== undefined ? { candidate: options.candidate } : {}),
      ...(options.correction ? { correction: options.correction } : {}),
    });
    state.handledUntil = after;
  }

  /** As histories recorded before ONE_ACTIVITY_PER_FACT did it: three activities, the evaluation twice. */
  async function refresh(
    options: RefreshOptions = {},
    { evaluateProject, projectState, writeNotifications } = legacy.steps,
  ): Promise<void> {
    if (patched(ONE_ACTIVITY_PER_FACT)) return refreshOnce(options);
    const previous = previousDates();
    const now = Date.now();
    state.last = await evaluateProject({
      policyId: project.policyId,
      attributes: project.attributes,
      events: eventsOf(state.facts),
      asOf: shanghaiDateOf(now),
      after: state.handledUntil,
      ...(options.tellMoves && previous ? { previous } : {}),
      ...(options.announceOverdue ? { now } : {}),
    });
    await projectState({
      project,
      facts: state.facts,
      result: state.last.result,
      status: statusOf(state.last),
    });
    if (state.last.moved.length > 0) {
      await writeNotifications({ project, items: state.last.moved, writtenAt: now });
    }
    if (state.last.catchUp?.length) {
      await writeNotifications({ project, items: state.last.catchUp, writtenAt: now });
    }
  }

  function validate(event: Omit<ProjectEvent, 'actor'>, actor: Actor): void {
    const key = currentUpdateInfo()?.id;
    if (key && state.applied[key]) return; // a retry: the handler answers with the first result
    const candidate: RecordedFact = {
      event: event as ProjectEvent,
      actor,
      idempotencyKey: key ?? '',
      recordedAt: Date.now(),
    };
    const refused = refusal(project, state.facts, candidate, state.last?.notices ?? [], Date.now());
    if (refused) throw factRejected(refused);
  }

  /** An update's answer: the fact's index and the project as it stands now. */
  function answer(factIndex: number): UpdateResult {
    return {
      factIndex,
      status: statusOf(state.last),
      obligations: state.last?.result.obligations ?? [],
      requirements: state.last?.result.requirements ?? [],
      changes: state.last?.result.changes ?? [],
    };
  }

  async function record(event: Omit<ProjectEvent, 'actor'>, actor: Actor): Promise<UpdateResult> {
    const key = currentUpdateInfo()?.id ?? `${workflowInfo().runId}-${state.facts.length}`;
    const earlier = state.applied[key];
    if (earlier) return answer(earlier.factIndex);
    return exclusive(async () => {
      const fact: RecordedFact = {
        event: event as ProjectEvent,
        actor,
        idempotencyKey: key,
        recordedAt: Date.now(),
      };
      const before = state.last;
      state.facts.push(fact);
      const index = state.facts.length - 1;
      const once = patched(ONE_ACTIVITY_PER_FACT);
      try {
        if (once) await refreshOnce({ announceOverdue: true, candidate: index }, forFact);
        else await refresh({ announceOverdue: true }, legacy.factSteps);
      } catch (error) {
        const failure = stepFailure(error);
        if (!failure) throw error;
        // Refused rather than half-recorded; whatever part reached the read model is projected over.
        state.facts.pop();
        state.last = before;
        resync = true;
        throw ApplicationFailure.nonRetryable(
          `未能记录该事实，项目保持原状：${failure.message}`,
          'FactNotRecorded',
        );
      }
      const refused = state.last?.result.rejected.find((r) => r.event === index);
      if (refused) {
        // The validator's check passed but the authoritative evaluation refused it (e.g. rules changed).
        // One activity wrote nothing for it, so the state before stands; three had projected it.
        state.facts.pop();
        if (once) state.last = before;
        else await refresh();
        throw factRejected(rejectedFact(refused));
      }
      const result = answer(index);
      remember(state.applied, key, result);
      replan = true;
      return result;
    });
  }

  setHandler(recordEventUpdate, ({ event, actor }) => record(event, actor), {
    validator: ({ event, actor }) => validate(event, actor),
  });
  installControls({ validate, record });
  setHandler(retryIncidentUpdate, () => gate.retry(), {
    validator: ({ actor, incidentId }) => {
      if (actor.role !== 'admin') throw new Error('只有管理员可以重试故障（incident）');
      gate.validateRetry(incidentId);
    },
  });
  setHandler(registeredUpdate, async () => {
    // A first evaluation that failed into an incident answers too: the registration is there, and the
    // incident list says what holds it.
    await condition(() => registered || gate.open !== null);
    return answer(state.facts.length - 1);
  });
  installCorrections({
    project,
    state,
    exclusive,
    refresh: (options) => refreshOnce(options, forFact),
    answer,
    replan: () => (replan = true),
    resync: () => (resync = true),
  });
  setHandler(calendarChangedSignal, () => {
    calendarChanged = true;
  });
  setHandler(statusQuery, () => ({
    project,
    status: statusOf(state.last),
    facts: state.facts,
    evaluation: state.last?.result ?? null,
    nextWakeup: state.last?.wakeups.find((w) => w.at > state.handledUntil) ?? null,
    incident: gate.open,
  }));

  if (!state.last) {
    const announceOverdue = input.source?.kind !== 'import';
    await gate.run('registration', () => exclusive(() => refresh({ announceOverdue })));
  }
  registered = true;

  while (!state.last?.result.lifecycle.completed) {
    const next = state.last?.wakeups.find((w) => w.at > state.handledUntil);
    const woken = next
      ? await condition(() => replan || calendarChanged || resync, Math.max(1, next.at - Date.now()))
      : (await condition(() => replan || calendarChanged || resync), true);
    if (!woken) {
      const wakeUp = async () => {
        const now = Date.now();
        const due = selectDue(state.last?.wakeups ?? [], state.handledUntil, now);
        if (patched(ONE_ACTIVITY_PER_FACT)) return refreshOnce({ due });
        if (due.length > 0) await legacy.steps.writeNotifications({ project, items: due, writtenAt: now });
        state.handledUntil = now;
        await refresh();
      };
      await gate.run('wake-up', () => exclusive(wakeUp), ended);
    } else if (calendarChanged) {
      calendarChanged = false;
      resync = false;
      await gate.run('calendar', () => exclusive(() => refresh({ tellMoves: true })), ended);
    } else if (resync) {
      resync = false;
      await gate.run('projection', () => exclusive(() => refresh()), ended);
    }
    replan = false;
    const info = workflowInfo();
    if (
      info.continueAsNewSuggested ||
      (input.historyLimit !== undefined && info.historyLength > input.historyLimit)
    ) {
      await condition(() => allHandlersFinished() && !busy);
      return continueAsNew<typeof projectLifecycle>({ ...input, carried: state });
    }
  }
  await condition(allHandlersFinished);
  return statusOf(state.last);
}
