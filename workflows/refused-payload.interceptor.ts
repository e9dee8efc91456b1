/**
 * Messages whose payloads the worker could not decrypt (forged around the API, or sealed with a key
 * no longer configured) reach the workflow as a marker, never as a failed workflow task: a task that
 * fails on decoding retries forever and the project stops answering. Here they are turned away: an
 * update is rejected with the reason, a signal dropped, a query refused, a start failed, so a forged
 * message changes nothing and the project keeps working.
 */
import {
  ApplicationFailure,
  log,
  type Next,
  type QueryInput,
  type SignalInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';

// Kept in step with temporal/encryption.codec.ts, which workflow code may not import (node:crypto).
const REFUSED_PAYLOAD_FIELD = '__refusedPayload';

function refusal(args: readonly unknown[]): string | null {
  for (const arg of args) {
    if (arg !== null && typeof arg === 'object' && REFUSED_PAYLOAD_FIELD in arg)
      return String((arg as Record<string, unknown>)[REFUSED_PAYLOAD_FIELD]);
  }
  return null;
}

const refused = (what: string, reason: string) =>
  ApplicationFailure.nonRetryable(`${what}的数据无法解密，已拒绝：${reason}`, 'PayloadRefused');

class RefusedPayloadInterceptor implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
    const reason = refusal(input.args);
    if (reason) return Promise.reject(refused('启动参数', reason));
    return next(input);
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>) {
    const reason = refusal(input.args);
    if (reason) throw refused(`更新 ${input.name} `, reason);
    next(input);
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) {
    // Reached without validation for updates that have no validator. A rejected promise, not a throw:
    // the SDK turns a failure the handler returns into a rejected update, a throw into a failed task.
    const reason = refusal(input.args);
    if (reason) return Promise.reject(refused(`更新 ${input.name} `, reason));
    return next(input);
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) {
    const reason = refusal(input.args);
    if (!reason) return next(input);
    log.warn('signal with an undecodable payload dropped', { signal: input.signalName, reason });
    return Promise.resolve();
  }

  handleQuery(input: QueryInput, next: Next<WorkflowInboundCallsInterceptor, 'handleQuery'>) {
    const reason = refusal(input.args);
    if (reason) return Promise.reject(refused(`查询 ${input.queryName} `, reason));
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new RefusedPayloadInterceptor()],
});
