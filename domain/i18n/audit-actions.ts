import { eventTitle } from './refusals';
import type { Lang } from './language';

/** What each audited action is called where people read a project's trail. */
const ACTIONS: Record<string, [zh: string, en: string]> = {
  'project.registered': ['登记项目', 'project registered'],
  'project.registration-abandoned': ['登记未完成，已撤销', 'registration abandoned'],
  'project.registration-removed': ['清除未完成的登记（系统）', 'unfinished registration removed'],
  'project.workflow-restarted': ['按已登记的事实重新启动项目（系统）', 'project workflow restarted'],
  'project.pause': ['暂停项目', 'project paused'],
  'project.resume': ['恢复项目', 'project resumed'],
  'project.terminate': ['终止项目', 'project terminated'],
  'fact.refused': ['登记事实被拒绝', 'fact refused'],
  'correction.requested': ['申请更正事实', 'correction requested'],
  'correction.approved': ['批准更正', 'correction approved'],
  'correction.refused': ['驳回更正', 'correction refused'],
  'correction.applied': ['更正生效', 'correction applied'],
  'correction.apply-refused': ['更正未能生效', 'correction could not be applied'],
  'correction.decision-forbidden': ['无权审批更正，已拒绝', 'correction decision refused'],
  'incident.retried': ['重试故障步骤', 'incident retried'],
  'incident.retry-refused': ['重试故障步骤被拒绝', 'incident retry refused'],
  'request.refused': ['请求被拒绝', 'request refused'],
};

/**
 * An audit action as a person reads it: a recorded fact by its 事项名称 (登记“签订合同”), the rest by
 * name; an action this table does not know yet keeps its code rather than being hidden.
 */
export function auditActionTitle(action: string, lang: Lang = 'zh'): string {
  const known = ACTIONS[action];
  if (known) return lang === 'en' ? known[1] : known[0];
  if (action.startsWith('fact.')) {
    const type = action.slice('fact.'.length);
    return lang === 'en' ? `recorded ${type}` : `登记“${eventTitle(type)}”`;
  }
  return action;
}

const ROLES: Record<string, [zh: string, en: string]> = {
  department: ['部门', 'department'],
  operator: ['局经办人员', 'operator'],
  admin: ['系统管理员', 'administrator'],
  system: ['系统', 'system'],
  anonymous: ['未登录', 'anonymous'],
};

/** Who acted, by role, in the reader's language. */
export function roleTitle(role: string, lang: Lang = 'zh'): string {
  const known = ROLES[role];
  return known ? (lang === 'en' ? known[1] : known[0]) : role;
}
