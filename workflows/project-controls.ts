/**
 * The administrators' and bureau's controls on a project — pause, resume, terminate, extend — as updates
 * that each record one fact dated today. A separate module so the lifecycle stays a thin orchestrator;
 * handlers add no commands to history, so moving them here changes nothing on replay.
 */
import { setHandler } from '@temporalio/workflow';
import type { Actor } from '../activities/types';
import { shanghaiDateOf, type ProjectEvent } from '../domain';
import { grantExtensionUpdate, pauseUpdate, resumeUpdate, terminateUpdate, UpdateResult } from './messages';

/** What the lifecycle lends this module: its validator and its one-at-a-time recording of a fact. */
export interface ControlsHost {
  validate(event: Omit<ProjectEvent, 'actor'>, actor: Actor): void;
  record(event: Omit<ProjectEvent, 'actor'>, actor: Actor): Promise<UpdateResult>;
}

const today = () => shanghaiDateOf(Date.now());

const pauseEvent = (type: 'project.paused' | 'project.resumed', reason: string) => ({
  type,
  on: today(),
  reason,
});

const termination = (reason: string, effectiveOn?: string) => ({
  type: 'termination.requested' as const,
  on: today(),
  effectiveOn: effectiveOn ?? today(),
  reason,
});

const extension = (obligation: string, until: string, reason?: string) => ({
  type: 'extension.granted' as const,
  on: today(),
  obligation,
  until,
  ...(reason ? { reason } : {}),
});

export function installControls({ validate, record }: ControlsHost): void {
  setHandler(pauseUpdate, ({ actor, reason }) => record(pauseEvent('project.paused', reason), actor), {
    validator: ({ actor, reason }) => validate(pauseEvent('project.paused', reason), actor),
  });
  setHandler(resumeUpdate, ({ actor, reason }) => record(pauseEvent('project.resumed', reason), actor), {
    validator: ({ actor, reason }) => validate(pauseEvent('project.resumed', reason), actor),
  });
  setHandler(
    terminateUpdate,
    ({ actor, reason, effectiveOn }) => record(termination(reason, effectiveOn), actor),
    {
      validator: ({ actor, reason, effectiveOn }) => {
        // The API refuses these first, in Chinese; this guards the workflow against any other client.
        if (actor.role !== 'admin')
          throw new Error('只有管理员可以终止项目（only an administrator may terminate a project）');
        if (!reason?.trim()) throw new Error('终止项目须写明原因（a termination needs a reason）');
        validate(termination(reason, effectiveOn), actor);
      },
    },
  );
  setHandler(
    grantExtensionUpdate,
    ({ actor, obligation, until, reason }) => record(extension(obligation, until, reason), actor),
    {
      validator: ({ actor, obligation, until, reason }) =>
        validate(extension(obligation, until, reason), actor),
    },
  );
}
