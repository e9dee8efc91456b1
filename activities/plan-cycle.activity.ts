import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { NotificationEntity } from '../db/entities';
import {
  citationOf,
  daysBetween,
  deadlineWakeups,
  DEFAULT_REMINDERS,
  findPolicy,
  IsoDate,
  PLAN_FILING_TITLE,
  planDueDate,
  shanghaiDateOf,
  Wakeup,
  WorkingCalendar,
  YearNotice,
} from '../domain';

export interface PlanCycleInput {
  policyId: string;
  planYear: number;
  /** Plan wake-ups strictly after this instant. */
  after: number;
}

export interface PlanCycleStatus {
  policyId: string;
  planYear: number;
  dueOn: IsoDate;
  basis: string;
  departments: { id: string; filedOn: IsoDate | null }[];
  wakeups: Wakeup[];
}

const cycleKey = (policyId: string, planYear: number, departmentId: string, key: string) =>
  `plan|${policyId}|${planYear}|${departmentId}|${key}`;

/** The yearly plan-filing cycle's facts: who must file, who has, and when to remind. */
export function createPlanCycleActivities(dataSource: DataSource, loadNotices: () => Promise<YearNotice[]>) {
  async function status(input: PlanCycleInput): Promise<PlanCycleStatus> {
    const pack = findPolicy(input.policyId);
    if (!pack?.annualPlan) {
      // A configuration mistake no retry can mend: an incident at once.
      throw ApplicationFailure.nonRetryable(
        `${input.policyId} 没有年度计划申报规定（has no plan-filing rule）`,
        'NoPlanFilingRule',
      );
    }
    const calendar = WorkingCalendar.standard(await loadNotices());
    const dueOn = calendar.rollForward(planDueDate(pack.annualPlan, input.planYear));
    // Every department with a project under this regulation files a plan each year.
    const rows: { department_id: string; filed_on: string | null }[] = await dataSource.query(
      `SELECT d.department_id, f.filed_on::text AS filed_on
         FROM (SELECT DISTINCT department_id FROM projects WHERE policy_id = $1) d
         LEFT JOIN plan_filings f ON f.department_id = d.department_id AND f.policy_id = $1 AND f.plan_year = $2
        ORDER BY d.department_id`,
      [input.policyId, input.planYear],
    );
    const wakeups = deadlineWakeups(
      { key: 'plan.filing', dueOn, title: PLAN_FILING_TITLE, basis: pack.annualPlan.basis },
      calendar,
      pack.reminders ?? DEFAULT_REMINDERS,
      input.after,
    )
      .filter((w) => w.at > input.after)
      .sort((a, b) => a.at - b.at);
    return {
      policyId: input.policyId,
      planYear: input.planYear,
      dueOn,
      basis: pack.annualPlan.basis,
      departments: rows.map((r) => ({ id: r.department_id, filedOn: r.filed_on })),
      wakeups,
    };
  }

  /** Writes each due reminder for every department that has not filed; the key makes it once per department. */
  async function remindPlanFilers(input: {
    policyId: string;
    planYear: number;
    items: Wakeup[];
    writtenAt: number;
  }): Promise<number> {
    const current = await status({ ...input, after: input.writtenAt });
    const late = current.departments.filter((d) => !d.filedOn);
    const today = shanghaiDateOf(input.writtenAt);
    const rows = late.flatMap((d) =>
      input.items
        .filter((w) => w.audience !== 'none')
        .map((w) => ({
          dedupeKey: cycleKey(input.policyId, input.planYear, d.id, w.key),
          projectId: null,
          departmentId: d.id,
          obligationKey: 'plan.filing',
          kind: w.kind,
          audience: w.audience,
          dueOn: current.dueOn,
          scheduledFor: new Date(w.at),
          writtenAt: new Date(input.writtenAt),
          payload: {
            projectName: `${input.planYear}年度政务信息化计划`,
            title: PLAN_FILING_TITLE,
            basis: current.basis,
            count: w.count ?? null,
            message:
              w.kind === 'escalation' || w.kind === 'overdue-notice'
                ? `【逾期督办】${input.planYear}年度政务信息化计划应于 ${current.dueOn} 前申报，截至 ${today} 已逾期 ${daysBetween(current.dueOn, today)} 天（依据${citationOf(current.basis)}）。`
                : `【期限提醒】${input.planYear}年度政务信息化计划请于 ${current.dueOn} 前申报${daysBetween(today, current.dueOn) > 0 ? `，还有 ${daysBetween(today, current.dueOn)} 天` : '，今天到期'}（依据${citationOf(current.basis)}）。`,
          },
        })),
    );
    if (rows.length === 0) return 0;
    const result = await dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows)
      .orIgnore()
      .execute();
    return result.identifiers.filter(Boolean).length;
  }

  return {
    planCycleStatus: status,
    remindPlanFilers,

    /** The cycle's opening notice, written once when the cycle starts, to every department yet to file. */
    async openPlanCycle(input: { policyId: string; planYear: number; writtenAt: number }): Promise<number> {
      const current = await status({ ...input, after: input.writtenAt });
      const opening: Wakeup = {
        at: input.writtenAt,
        kind: 'opens',
        obligationKey: 'plan.filing',
        dueOn: current.dueOn,
        title: PLAN_FILING_TITLE,
        basis: current.basis,
        audience: 'department',
        key: `plan.filing|opens|${current.dueOn}`,
      };
      // A cycle started after its due day skips the opening notice: reminders and escalations take over.
      return shanghaiDateOf(input.writtenAt) <= current.dueOn
        ? remindPlanFilers({ ...input, items: [opening] })
        : 0;
    },
  };
}
