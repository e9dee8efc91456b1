/**
 * Which activity errors a retry can fix. Data a step cannot store or compute with (PostgreSQL data
 * exceptions and integrity violations, a domain RangeError, an unreadable case) fails the same way every
 * time, so it becomes a non-retryable ApplicationFailure at once; anything else (a lost connection, a
 * timeout) stays retryable, bounded by the workflow's retry policy. Every failure carries the attempt.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { CaseError } from '../domain';

/** SQLSTATE classes: 22 data exception, 23 integrity constraint violation. */
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23']);

/** What a workflow learns from a failed step, in `details[0]`. */
export interface FailureDetails {
  attempt: number;
  sqlState?: string;
}

function sqlStateOf(error: QueryFailedError): string | undefined {
  const code = (error.driverError as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyFailure(error: unknown, attempt: number): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  if (error instanceof QueryFailedError) {
    const sqlState = sqlStateOf(error);
    const permanent = sqlState !== undefined && PERMANENT_SQLSTATE_CLASSES.has(sqlState.slice(0, 2));
    const details: FailureDetails = { attempt, ...(sqlState ? { sqlState } : {}) };
    return ApplicationFailure.create({
      message: `数据库拒绝了这一步（SQLSTATE ${sqlState ?? '未知'}）：${cause.message}`,
      type: permanent ? 'DatabaseDataError' : 'DatabaseError',
      nonRetryable: permanent,
      details: [details],
      cause,
    });
  }
  if (error instanceof RangeError || error instanceof CaseError) {
    return ApplicationFailure.create({
      message: `数据无法计算，重试也不会成功：${cause.message}`,
      type: 'InvalidData',
      nonRetryable: true,
      details: [{ attempt } satisfies FailureDetails],
      cause,
    });
  }
  return ApplicationFailure.create({
    message: cause.message,
    type: cause.name || 'Error',
    nonRetryable: false,
    details: [{ attempt } satisfies FailureDetails],
    cause,
  });
}

type AsyncFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/** The same activities, each one's errors classified as above. */
export function withClassifiedFailures<T extends AsyncFunctions>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        throw classifyFailure(error, Context.current().info.attempt);
      }
    };
  }
  return wrapped as T;
}
