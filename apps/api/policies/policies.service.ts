import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  DEFAULT_REMINDERS,
  findPolicy,
  isCaseError,
  POLICIES,
  PolicyPack,
  simulateCase,
} from '../../../domain';

function describePolicy(p: PolicyPack) {
  return {
    id: p.id,
    name: p.name,
    jurisdiction: p.jurisdiction,
    level: p.level,
    version: p.version,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    draft: p.draft,
    obligations: p.obligations.map((r) => ({ key: r.key, title: r.title, basis: r.basis, metBy: r.metBy })),
    requirements: p.requirements.map(({ key, title, basis }) => ({ key, title, basis })),
    change: { basis: p.change.basis },
    checks: p.checks.map((c) => ({ event: c.type, basis: c.basis })),
    pauseBasis: p.pauseBasis,
    reminders: p.reminders ?? DEFAULT_REMINDERS,
  };
}

/** The rules with their articles, and the engine over HTTP. */
@Injectable()
export class PoliciesService {
  list() {
    return POLICIES.map(describePolicy);
  }

  one(id: string) {
    const pack = findPolicy(id);
    if (!pack) throw new NotFoundException(`no policy ${id}; known: ${POLICIES.map((p) => p.id).join(', ')}`);
    return describePolicy(pack);
  }

  /** The same input and output as the `deadlines` command. */
  simulate(body: unknown) {
    const cases = Array.isArray(body) ? body : [body];
    if (cases.length > 100) throw new UnprocessableEntityException('at most 100 cases per request');
    const outcomes = cases.map((c) => simulateCase(c));
    if (!Array.isArray(body) && outcomes[0] && isCaseError(outcomes[0]))
      throw new UnprocessableEntityException(outcomes[0].error);
    return Array.isArray(body) ? outcomes : outcomes[0];
  }
}
