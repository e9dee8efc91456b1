import { EVENT_LABELS, STATUS_LABELS } from '../../../../../domain/engine/labels';
import { RECORDABLE_BY } from '../../../../../domain/engine/permissions';
import type { Role } from '../../../../../domain/engine/types';
import type { ObligationStatus, ProjectDetail, ProjectStatus } from './projects.types';

/** 事项名称 of a fact type, as the engine's explanations name it. */
export const factTitle = (type: string): string => EVENT_LABELS[type as keyof typeof EVENT_LABELS] ?? type;

export const obligationStatusTitle = (status: string): string =>
  STATUS_LABELS[status as ObligationStatus] ?? status;

export const PROJECT_STATUS_TITLES: Record<ProjectStatus, string> = {
  active: '进行中',
  paused: '已暂停',
  terminated: '已终止',
  completed: '已办结',
};

export const projectStatusTitle = (status: string): string =>
  PROJECT_STATUS_TITLES[status as ProjectStatus] ?? status;

/**
 * Facts recorded through the fact form: the role's own (the server re-checks), without those that have
 * their own routes and forms (a change request; pause, resume and termination are the administrator's).
 */
const OWN_FORMS = new Set(['change.requested', 'project.paused', 'project.resumed', 'termination.requested']);

export function recordableFacts(role: Role): { type: string; title: string }[] {
  return [...RECORDABLE_BY[role]]
    .filter((type) => !OWN_FORMS.has(type))
    .map((type) => ({ type, title: factTitle(type) }));
}

export interface AllowedActions {
  recordFact: boolean;
  requestChange: boolean;
  requestCorrection: boolean;
  subscribeFeed: boolean;
}

/**
 * What the caller may do on this project, from the role and the project's state, so the page offers only
 * that; the server decides again on every request.
 */
export function allowedActions(role: Role, project: Pick<ProjectDetail, 'status' | 'facts'>): AllowedActions {
  const open = project.status === 'active' || project.status === 'paused';
  return {
    recordFact: open,
    requestChange: open,
    // A department asks and the bureau decides; the administrator corrects on its own route.
    requestCorrection: open && project.facts.length > 0,
    subscribeFeed: true,
  };
}
