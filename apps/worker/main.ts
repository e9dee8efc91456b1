/**
 * The worker process: `DATABASE_URL=… TEMPORAL_ADDRESS=… node apps/worker/main`. Stops gracefully on
 * SIGINT/SIGTERM: running activities finish, then the database connection closes.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/data-source';
import { connectionOptions, dataConverter, describeTemporal } from '../../temporal/temporal-config';
import { ConfigError, loadWorkerConfig } from './config';
import { ensurePlanSchedules } from './schedules';
import { startSweeper } from './sweeper';
import { createProjectWorker } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const dataSource = await openDatabase(config.databaseUrl);
  console.log(`worker: Temporal at ${describeTemporal(config.temporal)}`);
  const connection = await NativeConnection.connect(connectionOptions(config.temporal));
  const clientConnection = await Connection.connect(connectionOptions(config.temporal));
  const clientConverter = dataConverter(config.temporal, 'client');
  const client = new Client({
    connection: clientConnection,
    namespace: config.namespace,
    ...(clientConverter ? { dataConverter: clientConverter } : {}),
  });
  const sweeper = startSweeper({
    client,
    dataSource,
    taskQueue: config.taskQueue,
    intervalMs: config.sweepIntervalMs,
  });
  try {
    const schedules = await ensurePlanSchedules(client, config.taskQueue, config.planLeadDays);
    console.log(`worker: plan-filing schedules ${schedules.join(', ')}`);
    const worker = await createProjectWorker({
      connection,
      dataSource,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      dataConverter: dataConverter(config.temporal, 'worker'),
      ...(config.workflowBundlePath ? { workflowBundle: { codePath: config.workflowBundlePath } } : {}),
      tuning: { maxCachedWorkflows: config.maxCachedWorkflows },
    });
    console.log(`worker: polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
    await worker.run();
  } finally {
    sweeper.stop();
    await clientConnection.close();
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `worker failed: ${(error as Error).message}`);
  process.exit(1);
});
