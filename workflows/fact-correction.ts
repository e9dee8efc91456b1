/**
 * Correcting a fact recorded wrong, inside the project's workflow: a separate module so the lifecycle
 * stays a thin orchestrator. Histories recorded before it never carry a `correctFact` update, so adding
 * the handler changes nothing on their replay.
 */
import { ApplicationFailure, currentUpdateInfo, setHandler } from '@temporalio/workflow';
import type { CorrectionNote, ProjectRecord } from '../activities/types';
import {
  correctionRefusal,
  findPolicy,
  shanghaiDateOf,
  WorkingCalendar,
  type FactCorrection,
} from '../domain';
import { stepFailure } from './incident-gate';
import { correctFactUpdate, CorrectFactInput, UpdateResult } from './messages';
import { CarriedState, eventsOf, remember } from './project-state';
import type { RefreshOptions } from './project-steps';

/** What the lifecycle lends this module: its state and its one-at-a-time refresh. */
export interface CorrectionHost {
  project: ProjectRecord;
  state: CarriedState;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** One `refreshProject` activity on the fact's (short) retry policy. */
  refresh(options: RefreshOptions): Promise<void>;
  answer(factIndex: number): UpdateResult;
  /** Timers are planned again from the new evaluation. */
  replan(): void;
  /** The read model may hold part of a failed step: project it again. */
  resync(): void;
}

const correctionOf = (input: CorrectFactInput): FactCorrection =>
  input.kind === 'withdraw' ? { kind: 'withdraw' } : { kind: 'date', on: input.on as string };

/** Validators are not replayed, so the engine may run here; a refusal leaves no trace in history. */
function validate(host: CorrectionHost, input: CorrectFactInput): void {
  const key = currentUpdateInfo()?.id;
  if (key && host.state.applied[key]) return;
  if (input.actor.role !== 'admin' && input.actor.role !== 'operator')
    throw new Error('只有局方人员（operator、admin）可以更正已记录的事实');
  if (!input.reason?.trim()) throw new Error('更正须说明原因（reason）');
  if (input.kind === 'date' && !input.on) throw new Error('更正日期须给出新的日期（on）');
  const index = host.state.facts.findIndex((f) => f.idempotencyKey === input.factKey);
  if (index < 0) throw new Error('要更正的事实不存在或已被撤回');
  const pack = findPolicy(host.project.policyId);
  if (!pack) throw new Error(`unknown policy ${host.project.policyId}`);
  const reason = correctionRefusal(
    pack,
    {
      project: host.project.attributes,
      events: eventsOf(host.state.facts),
      asOf: shanghaiDateOf(Date.now()),
    },
    index,
    correctionOf(input),
    WorkingCalendar.standard(host.state.last?.notices ?? []),
  );
  // The English travels as the failure's detail, so the API can answer in the reader's language.
  if (reason) throw ApplicationFailure.nonRetryable(reason.zh, 'CorrectionRefused', { en: reason.en });
}

async function apply(host: CorrectionHost, input: CorrectFactInput): Promise<UpdateResult> {
  const key = currentUpdateInfo()?.id ?? `correction-${input.correctionId}`;
  const earlier = host.state.applied[key];
  if (earlier) return host.answer(earlier.factIndex);
  return host.exclusive(async () => {
    const { state } = host;
    const index = state.facts.findIndex((f) => f.idempotencyKey === input.factKey);
    // Another update got in between the validator and here (it withdrew the fact first).
    if (index < 0) throw ApplicationFailure.nonRetryable('要更正的事实不存在或已被撤回', 'FactNotFound');
    const facts = state.facts;
    const before = state.last;
    const fact = facts[index]!;
    const note: CorrectionNote = {
      id: input.correctionId,
      reason: input.reason,
      factType: fact.event.type,
      from: fact.event.on,
      to: input.kind === 'withdraw' ? null : (input.on as string),
    };
    // The fact keeps its key, author and recording time: the correction's own record is elsewhere.
    state.facts =
      input.kind === 'withdraw'
        ? facts.filter((_, i) => i !== index)
        : facts.map((f, i) => (i === index ? { ...f, event: { ...f.event, on: note.to as string } } : f));
    try {
      await host.refresh({ correction: note });
    } catch (error) {
      const failure = stepFailure(error);
      if (!failure) throw error;
      state.facts = facts;
      state.last = before;
      host.resync();
      throw ApplicationFailure.nonRetryable(
        `未能更正该事实，项目保持原状：${failure.message}`,
        'FactNotCorrected',
      );
    }
    const result = host.answer(input.kind === 'withdraw' ? -1 : index);
    remember(state.applied, key, result);
    host.replan();
    return result;
  });
}

export function installCorrections(host: CorrectionHost): void {
  setHandler(correctFactUpdate, (input) => apply(host, input), {
    validator: (input) => validate(host, input),
  });
}
