/**
 * Replays recorded histories of complete lifecycles against today's workflow code: a change that would
 * make running projects non-deterministic fails here, before it reaches a worker.
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

it('has recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
  // The incident path (a step failing, a fact refused meanwhile, an administrator's retry) is replayed too.
  expect(files).toContain('wuhan-incident-v1.json');
});

it.each(files)('replays %s without a determinism error', async (file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
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
