/** Drives a project's workflow through facts recorded "today" on the skipped clock. */
import type { Duration } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../activities/types';
import type { projectLifecycle } from '../../workflows';
import { recordEventUpdate, UpdateResult } from '../../workflows/messages';
import { shanghaiInstant } from '../../domain';
import { today } from './harness';

export type Step =
  | { sleep: Duration }
  /** Sleep until 12:00 Asia/Shanghai on a date. */
  | { sleepUntil: string }
  | { record: string; as: Actor; with?: Record<string, unknown> };

let counter = 0;

export async function play(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle<typeof projectLifecycle>,
  steps: Step[],
): Promise<UpdateResult[]> {
  const results: UpdateResult[] = [];
  for (const step of steps) {
    if ('sleep' in step) {
      await env.sleep(step.sleep);
      continue;
    }
    if ('sleepUntil' in step) {
      const wait = shanghaiInstant(step.sleepUntil, 12) - (await env.currentTimeMs());
      if (wait <= 0) throw new Error(`${step.sleepUntil} 12:00 is already past`);
      await env.sleep(wait);
      continue;
    }
    const on = await today(env);
    results.push(
      await handle.executeUpdate(recordEventUpdate, {
        args: [{ event: { type: step.record, on, ...step.with } as never, actor: step.as }],
        updateId: `step-${++counter}-${step.record}`,
      }),
    );
  }
  return results;
}
