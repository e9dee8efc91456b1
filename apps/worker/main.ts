/**
 * The worker process: `DATABASE_URL=… TEMPORAL_ADDRESS=… node apps/worker/main`. Stops gracefully on
 * SIGINT/SIGTERM: running activities finish, then the database connection closes.
 */
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/data-source';
import { ConfigError, loadWorkerConfig } from './config';
import { createProjectWorker } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const dataSource = await openDatabase(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  try {
    const worker = await createProjectWorker({
      connection,
      dataSource,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
    });
    console.log(`worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
    await worker.run();
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `worker failed: ${(error as Error).message}`);
  process.exit(1);
});
