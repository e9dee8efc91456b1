import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ProjectRecord } from '../../../activities/types';
import { FactEntity, ObligationEntity, ProjectEntity } from '../../../db/entities';
import { evaluate, findPolicy, ProjectAttributes, ProjectEvent, shanghaiDateOf } from '../../../domain';
import { projectLifecycle } from '../../../workflows';
import { statusQuery } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { containsPattern } from '../common/like-pattern';
import type { Principal } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { ProjectAccess } from './project-access.service';
import type { ListProjectsQuery, RegisterProjectDto } from './register-project.dto';

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly access: ProjectAccess,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
  ) {}

  async register(principal: Principal, dto: RegisterProjectDto) {
    const departmentId = await this.scope.target(principal, dto.departmentId);
    const pack = findPolicy(dto.policy);
    if (!pack) throw new UnprocessableEntityException(`no policy ${dto.policy}`);
    if (pack.requiresCategory && !dto.category) {
      throw new UnprocessableEntityException(
        `category is required under ${pack.id}: "key" (重点类) or "general" (一般类)`,
      );
    }
    const today = shanghaiDateOf(Date.now());
    const outOfForce =
      (pack.validFrom !== null && today < pack.validFrom) ||
      (pack.validUntil !== null && today > pack.validUntil);
    if (outOfForce && !dto.allowOutOfForce) {
      throw new UnprocessableEntityException(
        `${pack.name} is not in force on ${today} (in force ${pack.validFrom ?? '…'} to ${pack.validUntil ?? '…'}); send allowOutOfForce: true to register anyway, and the project will be flagged`,
      );
    }
    const attributes: ProjectAttributes = {
      planYear: dto.planYear,
      investment: dto.investment,
      ...(dto.softwareDevelopment !== undefined ? { softwareDevelopment: dto.softwareDevelopment } : {}),
      ...(dto.category ? { category: dto.category } : {}),
      plannedAcceptanceOn: dto.plannedAcceptanceOn ?? null,
      registeredOn: today,
    };
    const record: ProjectRecord = {
      id: randomUUID(),
      name: dto.name,
      departmentId,
      policyId: pack.id,
      policyVersion: pack.version,
      attributes,
    };
    const workflowId = `project-${record.id}`;
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(ProjectEntity).insert({
        id: record.id,
        name: record.name,
        departmentId,
        policyId: pack.id,
        policyVersion: pack.version,
        attributes,
        status: 'active',
        flags: [],
        workflowId,
      });
      await this.audit.append(
        {
          actorId: principal.id,
          actorRole: principal.role,
          action: 'project.registered',
          projectId: record.id,
          details: { ...record, outOfForce },
        },
        tx,
      );
    });
    const handle = await this.temporal.workflow.start(projectLifecycle, {
      taskQueue: this.config.taskQueue,
      workflowId,
      args: [{ project: record }],
    });
    // The first evaluation usually lands within milliseconds; the read model follows it.
    for (let i = 0; i < 50; i++) {
      const view = await handle.query(statusQuery);
      if (view.evaluation) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.detail(principal, record.id);
  }

  async list(principal: Principal, query: ListProjectsQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const department = await this.scope.filter(principal, query.department);
    const q = this.access.scoped(principal);
    if (department) q.andWhere('p.department_id = :department', { department });
    if (query.policy) q.andWhere('p.policy_id = :policy', { policy: query.policy });
    if (query.status) q.andWhere('p.status = :status', { status: query.status });
    if (query.overdue === 'true') q.andWhere('p.overdue_count > 0');
    if (query.overdue === 'false') q.andWhere('p.overdue_count = 0');
    if (query.dueBefore) q.andWhere('p.next_due_on < :dueBefore', { dueBefore: query.dueBefore });
    if (query.q) q.andWhere(`p.name ILIKE :name ESCAPE '\\'`, { name: containsPattern(query.q) });
    const [items, total] = await q
      .orderBy('p.next_due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('p.created_at', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: items.map(summary), page, pageSize, total };
  }

  async detail(principal: Principal, id: string) {
    const project = await this.access.visible(principal, id);
    const [obligations, facts, audit] = await Promise.all([
      this.dataSource
        .getRepository(ObligationEntity)
        .find({ where: { projectId: id }, order: { dueOn: 'ASC' } }),
      this.dataSource
        .getRepository(FactEntity)
        .find({ where: { projectId: id }, order: { eventIndex: 'ASC' } }),
      this.audit.trail(id),
    ]);
    const pack = findPolicy(project.policyId);
    // Requirements and change paths do not depend on the calendar: the engine answers them from the facts.
    const evaluation = pack
      ? evaluate(pack, {
          project: project.attributes as unknown as ProjectAttributes,
          events: facts.map((f) => f.payload as unknown as ProjectEvent),
          asOf: shanghaiDateOf(Date.now()),
        })
      : null;
    return {
      ...summary(project),
      attributes: project.attributes,
      policy: pack
        ? { id: pack.id, name: pack.name, version: project.policyVersion, draft: pack.draft }
        : null,
      // Everything but the row's bookkeeping (project id, update time).
      obligations: obligations.map(({ projectId: _projectId, updatedAt: _updatedAt, ...o }) => o),
      facts: facts.map((f) => ({
        index: f.eventIndex,
        type: f.type,
        on: f.occurredOn,
        payload: f.payload,
        actorId: f.actorId,
        actorRole: f.actorRole,
        recordedAt: f.recordedAt,
      })),
      requirements: evaluation?.requirements ?? [],
      changes: evaluation?.changes ?? [],
      audit,
    };
  }
}

function summary(p: ProjectEntity) {
  return {
    id: p.id,
    name: p.name,
    departmentId: p.departmentId,
    policyId: p.policyId,
    status: p.status,
    flags: p.flags,
    nextDueOn: p.nextDueOn,
    overdueCount: p.overdueCount,
    createdAt: p.createdAt,
  };
}
