import {
  Client,
  MONTHS,
  ScheduleAlreadyRunning,
  ScheduleOptions,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import { addDays, fromParts, parts, POLICIES } from '../../domain';
import { planFilingCycle } from '../../workflows';
import { PayloadRefusedError } from '../../temporal/encryption.codec';
import { planCycleSchedulePrefix, planScheduleId } from '../../workflows/messages';
import { DEFAULT_LEAD_DAYS } from './config';

/** When the cycle opens: `leadDays` before the filing day (month and day, any year; a leap day is not one). */
export function openingDay(month: number, day: number, leadDays: number): { month: number; day: number } {
  const opening = parts(addDays(fromParts(2001, month, day), -leadDays));
  return { month: opening.month, day: opening.day };
}

/**
 * One Temporal Schedule per regulation with a plan-filing rule, created at worker start. A schedule
 * that exists keeps its state (no duplicate, no reset) but gets its action written again, so the
 * arguments it will start cycles with are sealed under today's encryption key: a schedule written in
 * plaintext, or under a key since retired, would otherwise start cycles the worker must refuse.
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
    const options: ScheduleOptions = {
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
    };
    try {
      await client.schedule.create(options);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await rewriteAction(client, options);
    }
    ids.push(id);
  }
  return ids;
}

async function rewriteAction(client: Client, options: ScheduleOptions): Promise<void> {
  const handle = client.schedule.getHandle(options.scheduleId);
  try {
    await handle.update((previous) => ({ ...previous, action: options.action }));
  } catch (error) {
    // Its stored payloads cannot be opened with the configured keys: only its action is lost by
    // starting it again, and the action is what this function writes.
    if (!(error instanceof PayloadRefusedError)) throw error;
    await handle.delete();
    await client.schedule.create(options);
  }
}
