import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';

export const WORKFLOWS_PATH = require.resolve('../../workflows');

/**
 * The project worker: the workflows plus activities bound to the database. `workflowBundle` lets tests
 * and the bring-up reuse one bundle instead of building it per worker.
 */
export function createProjectWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  dataSource: DataSource;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Tuning passed through to the SDK (cache size, concurrency). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows'>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    activities: createActivities(options.dataSource),
    ...options.tuning,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
  });
}
