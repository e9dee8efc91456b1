import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  ScheduleNotFoundError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { findPolicy, planDueDate, shanghaiDateOf, WorkingCalendar } from '../../../domain';
import {
  planCycleSchedulePrefix,
  planFiledSignal,
  planScheduleId,
  recordEventUpdate,
} from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { actorOf, Principal } from '../common/principal';
import { isTemporalUnavailable, temporalUnavailable } from '../temporal/temporal-errors';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { PLAN_POLICIES, PlanFilingDto, PlanFilingsQuery } from './plan-filings.dto';
import { PlanFilingsRepository } from './plan-filings.repository';
import { localized } from '../common/localized.exception';

@Injectable()
export class PlanFilingsService {
  private readonly logger = new Logger('PlanFilingsService');

  constructor(
    private readonly repository: PlanFilingsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
  ) {}

  /** A department's annual plan filed for a plan year; it also meets its projects' plan.filing obligations. */
  async file(user: Principal, body: PlanFilingDto) {
    const departmentId = await this.scope.target(user, body.departmentId);
    const today = shanghaiDateOf(Date.now());
    const on = body.on ?? today;
    if (on > today)
      throw localized(
        422,
        `「on」${on} 晚于今天，请填写已申报的日期`,
        `on ${on} is in the future; give the date it was filed`,
      );
    const existing = await this.repository.find(departmentId, body.policy, body.planYear);
    if (existing)
      throw localized(
        409,
        `${body.planYear} 年度计划（${body.policy}）已于 ${existing.filedOn} 申报，无需再次申报`,
        `the ${body.planYear} plan under ${body.policy} was already filed on ${existing.filedOn}`,
      );
    await this.repository.transaction(async (tx) => {
      await this.repository.insert(
        { departmentId, policyId: body.policy, planYear: body.planYear, filedOn: on, filedBy: user.id },
        tx,
      );
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'plan.filed',
          details: { departmentId, policy: body.policy, planYear: body.planYear, on },
        },
        tx,
      );
    });
    const projects = await this.repository.projects(departmentId, body.policy);
    let projectsMet = 0;
    for (const project of projects.filter(
      (p) =>
        (p.attributes as { planYear?: number }).planYear === body.planYear &&
        (p.status === 'active' || p.status === 'paused'),
    )) {
      try {
        await this.temporal.workflow.getHandle(project.workflowId).executeUpdate(recordEventUpdate, {
          args: [{ event: { type: 'plan.filed', on }, actor: actorOf(user) }],
          updateId: `plan-filing:${departmentId}:${body.policy}:${body.planYear}`,
        });
        projectsMet += 1;
      } catch (error) {
        // A project that already had its plan recorded keeps it (the fact is refused), and a
        // closed project records nothing; the filing itself stands either way.
        if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) continue;
        this.logger.warn(
          `plan filing ${departmentId}/${body.policy}/${body.planYear} not recorded in ${project.workflowId}: ${(error as Error).message}`,
        );
      }
    }
    await this.signalCycles(body.policy, departmentId);
    return { departmentId, policy: body.policy, planYear: body.planYear, filedOn: on, projectsMet };
  }

  private async signalCycles(policyId: string, departmentId: string): Promise<void> {
    try {
      const running = this.temporal.workflow.list({
        query: `WorkflowType = 'planFilingCycle' AND ExecutionStatus = 'Running'`,
      });
      for await (const w of running) {
        if (w.workflowId.startsWith(planCycleSchedulePrefix(policyId))) {
          await this.temporal.workflow
            .getHandle(w.workflowId, w.runId)
            .signal(planFiledSignal, { departmentId });
        }
      }
    } catch (error) {
      // Not fatal: the cycle looks at the filings again on its next reminder anyway.
      this.logger.warn(
        `could not tell the ${policyId} plan cycle that ${departmentId} filed: ${(error as Error).message}`,
      );
    }
  }

  /** Who filed the plan for `year`, when, and who is late, per regulation with a plan-filing rule. */
  async oversight(user: Principal, query: PlanFilingsQuery) {
    const today = shanghaiDateOf(Date.now());
    const calendar = WorkingCalendar.standard();
    const departmentId = await this.scope.filter(user, query.department);
    const result = [];
    for (const policyId of PLAN_POLICIES) {
      const pack = findPolicy(policyId);
      if (!pack?.annualPlan) continue;
      const dueOn = calendar.rollForward(planDueDate(pack.annualPlan, query.year));
      const rows = await this.repository.filings(policyId, query.year, departmentId);
      result.push({
        policy: policyId,
        regulation: pack.name,
        basis: pack.annualPlan.basis,
        planYear: query.year,
        dueOn,
        departments: rows.map((r) => ({
          departmentId: r.department_id,
          name: r.name,
          filedOn: r.filed_on,
          late: r.filed_on ? r.filed_on > dueOn : today > dueOn,
        })),
      });
    }
    return { year: query.year, regulations: result };
  }

  /** The yearly cycles' schedules and their next runs. */
  async schedules() {
    const out = [];
    for (const policyId of PLAN_POLICIES) {
      try {
        const description = await this.temporal.schedule.getHandle(planScheduleId(policyId)).describe();
        out.push({
          policy: policyId,
          scheduleId: planScheduleId(policyId),
          nextRuns: description.info.nextActionTimes.slice(0, 3),
          paused: description.state.paused,
        });
      } catch (error) {
        if (isTemporalUnavailable(error)) throw temporalUnavailable(error);
        if (!(error instanceof ScheduleNotFoundError)) throw error;
        throw localized(
          404,
          `${policyId} 的年度计划申报排程尚未建立：工作进程（worker）启动时建立，请确认 worker 已运行后再查询`,
          `the schedule for ${policyId} does not exist yet: it is created when a worker starts`,
        );
      }
    }
    return out;
  }
}
