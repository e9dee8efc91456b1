/**
 * Replay fixtures: `SAVE_HISTORIES=<tag>` while running a workflow test writes the histories its runs
 * produced to histories/<name>-<tag>.json. Re-record with a new tag after a deliberate workflow change;
 * older recordings stay, because workflows started under them may still be running.
 */
import type { History } from '@temporalio/common/lib/proto-utils';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HISTORIES_DIR = join(__dirname, 'histories');

/** Does nothing unless SAVE_HISTORIES is set, so tests can call it unconditionally. */
export async function saveHistory(name: string, run: { fetchHistory(): Promise<History> }): Promise<void> {
  const tag = process.env.SAVE_HISTORIES;
  if (!tag) return;
  const file = join(HISTORIES_DIR, `${name}-${tag}.json`);
  writeFileSync(file, historyToJSON(await run.fetchHistory()));
  // Formatted as the repository's check wants it, so a fresh recording can be committed as it is. In a
  // child process: prettier loads its formatter through a dynamic import, which Jest's VM refuses.
  execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', file], {
    stdio: 'ignore',
  });
}
