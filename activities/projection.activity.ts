import type { DataSource, EntityManager } from 'typeorm';
import { FactEntity, ObligationEntity, ProjectEntity } from '../db/entities';
import { adjustObligationCounts } from '../db/repositories/obligation-counts.repository';
import { resolveNotices } from './notice-resolution';
import type { ProjectionInput } from './types';

/**
 * Writes a project's state to the read model inside the caller's transaction. Idempotent: the same input
 * twice leaves the same rows.
 */
export async function writeProjection(tx: EntityManager, input: ProjectionInput): Promise<void> {
  const { project, facts, result, status } = input;
  const open = result.obligations.filter(
    (o) => o.status === 'open' || o.status === 'overdue' || o.status === 'pending',
  );
  const nextDueOn =
    open
      .map((o) => o.dueOn)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  await tx.upsert(
    ProjectEntity,
    {
      id: project.id,
      name: project.name,
      departmentId: project.departmentId,
      policyId: project.policyId,
      policyVersion: project.policyVersion,
      attributes: project.attributes,
      status,
      flags: result.flags,
      workflowId: `project-${project.id}`,
      nextDueOn,
      overdueCount: result.obligations.filter((o) => o.status === 'overdue').length,
      updatedAt: new Date(),
    },
    ['id'],
  );
  // A fact the workflow refused after it reached the read model (a later step failed) is not a fact.
  const kept = facts.map((f) => f.idempotencyKey);
  const refused = tx
    .createQueryBuilder()
    .delete()
    .from(FactEntity)
    .where('project_id = :id', { id: project.id });
  await (kept.length ? refused.andWhere('idempotency_key NOT IN (:...kept)', { kept }) : refused).execute();
  if (facts.length > 0) {
    await tx
      .createQueryBuilder()
      .insert()
      .into(FactEntity)
      .values(
        facts.map((f, index) => ({
          projectId: project.id,
          idempotencyKey: f.idempotencyKey,
          eventIndex: index,
          type: f.event.type,
          occurredOn: f.event.on,
          payload: f.event,
          actorId: f.actor.id,
          actorRole: f.actor.role,
          recordedAt: new Date(f.recordedAt),
        })),
      )
      // A corrected fact keeps its key but changes its date, and a withdrawn one moves those after it.
      .orUpdate(['event_index', 'occurred_on', 'payload'], ['project_id', 'idempotency_key'])
      .execute();
  }
  const owner = { departmentId: project.departmentId, policyId: project.policyId };
  // After the project row's upsert locked it, before the obligations change: see the repository.
  await adjustObligationCounts(
    tx,
    project.id,
    result.obligations.map((o) => ({ ...owner, status: o.status })),
  );
  const keys = result.obligations.map((o) => o.key);
  const stale = tx
    .createQueryBuilder()
    .delete()
    .from(ObligationEntity)
    .where('project_id = :id', { id: project.id });
  await (keys.length ? stale.andWhere('key NOT IN (:...keys)', { keys }) : stale).execute();
  if (result.obligations.length > 0) {
    await tx.upsert(
      ObligationEntity,
      result.obligations.map((o) => ({
        projectId: project.id,
        ...owner,
        projectName: project.name,
        key: o.key,
        title: o.title,
        opensOn: o.opensOn,
        dueOn: o.dueOn,
        status: o.status,
        provisional: o.provisional,
        basis: o.basis,
        metOn: o.metOn,
        extended: o.extended ?? null,
        suspended: o.suspended ?? null,
        explanation: o.explanation,
        updatedAt: new Date(),
      })),
      ['projectId', 'key'],
    );
  }
  await resolveNotices(tx, project.id, result.obligations, new Date());
}

/** The read model alone, as workflows recorded before `record-fact.activity.ts` still schedule it. */
export function createProjectionActivities(dataSource: DataSource) {
  return {
    async projectState(input: ProjectionInput): Promise<void> {
      await dataSource.transaction((tx) => writeProjection(tx, input));
    },
  };
}
