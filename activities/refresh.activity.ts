import type { DataSource } from 'typeorm';
import { eventsOfFacts, lifecycleStatus } from '../domain';
import type { EvaluateDeps } from './evaluate.activity';
import { evaluateWith } from './evaluate.activity';
import { writeCorrectionNotices } from './correction-notices';
import { insertNotifications } from './notifications.activity';
import { writeProjection } from './projection.activity';
import type { EvaluateOutput, RefreshInput } from './types';

/**
 * A fact, a wake-up or a calendar change in one round trip: the workflow schedules one activity, and the
 * evaluation is stored once in its history (as this activity's result) instead of again as the
 * projection's input. Read model and outbox commit together, so a failed step leaves neither half-written.
 */
export function createRefreshActivities(dataSource: DataSource, deps: EvaluateDeps) {
  return {
    async refreshProject(input: RefreshInput): Promise<EvaluateOutput> {
      const { project, facts } = input;
      const output = evaluateWith(
        {
          policyId: project.policyId,
          attributes: project.attributes,
          events: eventsOfFacts(facts),
          asOf: input.asOf,
          after: input.after,
          ...(input.previous ? { previous: input.previous } : {}),
          ...(input.now !== undefined ? { now: input.now } : {}),
        },
        await deps.loadNotices(),
      );
      if (input.candidate !== undefined && output.result.rejected.some((r) => r.event === input.candidate))
        return output;
      const outbox = { project, writtenAt: input.writtenAt };
      await dataSource.transaction(async (tx) => {
        if (input.due?.length) await insertNotifications(tx, { ...outbox, items: input.due });
        await writeProjection(tx, {
          project,
          facts,
          result: output.result,
          status: lifecycleStatus(output.result.lifecycle),
        });
        const told = [...output.moved, ...(output.catchUp ?? [])];
        if (told.length) await insertNotifications(tx, { ...outbox, items: told });
        if (input.correction)
          await writeCorrectionNotices(tx, project, output.result, input.correction, input.writtenAt);
      });
      return output;
    },
  };
}
