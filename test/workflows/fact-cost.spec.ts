/**
 * What a fact costs a project's history on the path new workflows take (patch one-activity-per-fact):
 * one activity, two workflow tasks, and the evaluation stored once. A change that adds a round trip per
 * fact fails here; the bench (`npm run bench:fact`) reports the same measures against the old path.
 */
import { factCosts, recordFactsInARow, summarize } from '../../bench/fact-cost';
import { isolate, newProject, useTimeSkippingServers, worker } from './harness';
import { saveHistory } from './histories';

const servers = useTimeSkippingServers();
const isolation = isolate(() => servers.env);

it('a fact is one activity, two workflow tasks and at most 11 history events', async () => {
  const w = await worker(servers.env, servers.dataSource, isolation.taskQueue());
  await w.runUntil(async () => {
    const handle = await recordFactsInARow(servers.env.client, isolation.taskQueue(), newProject('wuhan'), 5);
    const events = (await handle.fetchHistory()).events ?? [];
    const costs = factCosts(events);
    expect(costs).toHaveLength(5);
    expect(costs.map((c) => c.activityTypes)).toEqual(Array(5).fill(['refreshProject']));
    const summary = summarize(costs);
    expect(summary.activitiesPerFact).toBeLessThanOrEqual(1);
    expect(summary.workflowTasksPerFact).toBeLessThanOrEqual(2);
    expect(summary.eventsPerFact).toBeLessThanOrEqual(11);
    // The registration too: one activity, and the patch's marker recorded before it.
    const firstActivity = events.findIndex((e) => e.activityTaskScheduledEventAttributes);
    expect(events.slice(0, firstActivity).some((e) => e.markerRecordedEventAttributes)).toBe(true);
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    expect(scheduled).toBe(1 + 5 + 1); // registration, five facts, the termination
    await saveHistory('wuhan-facts-one-activity', handle);
  });
});
