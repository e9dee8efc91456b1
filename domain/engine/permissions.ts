import { refusal, type Refusal } from './refusal';
import type { EventType, Role } from './types';

const DEPARTMENT_FACTS: readonly EventType[] = [
  'plan.filed',
  'change.requested',
  'contract.signed',
  'contract.filed',
  'construction.completed',
  'trial-run.started',
  'trial-run.stable',
  'acceptance.preliminary.passed',
  'acceptance.preliminary.failed',
  'acceptance.applied',
  'rectification.completed',
  'operation.started',
  'self-evaluation.submitted',
  'annual-report.submitted',
  'termination.requested',
];

/** Acts of the bureau (局): it approves, accepts and extends (e.g. Shandong 第九条/第二十三条, Jilin 第二十五条). */
const BUREAU_FACTS: readonly EventType[] = [
  ...DEPARTMENT_FACTS,
  'project.approved',
  'acceptance.passed',
  'acceptance.failed',
  'extension.granted',
];

/** Suspending a project is an administrator's act (spec §3, last note). */
const ADMIN_FACTS: readonly EventType[] = [...BUREAU_FACTS, 'project.paused', 'project.resumed'];

export const RECORDABLE_BY: Record<Role, ReadonlySet<EventType>> = {
  department: new Set(DEPARTMENT_FACTS),
  operator: new Set(BUREAU_FACTS),
  admin: new Set(ADMIN_FACTS),
};

export function mayRecord(role: Role, type: EventType): boolean {
  return RECORDABLE_BY[role].has(type);
}

export function permissionRejection(role: Role, type: EventType): Refusal | null {
  if (mayRecord(role, type)) return null;
  const by = (['department', 'operator', 'admin'] as const).filter((r) => mayRecord(r, type));
  return refusal('not-permitted', { role, type, by });
}
