import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';

export const WORKFLOWS_PATH = require.resolve('../../workflows');
/** Bundled with the workflows: turns away messages whose payloads could not be decrypted. */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../../workflows/refused-payload.interceptor')];

/**
 * The project worker: the workflows plus activities bound to the database. `workflowBundle` lets tests
 * and the bring-up reuse one bundle (built with WORKFLOW_INTERCEPTOR_MODULES) instead of one per worker.
 */
export function createProjectWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  dataSource: DataSource;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The payload codec (temporal/temporal-config.ts `dataConverter(config, 'worker')`). */
  dataConverter?: DataConverter;
  /** Tuning passed through to the SDK (cache size, concurrency). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows'>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    activities: createActivities(options.dataSource),
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...options.tuning,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, interceptors: { workflowModules: WORKFLOW_INTERCEPTOR_MODULES } }),
  });
}
