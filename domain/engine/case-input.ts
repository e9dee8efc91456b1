import {
  dateProblem,
  FIRST_SUPPORTED_YEAR,
  isIsoDate,
  IsoDate,
  LAST_SUPPORTED_YEAR,
  yearOf,
} from '../calendar';
import { findPolicy, POLICIES } from '../policies';
import type { PolicyPack } from '../policies/types';
import type { EvaluationInput, ProjectAttributes, ProjectEvent, Role } from './types';

/** A case that cannot be read at all (spec §6): unknown policy, a date that is not a date, … */
export class CaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseError';
  }
}

const DATE_FIELDS = ['on', 'until', 'effectiveOn'] as const;
const ROLES: readonly Role[] = ['department', 'operator', 'admin'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function date(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) throw new CaseError(dateProblem(path, value) as string);
  const year = yearOf(value);
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new CaseError(
      `${path}: ${value} is outside the supported years ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`,
    );
  }
  return value;
}

function amount(value: unknown, path: string, required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) throw new CaseError(`${path} is required (yuan, a number ≥ 0)`);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CaseError(`${path}: ${JSON.stringify(value)} is not an amount in yuan (a number ≥ 0)`);
  }
  return value;
}

function project(raw: unknown, pack: PolicyPack): ProjectAttributes {
  if (!isObject(raw)) throw new CaseError('project: must be an object with planYear and investment');
  const { planYear, category, plannedAcceptanceOn, registeredOn } = raw;
  if (typeof planYear !== 'number' || !Number.isInteger(planYear)) {
    throw new CaseError(`project.planYear: ${JSON.stringify(planYear) ?? 'missing'} is not a year`);
  }
  if (planYear <= FIRST_SUPPORTED_YEAR || planYear > LAST_SUPPORTED_YEAR) {
    throw new CaseError(
      `project.planYear: ${planYear} is outside ${FIRST_SUPPORTED_YEAR + 1}–${LAST_SUPPORTED_YEAR}`,
    );
  }
  if (category !== undefined && category !== null && category !== 'key' && category !== 'general') {
    throw new CaseError(
      `project.category: ${JSON.stringify(category)} is neither "key" (重点类) nor "general" (一般类)`,
    );
  }
  if (pack.requiresCategory && !category) {
    throw new CaseError(
      `project.category is required under ${pack.id}: "key" (重点类) or "general" (一般类)`,
    );
  }
  const softwareDevelopment = amount(raw.softwareDevelopment, 'project.softwareDevelopment', false);
  return {
    planYear,
    investment: amount(raw.investment, 'project.investment', true) as number,
    ...(softwareDevelopment !== undefined ? { softwareDevelopment } : {}),
    ...(category ? { category } : {}),
    plannedAcceptanceOn:
      plannedAcceptanceOn === undefined || plannedAcceptanceOn === null
        ? null
        : date(plannedAcceptanceOn, 'project.plannedAcceptanceOn'),
    ...(registeredOn !== undefined && registeredOn !== null
      ? { registeredOn: date(registeredOn, 'project.registeredOn') }
      : {}),
  };
}

function event(raw: unknown, i: number): ProjectEvent {
  const path = `events[${i}]`;
  if (!isObject(raw)) throw new CaseError(`${path}: must be an object with "type" and "on"`);
  if (typeof raw.type !== 'string') throw new CaseError(`${path}.type: must be a string`);
  const checked: Record<string, unknown> = { ...raw };
  checked.on = date(raw.on, `${path}.on`);
  for (const field of DATE_FIELDS) {
    if (field !== 'on' && raw[field] !== undefined) checked[field] = date(raw[field], `${path}.${field}`);
  }
  if (raw.actor !== undefined) {
    const role = isObject(raw.actor) ? raw.actor.role : undefined;
    if (!ROLES.includes(role as Role))
      throw new CaseError(`${path}.actor.role: must be one of ${ROLES.join(', ')}`);
  }
  return checked as unknown as ProjectEvent;
}

/** Reads one case of the `deadlines` command (spec §6) or throws a CaseError that says what is wrong. */
export function parseCase(raw: unknown): { pack: PolicyPack; input: EvaluationInput } {
  if (!isObject(raw)) throw new CaseError('a case must be an object with policy, project, events and asOf');
  const pack = typeof raw.policy === 'string' ? findPolicy(raw.policy) : undefined;
  if (!pack) {
    throw new CaseError(
      `unknown policy ${JSON.stringify(raw.policy) ?? '(missing)'}; known: ${POLICIES.map((p) => p.id).join(', ')}`,
    );
  }
  const events = raw.events ?? [];
  if (!Array.isArray(events)) throw new CaseError('events: must be an array');
  return {
    pack,
    input: {
      project: project(raw.project, pack),
      events: events.map(event),
      asOf: date(raw.asOf, 'asOf'),
    },
  };
}
