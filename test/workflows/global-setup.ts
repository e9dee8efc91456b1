/**
 * Once per workflow test run: a real PostgreSQL (DATABASE_URL, or an embedded server in a temporary
 * folder) with the migrations applied, the Temporal tools, and the workflow bundle built once.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/data-source';
import { startEmbeddedPostgres } from '../../db/embedded-postgres';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from '../../apps/worker/worker';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'deadline-keeper-test-'));
  // The embedded server may run as the `postgres` user, which must reach its data folder.
  chmodSync(dir, 0o755);
  if (!process.env.TEMPORAL_TEST_SERVER) {
    const exports = execFileSync('bash', [join(__dirname, '..', '..', 'scripts', 'temporal-tools.sh')], {
      encoding: 'utf8',
    });
    for (const [, name, value] of exports.matchAll(/^export (\w+)=(.*)$/gm))
      process.env[name as string] = value;
  }
  if (!process.env.DATABASE_URL) {
    const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
    process.env.DATABASE_URL = db.url;
    (globalThis as { __stopPostgres?: () => Promise<void> }).__stopPostgres = db.stop;
  }
  const dataSource = await openDatabase(process.env.DATABASE_URL);
  await dataSource.destroy();
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: quietLogger,
  });
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
