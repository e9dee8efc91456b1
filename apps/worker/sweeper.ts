/**
 * Finds projects whose workflow is missing and repairs them: a registration left half-done (its row
 * written, no workflow started) is removed, and a project that should be running but has no running
 * workflow (terminated behind the API's back, lost with a Temporal database) is started again from its
 * recorded facts. Every repair is audited.
 */
import { Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { LessThan, Not, In, type DataSource } from 'typeorm';
import type { ProjectRecord, RecordedFact } from '../../activities/types';
import { FactEntity, ProjectEntity } from '../../db/entities';
import { appendAudit } from '../../db/repositories/audit-log.repository';
import type { ProjectAttributes, ProjectEvent, Role } from '../../domain';
import { projectLifecycle } from '../../workflows';
import { projectWorkflowId } from '../../workflows/messages';

export interface SweepOptions {
  client: Client;
  dataSource: DataSource;
  taskQueue: string;
  /** Rows younger than this are left alone: their workflow may be starting, or not yet visible. */
  graceMs?: number;
  now?: () => number;
}

export interface SweepResult {
  removed: string[];
  restarted: string[];
}

const SYSTEM = { actorId: 'system:sweeper', actorRole: 'system' };

export async function sweepProjects(options: SweepOptions): Promise<SweepResult> {
  const { client, dataSource } = options;
  const before = new Date((options.now ?? Date.now)() - (options.graceMs ?? 120_000));
  const suspects = await dataSource.getRepository(ProjectEntity).find({
    where: { status: Not(In(['completed', 'terminated'])), updatedAt: LessThan(before) },
  });
  const result: SweepResult = { removed: [], restarted: [] };
  if (suspects.length === 0) return result;
  const running = new Set<string>();
  for await (const w of client.workflow.list({
    query: `WorkflowType = 'projectLifecycle' AND ExecutionStatus = 'Running'`,
  })) {
    running.add(w.workflowId);
  }
  for (const project of suspects) {
    if (running.has(project.workflowId)) continue;
    if (project.status === 'registering') {
      await dataSource.getRepository(ProjectEntity).delete({ id: project.id, status: 'registering' });
      await appendAudit(dataSource, {
        ...SYSTEM,
        action: 'project.registration-removed',
        projectId: project.id,
        details: { reason: 'no workflow was ever started for this registration', name: project.name },
      });
      result.removed.push(project.id);
    } else {
      await restart(options, project);
      result.restarted.push(project.id);
    }
  }
  return result;
}

/** Starts the project's workflow again with every fact it had, in the order they were recorded. */
async function restart(options: SweepOptions, project: ProjectEntity): Promise<void> {
  const facts = await options.dataSource
    .getRepository(FactEntity)
    .find({ where: { projectId: project.id }, order: { eventIndex: 'ASC' } });
  const history: RecordedFact[] = facts.map((f) => ({
    event: f.payload as unknown as ProjectEvent,
    actor: { id: f.actorId, role: f.actorRole as Role | 'system' },
    idempotencyKey: f.idempotencyKey,
    recordedAt: f.recordedAt.getTime(),
  }));
  const record: ProjectRecord = {
    id: project.id,
    name: project.name,
    departmentId: project.departmentId,
    policyId: project.policyId,
    policyVersion: project.policyVersion,
    attributes: project.attributes as unknown as ProjectAttributes,
  };
  await options.client.workflow.start(projectLifecycle, {
    workflowId: projectWorkflowId(project.id),
    taskQueue: options.taskQueue,
    // An imported project keeps its source: its first evaluation announces nothing overdue again.
    args: [
      {
        project: record,
        ...(history.length ? { history } : {}),
        ...(project.source ? { source: project.source } : {}),
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await appendAudit(options.dataSource, {
    ...SYSTEM,
    action: 'project.workflow-restarted',
    projectId: project.id,
    details: {
      reason: 'the project had no running workflow',
      facts: history.length,
      status: project.status,
      ...(project.source ? { source: project.source } : {}),
    },
  });
}

/** Sweeps every `intervalMs` until stopped; a failed sweep is logged and the next one runs. */
export function startSweeper(options: SweepOptions & { intervalMs: number }) {
  const logger = new Logger('Sweeper');
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const { removed, restarted } = await sweepProjects(options);
      if (removed.length || restarted.length)
        logger.warn(
          `removed ${removed.length} half-done registrations, restarted ${restarted.length} workflows`,
        );
    } catch (error) {
      logger.error(`sweep failed: ${(error as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void tick(), options.intervalMs);
  };
  timer = setTimeout(() => void tick(), options.intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
