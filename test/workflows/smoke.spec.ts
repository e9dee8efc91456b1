import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { projectLifecycle } from '../../workflows';
import { recordEventUpdate, statusQuery, TASK_QUEUE } from '../../workflows/messages';
import {
  database,
  department,
  newProject,
  notifications,
  timeSkippingEnvironment,
  today,
  worker,
  workflowIdOf,
} from './harness';

let env: TestWorkflowEnvironment;
let dataSource: DataSource;
let w: Worker;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
  dataSource = await database();
  w = await worker(env, dataSource);
});

afterAll(async () => {
  await env?.teardown();
  await dataSource?.destroy();
});

it('records a contract and reminds about its filing', async () => {
  const project = newProject('shandong');
  await w.runUntil(async () => {
    const handle = await env.client.workflow.start(projectLifecycle, {
      taskQueue: TASK_QUEUE,
      workflowId: workflowIdOf(project),
      args: [{ project }],
    });
    const signedOn = await today(env);
    const result = await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: { type: 'contract.signed', on: signedOn }, actor: department }],
      updateId: 'contract-1',
    });
    console.log(
      signedOn,
      result.obligations.map((o) => [o.key, o.dueOn, o.status]),
    );
    await env.sleep('30 days');
    const view = await handle.query(statusQuery);
    console.log(
      view.status,
      view.evaluation?.obligations.map((o) => [o.key, o.dueOn, o.status]),
    );
    const notes = await notifications(dataSource, project.id);
    console.log(
      notes.map((n) => [
        n.kind,
        n.scheduledFor.toISOString(),
        n.writtenAt.toISOString(),
        (n.payload as { message: string }).message,
      ]),
    );
  });
});
