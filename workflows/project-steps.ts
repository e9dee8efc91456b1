/**
 * The activities a project's workflow schedules, and how long each may take. Since the patch
 * ONE_ACTIVITY_PER_FACT a fact, a wake-up or a calendar change is one `refreshProject` activity;
 * histories recorded before it replay on the proxies below that they scheduled, unchanged.
 */
import { proxyActivities, RetryPolicy } from '@temporalio/workflow';
import type { Activities, CorrectionNote } from '../activities';
import type { Wakeup } from '../domain';

export const ONE_ACTIVITY_PER_FACT = 'one-activity-per-fact';

const RETRY: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '1 minute',
  backoffCoefficient: 2,
};

/** Before ONE_ACTIVITY_PER_FACT: evaluate, project and notify as three activities, a minute each. */
export const legacy = {
  steps: proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { ...RETRY, maximumAttempts: 8 },
  }),
  factSteps: proxyActivities<Activities>({
    startToCloseTimeout: '20 seconds',
    retry: { ...RETRY, maximumAttempts: 3 },
  }),
};

/**
 * One evaluation (65 ms for a thousand facts) and one transaction: seconds at most, so an attempt lost
 * with its worker is retried after these seconds rather than a minute. Background steps: about four
 * minutes of retries, then an incident an administrator sees and retries.
 */
export const background = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { ...RETRY, maximumAttempts: 8 },
});

/** A fact's caller is waiting: a few seconds of retries, then the fact is refused with the reason. */
export const forFact = proxyActivities<Activities>({
  startToCloseTimeout: '5 seconds',
  retry: { ...RETRY, maximumAttempts: 3 },
});

export interface RefreshOptions {
  /** Tell the department which dates moved (a calendar change). */
  tellMoves?: boolean;
  /** Announce obligations found overdue already (registration, a fact recorded late). */
  announceOverdue?: boolean;
  /** Wake-ups a timer found due, written in the same activity; wake-ups after now are planned. */
  due?: Wakeup[];
  /** The index of the fact being recorded: if the engine refuses it, the activity writes nothing. */
  candidate?: number;
  /** A fact being corrected (a new path: no history before it passes one). */
  correction?: CorrectionNote;
}
