import { Inject, Injectable, OnModuleDestroy, UnprocessableEntityException } from '@nestjs/common';
import { DEFAULT_REMINDERS, findPolicy, POLICIES, PolicyPack, shanghaiDateOf } from '../../../domain';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { SimulationPool } from './simulation-pool';
import { localized } from '../common/localized.exception';

/** What one /simulate request may ask for: its cost grows with cases × events, its answer with both. */
export const SIMULATE_LIMITS = { cases: 20, eventsPerCase: 200, events: 1_000, answerBytes: 2_000_000 };

function describePolicy(p: PolicyPack) {
  const today = shanghaiDateOf(Date.now());
  return {
    id: p.id,
    name: p.name,
    jurisdiction: p.jurisdiction,
    level: p.level,
    version: p.version,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    draft: p.draft,
    // Whether a registration today needs allowOutOfForce, judged as registration judges it.
    inForce:
      (p.validFrom === null || today >= p.validFrom) && (p.validUntil === null || today <= p.validUntil),
    requiresCategory: p.requiresCategory ?? false,
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
export class PoliciesService implements OnModuleDestroy {
  private readonly pool: SimulationPool;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.pool = new SimulationPool({ threads: config.simulate.threads, queueLimit: 4, timeoutMs: 10_000 });
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  list() {
    return POLICIES.map(describePolicy);
  }

  one(id: string) {
    const pack = findPolicy(id);
    if (!pack)
      throw localized(
        404,
        `没有编号为「${id}」的办法，可用的有：${POLICIES.map((p) => `${p.id}（${p.name}）`).join('、')}`,
        `no policy ${id}; known: ${POLICIES.map((p) => p.id).join(', ')}`,
      );
    return describePolicy(pack);
  }

  /** The same input and output as the `deadlines` command, as JSON text ready to send. */
  async simulate(body: unknown): Promise<string> {
    const cases = Array.isArray(body) ? body : [body];
    checkCost(cases);
    const { parts, caseErrors } = await this.pool.run(cases);
    if (!Array.isArray(body) && caseErrors[0]) throw new UnprocessableEntityException(caseErrors[0]);
    const json = Array.isArray(body) ? `[${parts.join(',')}]` : (parts[0] as string);
    if (json.length > SIMULATE_LIMITS.answerBytes) {
      throw localized(
        413,
        `模拟结果超过 ${SIMULATE_LIMITS.answerBytes} 字节，请分成几次提交`,
        `the answer would exceed ${SIMULATE_LIMITS.answerBytes} bytes; split the cases`,
      );
    }
    return json;
  }
}

function checkCost(cases: unknown[]): void {
  const { cases: maxCases, eventsPerCase, events: maxEvents } = SIMULATE_LIMITS;
  if (cases.length > maxCases)
    throw localized(
      422,
      `一次最多模拟 ${maxCases} 个案例，请分成几次提交`,
      `at most ${maxCases} cases per request; split them`,
    );
  let total = 0;
  cases.forEach((c, i) => {
    const events = (c as { events?: unknown })?.events;
    const count = Array.isArray(events) ? events.length : 0;
    if (count > eventsPerCase) {
      throw localized(
        422,
        `第 ${i + 1} 个案例的「events」超过 ${eventsPerCase} 条，请拆分后提交`,
        `case ${i}: at most ${eventsPerCase} events`,
      );
    }
    total += count;
  });
  if (total > maxEvents)
    throw localized(
      422,
      `一次最多模拟 ${maxEvents} 条事实，请分成几次提交`,
      `at most ${maxEvents} events per request; split them`,
    );
}
