/**
 * A regulation's yearly plan-filing cycle (金湖 by 30 September, 云浮 by 30 November), started by a
 * Temporal Schedule some days before the due date: it tells every department that has not filed, with
 * the same rhythm as project obligations, escalates after the due date, and closes when all have filed.
 */
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PlanCycleStatus } from '../activities/plan-cycle.activity';
import { findPolicy, selectDue, shanghaiDateOf, yearOf } from '../domain';
import { IncidentGate } from './incident-gate';
import { planCycleQuery, planFiledSignal, retryIncidentUpdate } from './messages';

/** Bounded: a step still failing after these becomes an incident an administrator sees and retries. */
const { planCycleStatus, remindPlanFilers, openPlanCycle, openIncident } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 8 },
});

export interface PlanCycleInput {
  policyId: string;
  /** The plan year filed for; by default the year after the cycle starts. */
  planYear?: number;
  carried?: { planYear: number; handledUntil: number; opened: boolean };
}

export async function planFilingCycle(input: PlanCycleInput): Promise<'closed'> {
  const planYear = input.carried?.planYear ?? input.planYear ?? yearOf(shanghaiDateOf(Date.now())) + 1;
  let handledUntil = input.carried?.handledUntil ?? Date.now();
  let opened = input.carried?.opened ?? false;
  let filed = false;
  let status: PlanCycleStatus | null = null;
  const regulation = findPolicy(input.policyId)?.jurisdiction ?? input.policyId;
  const gate = new IncidentGate({ subject: `${regulation} ${planYear} 年度计划申报周期` }, openIncident);
  setHandler(retryIncidentUpdate, () => gate.retry(), {
    validator: ({ actor, incidentId }) => {
      if (actor.role !== 'admin') throw new Error('只有管理员可以重试故障（incident）');
      gate.validateRetry(incidentId);
    },
  });
  setHandler(planFiledSignal, () => {
    filed = true;
  });
  setHandler(planCycleQuery, () => ({
    policyId: input.policyId,
    planYear,
    dueOn: status?.dueOn ?? null,
    departments: status?.departments ?? [],
    nextWakeupAt: status?.wakeups[0]?.at ?? null,
    incident: gate.open,
  }));

  for (;;) {
    status = await gate.run('plan-cycle', () =>
      planCycleStatus({ policyId: input.policyId, planYear, after: handledUntil }),
    );
    if (status.departments.every((d) => d.filedOn !== null)) return 'closed';
    if (!opened) {
      await gate.run('plan-cycle', () =>
        openPlanCycle({ policyId: input.policyId, planYear, writtenAt: Date.now() }),
      );
      opened = true;
    }
    const next = status.wakeups[0];
    const woken = next
      ? await condition(() => filed, Math.max(1, next.at - Date.now()))
      : (await condition(() => filed), true);
    filed = false;
    if (!woken) {
      const now = Date.now();
      const due = selectDue(status.wakeups, handledUntil, now);
      if (due.length > 0) {
        await gate.run('plan-cycle', () =>
          remindPlanFilers({ policyId: input.policyId, planYear, items: due, writtenAt: now }),
        );
      }
      handledUntil = now;
    }
    if (workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof planFilingCycle>({
        policyId: input.policyId,
        carried: { planYear, handledUntil, opened },
      });
    }
  }
}
