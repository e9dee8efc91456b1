import { Client, MONTHS, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { addDays, fromParts, parts, POLICIES } from '../../domain';
import { planFilingCycle } from '../../workflows';
import { planCycleSchedulePrefix, planScheduleId } from '../../workflows/messages';
import { DEFAULT_LEAD_DAYS } from './config';

/** When the cycle opens: `leadDays` before the filing day (month and day, any year; a leap day is not one). */
export function openingDay(month: number, day: number, leadDays: number): { month: number; day: number } {
  const opening = parts(addDays(fromParts(2001, month, day), -leadDays));
  return { month: opening.month, day: opening.day };
}

/**
 * One Temporal Schedule per regulation with a plan-filing rule, created at worker start. Creating it
 * again leaves it as it is, so restarts neither duplicate nor reset it.
 */
export async function ensurePlanSchedules(
  client: Client,
  taskQueue: string,
  leadDays = DEFAULT_LEAD_DAYS,
): Promise<string[]> {
  const ids: string[] = [];
  for (const pack of POLICIES) {
    if (!pack.annualPlan) continue;
    const open = openingDay(pack.annualPlan.month, pack.annualPlan.day, leadDays);
    const id = planScheduleId(pack.id);
    try {
      await client.schedule.create({
        scheduleId: id,
        spec: {
          calendars: [{ month: MONTHS[open.month - 1], dayOfMonth: open.day, hour: 0, minute: 0 }],
          timezone: 'Asia/Shanghai',
        },
        action: {
          type: 'startWorkflow',
          workflowType: planFilingCycle,
          workflowId: planCycleSchedulePrefix(pack.id),
          taskQueue,
          args: [{ policyId: pack.id }],
        },
        policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '7 days' },
        memo: { regulation: pack.name, basis: pack.annualPlan.basis },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
    ids.push(id);
  }
  return ids;
}
