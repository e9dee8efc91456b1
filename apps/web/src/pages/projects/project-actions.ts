import type { Role } from '../../auth/session';
import type { ObligationStatus, ProjectDetail, ProjectStatus } from './projects.types';

/** 事项名称 of a fact type, as the API worded it for this reader; the code only if it sent none. */
export const factTitle = (titles: Record<string, string>, type: string): string => titles[type] ?? type;

const OBLIGATION_STATUS_TITLES: Record<ObligationStatus, string> = {
  pending: '未开始',
  open: '进行中',
  met: '已完成',
  overdue: '已逾期',
  'met-late': '逾期完成',
  waived: '已豁免',
};

export const obligationStatusTitle = (status: string): string =>
  OBLIGATION_STATUS_TITLES[status as ObligationStatus] ?? status;

export const PROJECT_STATUS_TITLES: Record<ProjectStatus, string> = {
  active: '进行中',
  paused: '已暂停',
  terminated: '已终止',
  completed: '已办结',
};

export const projectStatusTitle = (status: string): string =>
  PROJECT_STATUS_TITLES[status as ProjectStatus] ?? status;

/** The facts the fact form offers: those the API says the caller's role records there, by name. */
export function recordableFacts(
  project: Pick<ProjectDetail, 'recordableFacts' | 'factTitles'>,
): { type: string; title: string }[] {
  return project.recordableFacts.map((type) => ({ type, title: factTitle(project.factTitles, type) }));
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
export function allowedActions(
  role: Role,
  project: Pick<ProjectDetail, 'status' | 'facts' | 'recordableFacts'>,
): AllowedActions {
  const open = project.status === 'active' || project.status === 'paused';
  return {
    recordFact: open && project.recordableFacts.length > 0,
    requestChange: open,
    // Anyone who sees the project may ask; the bureau decides, and an administrator's applies at once.
    requestCorrection: open && project.facts.length > 0,
    // A department subscribes to its own feed; the bureau names the project's department.
    subscribeFeed: role === 'department' || role === 'operator' || role === 'admin',
  };
}
