import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApplicationFailure,
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../../activities/types';
import { FactEntity } from '../../../db/entities';
import {
  EventType,
  permissionRejection,
  ProjectEvent,
  Refusal,
  daysRecordedLate,
  shanghaiDateOf,
} from '../../../domain';
import {
  pauseUpdate,
  recordEventUpdate,
  resumeUpdate,
  terminateUpdate,
  UpdateResult,
} from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { refusalException, localized } from '../common/localized.exception';
import { actorOf, type Principal } from '../common/principal';
import { ProjectAccess } from '../projects/project-access.service';
import { isTemporalUnavailable, temporalUnavailable } from '../temporal/temporal-errors';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

type Command =
  | { kind: 'record'; event: Omit<ProjectEvent, 'actor'> }
  | { kind: 'pause' | 'resume'; reason: string }
  | { kind: 'terminate'; reason: string; effectiveOn?: string };

/** Everything that changes a project goes through its workflow's updates; the outcome is audited. */
@Injectable()
export class ProjectCommands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly access: ProjectAccess,
    private readonly audit: AuditService,
  ) {}

  async run(
    principal: Principal,
    projectId: string,
    command: Command,
    idempotencyKey?: string,
  ): Promise<UpdateResult> {
    const project = await this.access.visible(principal, projectId);
    if (command.kind === 'record') {
      const denied = permissionRejection(principal.role, command.event.type as EventType);
      if (denied) throw refusalException(403, denied);
    }
    // Keys are per caller, so two people's retries can never collide.
    const updateId = idempotencyKey ? `${principal.id}:${idempotencyKey}` : undefined;
    const replay = updateId
      ? await this.dataSource.getRepository(FactEntity).existsBy({ projectId, idempotencyKey: updateId })
      : false;
    const actor = actorOf(principal);
    const handle = this.temporal.workflow.getHandle(project.workflowId);
    let result: UpdateResult;
    try {
      result = await send(handle, command, actor, updateId ? { updateId } : {});
    } catch (error) {
      // The validator refused the fact: its reason is the cause, the structured refusal its detail.
      if (error instanceof WorkflowUpdateFailedError) {
        const refused = refusalOf(error.cause);
        if (refused) {
          // Nothing was recorded, but the attempt and its reason belong to the project's trail.
          await this.audit.append({
            actorId: principal.id,
            actorRole: principal.role,
            action: command.kind === 'record' ? 'fact.refused' : `project.${command.kind}-refused`,
            projectId,
            details: { command, refusal: refused },
          });
          throw refusalException(422, refused);
        }
        throw localized(
          422,
          `无法登记：${error.cause?.message ?? error.message}，请核对后重试`,
          error.cause?.message ?? error.message,
        );
      }
      // The server answers NOT_FOUND for a workflow that has completed: the project is closed.
      if (error instanceof WorkflowNotFoundError) {
        throw localized(
          409,
          `项目「${project.name}」已${project.status === 'terminated' ? '终止' : '结束'}，不能再登记事实`,
          `project ${projectId} is ${project.status === 'active' ? 'closed' : project.status}: nothing more can be recorded`,
        );
      }
      if (isTemporalUnavailable(error)) throw temporalUnavailable(error);
      throw error;
    }
    if (!replay) {
      await this.audit.append({
        actorId: principal.id,
        actorRole: principal.role,
        action: command.kind === 'record' ? `fact.${command.event.type}` : `project.${command.kind}`,
        projectId,
        details: {
          command,
          factIndex: result.factIndex,
          ...(idempotencyKey ? { idempotencyKey } : {}),
          ...lateness(command),
        },
      });
    }
    return result;
  }
}

function refusalOf(cause: unknown): Refusal | null {
  if (!(cause instanceof ApplicationFailure) || cause.type !== 'FactRejected') return null;
  const first = cause.details?.[0] as Refusal | undefined;
  return first && typeof first.code === 'string' ? first : null;
}

function send(
  handle: ReturnType<Client['workflow']['getHandle']>,
  command: Command,
  actor: Actor,
  options: { updateId?: string },
): Promise<UpdateResult> {
  switch (command.kind) {
    case 'record':
      return handle.executeUpdate(recordEventUpdate, { args: [{ event: command.event, actor }], ...options });
    case 'pause':
      return handle.executeUpdate(pauseUpdate, { args: [{ actor, reason: command.reason }], ...options });
    case 'resume':
      return handle.executeUpdate(resumeUpdate, { args: [{ actor, reason: command.reason }], ...options });
    case 'terminate':
      return handle.executeUpdate(terminateUpdate, {
        args: [
          {
            actor,
            reason: command.reason,
            ...(command.effectiveOn ? { effectiveOn: command.effectiveOn } : {}),
          },
        ],
        ...options,
      });
  }
}

/** A fact entered long after it happened carries both dates in its audit entry (补录). */
function lateness(command: Command): { recordedLate?: { on: string; recordedOn: string; days: number } } {
  if (command.kind !== 'record') return {};
  const recordedOn = shanghaiDateOf(Date.now());
  const days = daysRecordedLate(command.event.on, recordedOn);
  return days === null ? {} : { recordedLate: { on: command.event.on, recordedOn, days } };
}
