/**
 * Runs the engine for /simulate in a worker thread, so a heavy simulation never holds up the event loop
 * that answers everyone else. The answer is serialised here too: that is half the cost.
 */
import { parentPort } from 'node:worker_threads';
import { isCaseError, simulateCase } from '../../../domain';

export interface SimulateJob {
  id: number;
  cases: unknown[];
}

/** Each case's answer as JSON, and the reason where a case could not be read at all. */
export interface SimulateResult {
  parts: string[];
  caseErrors: (string | null)[];
}

export type SimulateReply = ({ id: number } & SimulateResult) | { id: number; error: string };

parentPort?.on('message', (job: SimulateJob) => {
  try {
    const outcomes = job.cases.map((c) => simulateCase(c));
    parentPort?.postMessage({
      id: job.id,
      parts: outcomes.map((o) => JSON.stringify(o)),
      caseErrors: outcomes.map((o) => (isCaseError(o) ? o.error : null)),
    } satisfies SimulateReply);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).message } satisfies SimulateReply);
  }
});
