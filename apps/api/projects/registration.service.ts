import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ProjectRecord, RecordedFact } from '../../../activities/types';
import { ProjectEntity } from '../../../db/entities';
import {
  evaluate,
  EventType,
  findPolicy,
  permissionRejection,
  PolicyPack,
  ProjectAttributes,
  ProjectEvent,
  Refusal,
  renderRefusal,
  shanghaiDateOf,
} from '../../../domain';
import { projectLifecycle } from '../../../workflows';
import { projectWorkflowId, registeredUpdate } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { LocalizedException, localized } from '../common/localized.exception';
import { actorOf, type Principal } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { isTemporalUnavailable, temporalUnavailable } from '../temporal/temporal-errors';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { RegisterProjectDto } from './register-project.dto';
import { type PreparedRegistration, type RegistrationOptions } from './registration.types';

/** A row whose workflow is not confirmed yet; lists never show it, the sweep settles it. */
export const REGISTERING = 'registering';

/**
 * The same caller and Idempotency-Key always name the same project, so a retry finds the first attempt
 * (a UUID built from a hash: version nibble 5, RFC 4122 variant, as uuid v5 lays it out).
 */
export function projectIdFor(userId: string, key: string): string {
  const h = createHash('sha256').update(`deadline-keeper:project:${userId}:${key}`).digest('hex');
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * An imported project's id follows from its department and 项目编号 alone, not from who imports it, so a
 * second administrator re-uploading the same workbook finds the same projects. The prefix keeps these
 * ids apart from any (user, Idempotency-Key) pair.
 */
export function projectIdForCode(departmentId: string, code: string): string {
  return projectIdFor(`code:${departmentId}`, code);
}

/**
 * Registration in one step that completes or leaves nothing: the row is written as `registering`, the
 * workflow is started together with an update that answers once the first evaluation (of the project
 * and every fact it came with) is in the read model; if Temporal cannot be reached the row is removed.
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger('Registration');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
  ) {}

  /** Registers the project (or completes the first attempt with the same key) and returns its id. */
  async register(principal: Principal, dto: RegisterProjectDto, key?: string): Promise<string> {
    const prepared = await this.prepare(principal, dto, { key });
    await this.complete(principal, prepared);
    return prepared.record.id;
  }

  /**
   * Every check a registration makes, with nothing written: the department, the policy, the facts
   * through the engine. An import's dry run stops here; `complete` writes what it prepared.
   */
  async prepare(
    principal: Principal,
    dto: RegisterProjectDto,
    options: RegistrationOptions = {},
  ): Promise<PreparedRegistration> {
    const departmentId = await this.scope.target(principal, dto.departmentId);
    const pack = findPolicy(dto.policy);
    if (!pack)
      throw localized(
        422,
        `「policy」没有名为 ${dto.policy} 的办法，请从 GET /policies 所列办法中选择`,
        `policy: no regulation named ${dto.policy}; choose one of GET /policies`,
      );
    if (pack.requiresCategory && !dto.category) {
      throw localized(
        422,
        `「category」${pack.name}要求注明项目类别：key（重点类）或 general（一般类）`,
        `category: ${pack.name} needs the project's category, key or general`,
      );
    }
    const today = shanghaiDateOf(Date.now());
    const outOfForce =
      (pack.validFrom !== null && today < pack.validFrom) ||
      (pack.validUntil !== null && today > pack.validUntil);
    if (outOfForce && !dto.allowOutOfForce) {
      const from = pack.validFrom ?? '…';
      const until = pack.validUntil ?? '…';
      throw new LocalizedException(
        422,
        (lang) =>
          lang === 'en'
            ? `${pack.name} is not in force on ${today} (in force ${from} to ${until}); send allowOutOfForce: true to register anyway, and the project will be flagged`
            : `「policy」${pack.name}在 ${today} 不在施行期内（施行期 ${from} 至 ${until}）：如确需按该办法登记，请确认后重新提交（allowOutOfForce: true），项目将标注“办法不在施行期内”`,
        { code: 'policy-not-in-force' },
      );
    }
    const id = options.code
      ? projectIdForCode(departmentId, options.code)
      : options.key
        ? projectIdFor(principal.id, options.key)
        : randomUUID();
    const existing = await this.dataSource.getRepository(ProjectEntity).findOneBy({ id });
    const attributes: ProjectAttributes = (existing?.attributes as unknown as ProjectAttributes) ?? {
      planYear: dto.planYear,
      investment: dto.investment,
      ...(dto.softwareDevelopment !== undefined ? { softwareDevelopment: dto.softwareDevelopment } : {}),
      ...(dto.category ? { category: dto.category } : {}),
      plannedAcceptanceOn: dto.plannedAcceptanceOn ?? null,
      registeredOn: today,
    };
    const record: ProjectRecord = {
      id,
      name: dto.name,
      departmentId,
      policyId: pack.id,
      policyVersion: existing?.policyVersion ?? pack.version,
      attributes,
    };
    if (existing) assertSameRequest(existing, record, dto, options.code);
    else await this.scope.assertActive(departmentId, '新项目');
    const history = this.history(principal, pack, record, dto, today);
    return {
      record,
      history,
      outOfForce,
      code: options.code ?? null,
      source: options.source ?? null,
      existing: existing ? { confirmed: existing.status !== REGISTERING } : null,
    };
  }

  /** Writes the row and starts the workflow with its first evaluation; a retry completes a first attempt. */
  async complete(principal: Principal, prepared: PreparedRegistration): Promise<void> {
    const { record, history } = prepared;
    if (!prepared.existing) await this.insert(principal, prepared);
    try {
      await this.temporal.workflow.executeUpdateWithStart(registeredUpdate, {
        args: [],
        updateId: 'registered',
        startWorkflowOperation: new WithStartWorkflowOperation(projectLifecycle, {
          workflowId: projectWorkflowId(record.id),
          taskQueue: this.config.taskQueue,
          args: [
            {
              project: record,
              ...(history.length ? { history } : {}),
              ...(prepared.source ? { source: prepared.source } : {}),
            },
          ],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    } catch (error) {
      if (!isTemporalUnavailable(error)) throw error;
      await this.abandon(principal, record.id, error);
      throw temporalUnavailable(error);
    }
  }

  /** The facts a project comes with, checked by the engine before anything is written. */
  private history(
    principal: Principal,
    pack: PolicyPack,
    record: ProjectRecord,
    dto: RegisterProjectDto,
    today: string,
  ): RecordedFact[] {
    const events = (dto.events ?? []).map((e) => ({ ...e }) as unknown as Omit<ProjectEvent, 'actor'>);
    const denied = events.flatMap((e, i) => {
      const refused = permissionRejection(principal.role, e.type as EventType);
      return refused ? [{ ...refused, event: i }] : [];
    });
    if (denied.length) throw eventsRefused(403, denied, events, false);
    const withActor = events.map((e) => ({ ...e, actor: { role: principal.role } }) as ProjectEvent);
    const result = evaluate(pack, { project: record.attributes, events: withActor, asOf: today });
    if (result.rejected.length) throw eventsRefused(422, result.rejected, events, true);
    const now = Date.now();
    return events.map((event, i) => ({
      event: event as ProjectEvent,
      actor: actorOf(principal),
      idempotencyKey: `registration:${record.id}:${i}`,
      recordedAt: now,
    }));
  }

  private async insert(principal: Principal, prepared: PreparedRegistration) {
    const { record, outOfForce } = prepared;
    const facts = prepared.history.length;
    await this.dataSource.transaction(async (tx) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(ProjectEntity)
        .values({
          id: record.id,
          name: record.name,
          code: prepared.code,
          source: prepared.source,
          departmentId: record.departmentId,
          policyId: record.policyId,
          policyVersion: record.policyVersion,
          attributes: record.attributes,
          status: REGISTERING,
          flags: [],
          workflowId: projectWorkflowId(record.id),
        })
        .orIgnore()
        .execute();
      // A concurrent request with the same key got there first: it audits, this one completes it.
      if (!inserted.identifiers.filter(Boolean).length) return;
      await this.audit.append(
        {
          actorId: principal.id,
          actorRole: principal.role,
          action: 'project.registered',
          projectId: record.id,
          details: {
            ...record,
            outOfForce,
            facts,
            ...(prepared.code ? { code: prepared.code } : {}),
            ...(prepared.source ? { source: prepared.source } : {}),
          },
        },
        tx,
      );
    });
  }

  /** Temporal did not answer: the row goes unless the workflow already projected it (it then exists). */
  private async abandon(principal: Principal, id: string, error: unknown): Promise<void> {
    const removed = await this.dataSource.getRepository(ProjectEntity).delete({ id, status: REGISTERING });
    this.logger.warn(`registration of ${id} not completed: ${(error as Error).message}`);
    if (removed.affected) {
      await this.audit.append({
        actorId: principal.id,
        actorRole: principal.role,
        action: 'project.registration-abandoned',
        projectId: id,
        details: { reason: 'workflow service unavailable' },
      });
    }
  }
}

/** A key reused for another project is a client's mistake, said as such. */
function assertSameRequest(
  existing: ProjectEntity,
  record: ProjectRecord,
  dto: RegisterProjectDto,
  code?: string,
): void {
  const stored = existing.attributes as unknown as ProjectAttributes;
  const same =
    existing.name === record.name &&
    existing.departmentId === record.departmentId &&
    existing.policyId === record.policyId &&
    stored.planYear === dto.planYear &&
    stored.investment === dto.investment;
  if (!same && code) {
    throw localized(
      409,
      `项目编号「${code}」已登记为项目「${existing.name}」，与本次的名称、办法、计划年度或总投资不一致，未作改动；如需更改，请在项目中办理`,
      `project code ${code} is already registered as ${existing.name} with a different name, regulation, plan year or investment; nothing was changed`,
    );
  }
  if (!same)
    throw localized(
      409,
      '这个 Idempotency-Key 已用于登记另一个项目，请换一个',
      'this Idempotency-Key was used for another project; use a new one',
    );
}

/** Each refused event named by its place in `events`, worded in the reader's language. */
function eventsRefused(
  status: number,
  refusals: (Refusal & { event: number })[],
  events: readonly Omit<ProjectEvent, 'actor'>[],
  withDate: boolean,
): LocalizedException {
  // `rejections` lets an import name the column each refused fact came from (registration.types.ts).
  const rejections = refusals.map(({ event, ...r }) => ({ event, reason: renderRefusal(r, 'zh') }));
  return Object.assign(eventsRefusedException(status, refusals, events, withDate), { rejections });
}

function eventsRefusedException(
  status: number,
  refusals: (Refusal & { event: number })[],
  events: readonly Omit<ProjectEvent, 'actor'>[],
  withDate: boolean,
): LocalizedException {
  return new LocalizedException(
    status,
    (lang) => {
      const items = refusals.map(({ event, ...r }) => {
        const e = events[event];
        const what = withDate ? `${e?.type}，${e?.on}` : `${e?.type}`;
        return lang === 'en'
          ? `events[${event}] (${what.replace('，', ', ')}): ${renderRefusal(r, lang)}`
          : `「events[${event}]」（${what}）：${renderRefusal(r, lang)}`;
      });
      if (!withDate) return items.join(lang === 'en' ? '; ' : '；');
      return lang === 'en'
        ? `nothing was registered: ${items.join('; ')}`
        : `登记未完成，没有留下任何记录：${items.join('；')}`;
    },
    {
      code: refusals[0]?.code,
      refusals: refusals.map(({ event, code, params, basis }) => ({
        event,
        code,
        params,
        ...(basis ? { basis } : {}),
      })),
    },
  );
}
