import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { In, type DataSource } from 'typeorm';
import {
  DepartmentEntity,
  FactCorrectionEntity,
  FactEntity,
  ObligationEntity,
  ProjectEntity,
  UserEntity,
} from '../../../db/entities';
import {
  citationOf,
  DEFAULT_LANG,
  EVENT_TYPES,
  eventTitle,
  mayRecord,
  type Lang,
  daysRecordedLate,
  evaluate,
  findPolicy,
  ProjectAttributes,
  ProjectEvent,
  shanghaiDateOf,
} from '../../../domain';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { containsPattern } from '../common/like-pattern';
import type { Principal } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { RECORDABLE_TYPES } from '../events/record-event.dto';
import { ProjectAccess } from './project-access.service';
import type { ListProjectsQuery, ProjectFilters, RegisterProjectDto } from './register-project.dto';
import { EXPORT_LIMIT, exportRows } from './projects-export';
import { REGISTERING, RegistrationService } from './registration.service';

/** `basis` stays as stored (API clients match on it); `basisText` is how the console shows it. */
const cited = <T extends { basis: string }>(x: T) => ({ ...x, basisText: citationOf(x.basis) });

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly access: ProjectAccess,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
    private readonly registration: RegistrationService,
  ) {}

  /** Registers (or completes the first attempt with the same key) and answers with the project as stored. */
  async register(principal: Principal, dto: RegisterProjectDto, key?: string) {
    const id = await this.registration.register(principal, dto, key);
    return this.detail(principal, id);
  }

  async list(principal: Principal, query: ListProjectsQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [items, total] = await (
      await this.filtered(principal, query)
    )
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const names = await this.scope.names(items.map((p) => p.departmentId));
    return { items: items.map((p) => summary(p, names)), page, pageSize, total };
  }

  /** The same filtered list, unpaginated up to EXPORT_LIMIT rows, with department names for people. */
  async exportRows(principal: Principal, query: ProjectFilters) {
    const [items, total] = await (await this.filtered(principal, query)).take(EXPORT_LIMIT).getManyAndCount();
    const departments = new Map(
      (await this.dataSource.getRepository(DepartmentEntity).find()).map((d) => [d.id, d.name]),
    );
    return { total, rows: exportRows(items, departments) };
  }

  private async filtered(principal: Principal, query: ProjectFilters) {
    const department = await this.scope.filter(principal, query.department);
    // A registration not confirmed yet is not a project anyone should act on.
    const q = this.access
      .scoped(principal)
      .andWhere('p.status <> :registering', { registering: REGISTERING });
    if (department) q.andWhere('p.department_id = :department', { department });
    if (query.policy) q.andWhere('p.policy_id = :policy', { policy: query.policy });
    if (query.status) q.andWhere('p.status = :status', { status: query.status });
    if (query.overdue === 'true') q.andWhere('p.overdue_count > 0');
    if (query.overdue === 'false') q.andWhere('p.overdue_count = 0');
    if (query.dueBefore) q.andWhere('p.next_due_on < :dueBefore', { dueBefore: query.dueBefore });
    if (query.q) {
      q.andWhere(`(p.name ILIKE :q ESCAPE '\\' OR p.code ILIKE :q ESCAPE '\\')`, {
        q: containsPattern(query.q),
      });
    }
    return q.orderBy('p.next_due_on', 'ASC', 'NULLS LAST').addOrderBy('p.created_at', 'DESC');
  }

  async detail(principal: Principal, id: string, lang: Lang = DEFAULT_LANG) {
    const project = await this.access.visible(principal, id);
    const [obligations, facts, audit, corrections] = await Promise.all([
      this.dataSource
        .getRepository(ObligationEntity)
        .find({ where: { projectId: id }, order: { dueOn: 'ASC' } }),
      this.dataSource
        .getRepository(FactEntity)
        .find({ where: { projectId: id }, order: { eventIndex: 'ASC' } }),
      this.audit.trail(id),
      this.dataSource
        .getRepository(FactCorrectionEntity)
        .find({ where: { projectId: id }, order: { requestedAt: 'ASC' } }),
    ]);
    const correctionsOf = (key: string) => corrections.filter((c) => c.factKey === key).map(correctionStep);
    const pack = findPolicy(project.policyId);
    // Requirements and change paths do not depend on the calendar: the engine answers them from the facts.
    const evaluation = pack
      ? evaluate(pack, {
          project: project.attributes as unknown as ProjectAttributes,
          events: facts.map((f) => f.payload as unknown as ProjectEvent),
          asOf: shanghaiDateOf(Date.now()),
        })
      : null;
    const names = await this.scope.names([project.departmentId]);
    const recorders = await this.peopleNamed(facts.map((f) => f.actorId));
    return {
      ...summary(project, names),
      attributes: project.attributes,
      policy: pack
        ? { id: pack.id, name: pack.name, version: project.policyVersion, draft: pack.draft }
        : null,
      // Everything but the row's bookkeeping (project id, update time, the project's own fields copied in).
      obligations: obligations.map(
        ({
          projectId: _projectId,
          updatedAt: _updatedAt,
          departmentId: _departmentId,
          policyId: _policyId,
          projectName: _projectName,
          ...o
        }) => cited(o),
      ),
      facts: facts.map((f) => ({
        index: f.eventIndex,
        type: f.type,
        on: f.occurredOn,
        // 补录: entered long after it happened, with both dates, so backdating is visible.
        recordedOn: shanghaiDateOf(f.recordedAt.getTime()),
        daysRecordedLate: daysRecordedLate(f.occurredOn, shanghaiDateOf(f.recordedAt.getTime())),
        payload: f.payload,
        actorId: f.actorId,
        actorRole: f.actorRole,
        actorName: recorders.get(f.actorId) ?? f.actorId,
        recordedAt: f.recordedAt,
        // The fact as first recorded, and every correction asked for it, with who, when and why.
        history: {
          original:
            corrections.find((c) => c.factKey === f.idempotencyKey && c.status === 'applied')?.before ??
            f.payload,
          corrections: correctionsOf(f.idempotencyKey),
        },
      })),
      withdrawnFacts: corrections
        .filter((c) => c.kind === 'withdraw' && c.status === 'applied')
        .map((c) => ({ original: c.before, corrections: correctionsOf(c.factKey) })),
      requirements: (evaluation?.requirements ?? []).map(cited),
      changes: (evaluation?.changes ?? []).map(cited),
      audit,
      // What the console shows and offers, worded here so the browser needs no copy of the domain.
      factTitles: Object.fromEntries(
        [...EVENT_TYPES, 'project.registered'].map((t) => [t, eventTitle(t, lang)]),
      ),
      recordableFacts: RECORDABLE_TYPES.filter(
        (t) => t !== 'change.requested' && mayRecord(principal.role, t),
      ),
    };
  }

  /** Display names of the people who recorded facts; a system actor keeps its id. */
  private async peopleNamed(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { id: In(unique) }, select: { id: true, displayName: true, username: true } });
    return new Map(users.map((u) => [u.id, u.displayName || u.username]));
  }
}

function correctionStep(c: FactCorrectionEntity) {
  return {
    id: c.id,
    kind: c.kind,
    before: c.before,
    after: c.after,
    reason: c.reason,
    status: c.status,
    requestedBy: c.requestedBy,
    requestedRole: c.requestedRole,
    requestedAt: c.requestedAt,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt,
    decisionReason: c.decisionReason,
  };
}

function summary(p: ProjectEntity, names: Map<string, string>) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    departmentId: p.departmentId,
    departmentName: names.get(p.departmentId) ?? p.departmentId,
    policyId: p.policyId,
    status: p.status,
    flags: p.flags,
    nextDueOn: p.nextDueOn,
    overdueCount: p.overdueCount,
    createdAt: p.createdAt,
  };
}
