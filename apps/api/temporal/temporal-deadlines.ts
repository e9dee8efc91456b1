import {
  type ConnectionOptions,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
} from '@temporalio/client';

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * Calls that wait on a workflow, not only on the server: an update answers once the workflow has
 * evaluated the project and written its read model (update-with-start also starts it), and a poll
 * for an update's outcome waits the same way. A normal evaluation takes well under a second; a
 * project with a long history and a busy worker a few seconds. 10 s leaves room for that and still
 * bounds a call whose server went silent (a network partition, where nothing answers at all).
 */
const WAITS_ON_WORKFLOW = new Set([
  '/temporal.api.workflowservice.v1.WorkflowService/UpdateWorkflowExecution',
  '/temporal.api.workflowservice.v1.WorkflowService/ExecuteMultiOperation',
  '/temporal.api.workflowservice.v1.WorkflowService/PollWorkflowExecutionUpdate',
  '/temporal.api.workflowservice.v1.WorkflowService/QueryWorkflow',
]);
export const WORKFLOW_WAIT_DEADLINE_MS = 10_000;

/**
 * Everything else (describe, list, count, signal, schedules, the readiness probe) is the server
 * answering from its own store in milliseconds: 1.5 s is generous and keeps the API's answer,
 * 503 included, within 2 s.
 */
export const READ_DEADLINE_MS = 1_500;

/**
 * The SDK's default retries UNAVAILABLE ten times with backoff up to 5 s between attempts: that
 * is the 18–21 s a request hung while Temporal was down. A blip (a restart, a reset connection)
 * is over within a second, and the caller's own retry after Retry-After covers a longer one: three
 * attempts over about half a second, then 503, keeps the answer well inside 2 s.
 */
export const RETRY_BUDGET_MS = 400;

/** A deadline for every call that does not already carry one (`withDeadline` wins). */
const deadlines: Interceptor = (options, nextCall) => {
  if (options.deadline !== undefined) return nextCall(options) as ReturnType<Interceptor>;
  const ms = WAITS_ON_WORKFLOW.has(options.method_definition.path)
    ? WORKFLOW_WAIT_DEADLINE_MS
    : READ_DEADLINE_MS;
  // grpc-js passes its own calls through; the declared type names the class, not the interface.
  return nextCall({ ...options, deadline: Date.now() + ms }) as ReturnType<Interceptor>;
};

/** The SDK's retry policy, given up once the call has been retried for RETRY_BUDGET_MS. */
const boundedRetry: Interceptor = (options, nextCall) => {
  const started = Date.now();
  const defaults = defaultGrpcRetryOptions();
  return makeGrpcRetryInterceptor({
    delayFunction: defaults.delayFunction,
    retryableDecider: (attempt, status) =>
      Date.now() - started < RETRY_BUDGET_MS && defaults.retryableDecider(attempt, status),
  })(options, nextCall);
};

/** The API's gRPC interceptors: deadlines outermost, so each retry runs within the call's deadline. */
export const apiInterceptors: Interceptor[] = [deadlines, boundedRetry];

/**
 * grpc-js waits ever longer between reconnection attempts (1 s growing to 2 minutes), so after a
 * long outage the API could keep answering 503 for minutes after Temporal is back. Trying every
 * 2 s at most costs one refused TCP connect per attempt while it is down.
 */
export const apiChannelArgs = {
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': 2_000,
};
