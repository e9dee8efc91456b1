import {
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Post,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { planScheduleId } from '../../worker/schedules';
import { PlanFilingEntity, ProjectEntity } from '../../../db/entities';
import { findPolicy, planDueDate, POLICIES, shanghaiDateOf, WorkingCalendar } from '../../../domain';
import { planFiledSignal, recordEventUpdate } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { actorOf, CurrentUser, isBureau, Principal } from '../common/principal';
import { IsIsoDateString } from '../common/validators';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

const PLAN_POLICIES = POLICIES.filter((p) => p.annualPlan).map((p) => p.id);

export class PlanFilingDto {
  @IsIn(PLAN_POLICIES)
  policy!: string;

  @IsInt()
  @Min(2005)
  @Max(2099)
  planYear!: number;

  @IsOptional()
  @IsIsoDateString('on')
  on?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  departmentId?: string;
}

export class PlanFilingsQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2005)
  @Max(2099)
  year!: number;
}

@ApiTags('plan-filings')
@ApiBearerAuth()
@Controller()
export class PlanFilingsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
  ) {}

  /** A department's annual plan filed for a plan year; it also meets its projects' plan.filing obligations. */
  @Post('plan-filings')
  async file(@CurrentUser() user: Principal, @Body() body: PlanFilingDto) {
    const departmentId = isBureau(user) ? body.departmentId : user.departmentId;
    if (!departmentId)
      throw new UnprocessableEntityException('bureau staff name the departmentId that filed');
    if (!isBureau(user) && body.departmentId && body.departmentId !== user.departmentId) {
      throw new ForbiddenException('a department files its own plan only');
    }
    const today = shanghaiDateOf(Date.now());
    const on = body.on ?? today;
    if (on > today) throw new UnprocessableEntityException(`on ${on} is in the future`);
    const existing = await this.dataSource
      .getRepository(PlanFilingEntity)
      .findOneBy({ departmentId, policyId: body.policy, planYear: body.planYear });
    if (existing)
      throw new ConflictException(
        `the ${body.planYear} plan under ${body.policy} was already filed on ${existing.filedOn}`,
      );
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(PlanFilingEntity).insert({
        departmentId,
        policyId: body.policy,
        planYear: body.planYear,
        filedOn: on,
        filedBy: user.id,
      });
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
    const projects = await this.dataSource
      .getRepository(ProjectEntity)
      .findBy({ departmentId, policyId: body.policy });
    let projectsMet = 0;
    for (const project of projects.filter(
      (p) =>
        (p.attributes as { planYear?: number }).planYear === body.planYear &&
        (p.status === 'active' || p.status === 'paused'),
    )) {
      try {
        await this.temporal.workflow.getHandle(project.workflowId).executeUpdate(recordEventUpdate, {
          args: [
            {
              event: { type: 'plan.filed', on },
              actor: actorOf(user),
            },
          ],
          updateId: `plan-filing:${departmentId}:${body.policy}:${body.planYear}`,
        });
        projectsMet += 1;
      } catch {
        // A project that already had its plan recorded keeps it.
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
        if (w.workflowId.startsWith(`plan-cycle-${policyId}`)) {
          await this.temporal.workflow
            .getHandle(w.workflowId, w.runId)
            .signal(planFiledSignal, { departmentId });
        }
      }
    } catch {
      // The cycle looks at the filings again on its next reminder anyway.
    }
  }

  /** Who filed the plan for `year`, when, and who is late, per regulation with a plan-filing rule. */
  @Get('oversight/plan-filings')
  async oversight(@CurrentUser() user: Principal, @Query() query: PlanFilingsQuery) {
    const today = shanghaiDateOf(Date.now());
    const calendar = WorkingCalendar.standard();
    const result = [];
    for (const policyId of PLAN_POLICIES) {
      const pack = findPolicy(policyId);
      if (!pack?.annualPlan) continue;
      const dueOn = calendar.rollForward(planDueDate(pack.annualPlan, query.year));
      const rows: {
        department_id: string;
        name: string;
        filed_on: string | null;
        filed_by: string | null;
      }[] = await this.dataSource.query(
        `SELECT d.id AS department_id, d.name, f.filed_on::text AS filed_on, f.filed_by
           FROM departments d
           JOIN (SELECT DISTINCT department_id FROM projects WHERE policy_id = $1) p ON p.department_id = d.id
           LEFT JOIN plan_filings f ON f.department_id = d.id AND f.policy_id = $1 AND f.plan_year = $2
          WHERE ($3::text IS NULL OR d.id = $3)
          ORDER BY d.id`,
        [policyId, query.year, isBureau(user) ? null : user.departmentId],
      );
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
  @Get('plan-filings/schedules')
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
      } catch {
        throw new NotFoundException(
          `the schedule for ${policyId} does not exist yet: it is created when a worker starts`,
        );
      }
    }
    return out;
  }
}
