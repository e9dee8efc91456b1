/**
 * A project that records more than a thousand facts: continue-as-new carries only what it needs (well
 * under Temporal's 2 MB payload limit), and an idempotency key from long before still records nothing new.
 */
import { temporal } from '@temporalio/proto';
import { FactEntity } from '../../db/entities';
import { recordEventUpdate, statusQuery } from '../../workflows/messages';
import { department, isolate, newProject, today, useTimeSkippingServers, worker } from './harness';

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);
const FACTS = 1_050;

it('records 1,050 facts across continue-as-new with a small carried state', async () => {
  const project = newProject('wuhan');
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await isolation.start(project, { historyLimit: 2_000 });
    const firstRun = (await handle.describe()).runId;
    const on = await today(servers.env);
    const change = { type: 'change.requested', on, amount: 1, newTotal: 1_000_000 } as const;
    for (let i = 0; i < FACTS; i++) {
      await handle.executeUpdate(recordEventUpdate, {
        args: [{ event: change, actor: department }],
        updateId: `change-${i}`,
      });
    }
    const runs: string[] = [];
    const sizes: number[] = [];
    let runId: string | undefined = firstRun;
    while (runId) {
      runs.push(runId);
      // Only the closing event: a whole run's history is larger than one gRPC message may be.
      const closing: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse =
        await servers.env.client.workflowService.getWorkflowExecutionHistory({
          namespace: 'default',
          execution: { workflowId: handle.workflowId, runId },
          historyEventFilterType:
            temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
        });
      const carried:
        temporal.api.history.v1.IWorkflowExecutionContinuedAsNewEventAttributes | null | undefined =
        closing.history?.events?.[0]?.workflowExecutionContinuedAsNewEventAttributes;
      if (!carried) break;
      sizes.push(
        (carried.input?.payloads ?? []).reduce(
          (n: number, p: temporal.api.common.v1.IPayload) => n + (p.data?.length ?? 0),
          0,
        ),
      );
      runId = carried.newExecutionRunId ?? undefined;
    }
    expect(runs.length).toBeGreaterThan(1);
    // Whole answers for 1,000 keys, each with a thousand change decisions, were far over 2 MB.
    expect(Math.max(...sizes)).toBeLessThan(1_000_000);
    // A key from the first run records nothing new, and answers with the fact it recorded then.
    const again = await handle.executeUpdate(recordEventUpdate, {
      args: [{ event: change, actor: department }],
      updateId: 'change-60',
    });
    expect(again.factIndex).toBe(60);
    const view = await handle.query(statusQuery);
    expect(view.facts).toHaveLength(FACTS);
    expect(await servers.dataSource.getRepository(FactEntity).countBy({ projectId: project.id })).toBe(FACTS);
  });
}, 600_000);
