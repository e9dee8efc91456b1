import { Inject, Injectable } from '@nestjs/common';
import {
  ApplicationFailure,
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { FactCorrectionEntity, FactEntity } from '../../../db/entities';
import {
  correctionRefusal,
  findPolicy,
  ProjectAttributes,
  ProjectEvent,
  shanghaiDateOf,
  type FactCorrection,
} from '../../../domain';
import { correctFactUpdate, UpdateResult } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { actorOf, isBureau, type Principal } from '../common/principal';
import { ProjectAccess } from '../projects/project-access.service';
import { isTemporalUnavailable, temporalUnavailable } from '../temporal/temporal-errors';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { ListCorrectionsQuery, RequestCorrectionDto } from './corrections.dto';
import { CorrectionsRepository } from './corrections.repository';
import { localized, LocalizedException } from '../common/localized.exception';

type Decision = 'approve' | 'refuse';

const factView = (f: FactEntity) => ({ ...(f.payload as object), type: f.type, on: f.occurredOn });

export function correctionView(c: FactCorrectionEntity) {
  return {
    id: c.id,
    projectId: c.projectId,
    departmentId: c.departmentId,
    factIndex: c.factIndex,
    kind: c.kind,
    on: c.correctedOn,
    reason: c.reason,
    before: c.before,
    after: c.after,
    status: c.status,
    requestedBy: c.requestedBy,
    requestedRole: c.requestedRole,
    requestedAt: c.requestedAt,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt,
    decisionReason: c.decisionReason,
  };
}

/**
 * A department asks for a correction; the bureau approves (the workflow applies it) or refuses; an
 * administrator's request is applied at once. Every step is audited with the fact before and after.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly repository: CorrectionsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly access: ProjectAccess,
    private readonly scope: DepartmentScope,
    private readonly audit: AuditService,
  ) {}

  async request(principal: Principal, projectId: string, factIndex: number, dto: RequestCorrectionDto) {
    const project = await this.access.visible(principal, projectId);
    if (dto.kind === 'date' && !dto.on)
      throw localized(400, '「on」更正日期须给出新的日期', 'on: a date correction needs the new date');
    const facts = await this.repository.facts(projectId);
    const fact = facts.find((f) => f.eventIndex === factIndex);
    if (!fact)
      throw localized(
        404,
        `项目没有第 ${factIndex} 条事实，请在项目详情中核对事实序号`,
        `the project has no fact ${factIndex}`,
      );
    const correction: FactCorrection =
      dto.kind === 'withdraw' ? { kind: 'withdraw' } : { kind: 'date', on: dto.on as string };
    // Checked before anyone is asked to approve: the workflow checks again when it applies it.
    const pack = findPolicy(project.policyId);
    const refused = pack
      ? correctionRefusal(
          pack,
          {
            project: project.attributes as unknown as ProjectAttributes,
            events: facts.map(
              (f) =>
                ({
                  ...(f.payload as ProjectEvent),
                  ...(f.actorRole !== 'system' ? { actor: { role: f.actorRole } } : {}),
                }) as ProjectEvent,
            ),
            asOf: shanghaiDateOf(Date.now()),
          },
          facts.indexOf(fact),
          correction,
        )
      : null;
    if (refused) throw localized(422, refused.zh, refused.en);
    const before = factView(fact);
    const row = await this.repository.insert({
      id: randomUUID(),
      projectId,
      departmentId: project.departmentId,
      factKey: fact.idempotencyKey,
      factIndex,
      kind: dto.kind,
      correctedOn: dto.kind === 'date' ? (dto.on as string) : null,
      reason: dto.reason.trim(),
      before,
      after: dto.kind === 'date' ? { ...before, on: dto.on } : null,
      status: 'pending',
      requestedBy: principal.id,
      requestedRole: principal.role,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
    });
    await this.audit.append({
      actorId: principal.id,
      actorRole: principal.role,
      action: 'correction.requested',
      projectId,
      details: {
        correctionId: row.id,
        factIndex,
        kind: row.kind,
        reason: row.reason,
        before,
        after: row.after,
      },
    });
    if (principal.role !== 'admin') return correctionView(row);
    // An administrator corrects directly: the request is approved by the one who made it.
    try {
      return await this.apply(principal, row, '管理员直接更正');
    } catch (error) {
      // Nothing pending is left behind a refused direct correction: the project stays as it was.
      if (error instanceof LocalizedException && error.getStatus() === 422)
        await this.repository.decide(row.id, 'refused', principal.id, error.words('zh'));
      throw error;
    }
  }

  async list(principal: Principal, query: ListCorrectionsQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const departmentId = await this.scope.filter(principal, query.department);
    const [rows, total] = await this.repository.list(
      {
        departmentId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.projectId ? { projectId: query.projectId } : {}),
      },
      page,
      pageSize,
    );
    return { items: rows.map(correctionView), page, pageSize, total };
  }

  async decide(principal: Principal, id: string, decision: Decision, reason: string) {
    const row = await this.repository.find(id);
    if (!row)
      throw localized(
        404,
        `没有编号为 ${id} 的更正申请，请核对（GET /corrections 可列出）`,
        `no correction request ${id}`,
      );
    // Another department's request is hidden exactly as its project is.
    await this.access.visible(principal, row.projectId);
    const forbidden = async (why: string, english: string) => {
      await this.audit.append({
        actorId: principal.id,
        actorRole: principal.role,
        action: 'correction.decision-forbidden',
        projectId: row.projectId,
        details: { correctionId: id, decision, reason: why },
      });
      return localized(403, why, english);
    };
    if (!isBureau(principal))
      throw await forbidden(
        '更正申请须由局方（operator、admin）审批，部门不能审批',
        'a correction is decided by the bureau (operator, admin), not by a department',
      );
    if (row.requestedBy === principal.id)
      throw await forbidden(
        '不能审批自己提出的更正申请',
        'you cannot decide a correction you asked for yourself',
      );
    if (row.status !== 'pending')
      throw localized(
        409,
        `该更正申请已${row.status === 'applied' ? '批准并更正' : '驳回'}，不能再审批`,
        `this correction request was already ${row.status === 'applied' ? 'approved and applied' : 'refused'}`,
      );
    if (decision === 'approve') return this.apply(principal, row, reason.trim());
    if (!(await this.repository.decide(id, 'refused', principal.id, reason.trim())))
      throw localized(
        409,
        '该更正申请已由他人审批，请刷新后查看结果',
        'someone else has already decided this correction request',
      );
    await this.audit.append({
      actorId: principal.id,
      actorRole: principal.role,
      action: 'correction.refused',
      projectId: row.projectId,
      details: {
        correctionId: id,
        reason: reason.trim(),
        before: { status: 'pending' },
        after: { status: 'refused' },
      },
    });
    return correctionView((await this.repository.find(id)) as FactCorrectionEntity);
  }

  /** Applies a pending request through the workflow; a refusal leaves it pending and the project as it was. */
  private async apply(principal: Principal, row: FactCorrectionEntity, reason: string) {
    const project = await this.access.visible(principal, row.projectId);
    const obligationsBefore = await this.repository.obligations(row.projectId);
    let result: UpdateResult;
    try {
      result = await this.temporal.workflow.getHandle(project.workflowId).executeUpdate(correctFactUpdate, {
        args: [
          {
            actor: actorOf(principal),
            correctionId: row.id,
            factKey: row.factKey,
            kind: row.kind,
            ...(row.correctedOn ? { on: row.correctedOn } : {}),
            reason: row.reason,
          },
        ],
        updateId: `correction-${row.id}`,
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const why = error.cause?.message ?? error.message;
        const english = englishOf(error.cause) ?? why;
        await this.audit.append({
          actorId: principal.id,
          actorRole: principal.role,
          action: 'correction.apply-refused',
          projectId: row.projectId,
          details: { correctionId: row.id, reason: why },
        });
        throw localized(422, why, english);
      }
      if (error instanceof WorkflowNotFoundError)
        throw localized(
          409,
          `项目 ${row.projectId} 已结束，不能再更正事实`,
          `project ${row.projectId} has ended; its facts can no longer be corrected`,
        );
      if (isTemporalUnavailable(error)) throw temporalUnavailable(error);
      throw error;
    }
    await this.repository.decide(row.id, 'applied', principal.id, reason);
    const actor = { actorId: principal.id, actorRole: principal.role, projectId: row.projectId };
    await this.audit.append({
      ...actor,
      action: 'correction.approved',
      details: { correctionId: row.id, reason, before: { status: 'pending' }, after: { status: 'applied' } },
    });
    const moved = result.obligations.flatMap((o) => {
      const was = obligationsBefore.find((b) => b.key === o.key);
      return was?.dueOn === o.dueOn && was?.status === o.status
        ? []
        : [
            {
              key: o.key,
              before: was ? { dueOn: was.dueOn, status: was.status } : null,
              after: { dueOn: o.dueOn, status: o.status },
            },
          ];
    });
    await this.audit.append({
      ...actor,
      action: 'correction.applied',
      details: {
        correctionId: row.id,
        factIndex: row.factIndex,
        kind: row.kind,
        reason: row.reason,
        before: row.before,
        after: row.after,
        obligations: moved,
      },
    });
    return {
      ...correctionView((await this.repository.find(row.id)) as FactCorrectionEntity),
      obligations: result.obligations,
    };
  }
}

/** The English the workflow's validator sent beside its Chinese reason, if it did. */
function englishOf(cause: unknown): string | null {
  if (!(cause instanceof ApplicationFailure) || cause.type !== 'CorrectionRefused') return null;
  const detail = cause.details?.[0] as { en?: unknown } | undefined;
  return typeof detail?.en === 'string' ? detail.en : null;
}
