/**
 * Replays recorded histories against today's workflow code: a change that would make running workflows
 * non-deterministic fails here, before it reaches a worker. Histories are recorded by the workflow tests
 * with SAVE_HISTORIES=<tag> (see histories.ts); the bundle is the one global-setup builds from the code.
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORIES_DIR } from './histories';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

/**
 * Every path a running workflow can be on, recorded at least once: a missing file would let a
 * non-deterministic change on its path through unnoticed (a calendarChanged change once did).
 */
const REQUIRED = {
  projectLifecycle: [
    ...['shandong', 'wuhan', 'jilin', 'yunfu', 'jinhu'].map((r) => `${r}-lifecycle-v1.json`),
    'jinhu-lifecycle-v2.json',
    'shandong-registration-v1.json',
    'wuhan-incident-v1.json',
    'shandong-controls-v1.json',
    'jilin-calendar-changed-v1.json',
    // The first run, ending in ContinuedAsNew, and a later run started from the state it carried.
    'wuhan-continued-as-new-v1.json',
    'wuhan-continued-as-new-run2-v1.json',
    'yunfu-activity-retried-v1.json',
    // Since patched('one-activity-per-fact'): each path again, a fact or a wake-up as one activity.
    ...['shandong', 'wuhan', 'jilin', 'yunfu', 'jinhu'].map((r) => `${r}-lifecycle-v3.json`),
    'wuhan-facts-one-activity-v3.json',
    'wuhan-incident-v3.json',
    'shandong-controls-v3.json',
    'jilin-calendar-changed-v3.json',
    'wuhan-continued-as-new-v3.json',
    'wuhan-continued-as-new-run2-v3.json',
    'yunfu-activity-retried-v3.json',
    // A correction (issue 10): a date corrected with a 【更正】 notice, refusals, a withdrawal.
    'shandong-correction-v3.json',
  ],
  planFilingCycle: ['jinhu-plan-filing-cycle-v1.json'],
};

const workflowTypeOf = (file: string) =>
  REQUIRED.planFilingCycle.includes(file) || file.includes('-plan-filing-cycle-')
    ? 'planFilingCycle'
    : 'projectLifecycle';

it('has a recorded history for every required path', () => {
  const missing = Object.values(REQUIRED)
    .flat()
    .filter((f) => !files.includes(f));
  expect(missing).toEqual([]);
});

it.each(files)('replays %s without a determinism error', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
  // The replay worker runs the type the history names, from the one bundle that holds both.
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  expect(started?.workflowType?.name).toBe(workflowTypeOf(file));
  const codePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (!codePath) throw new Error('WORKFLOW_BUNDLE_PATH is not set (run through npm test)');
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath } }, [
    { workflowId: file, history },
  ])) {
    results.push(result);
  }
  expect(results).toHaveLength(1);
  expect(results[0]?.error).toBeUndefined();
});
