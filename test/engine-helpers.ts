import {
  evaluate,
  findPolicy,
  Obligation,
  ProjectAttributes,
  ProjectEvent,
  WorkingCalendar,
} from '../domain';

export type Ev = Omit<Partial<ProjectEvent>, 'type'> & { type: string; on: string };

export function run(
  policy: string,
  project: Partial<ProjectAttributes>,
  events: Ev[],
  asOf: string,
  cal?: WorkingCalendar,
) {
  const pack = findPolicy(policy);
  if (!pack) throw new Error(`no policy ${policy}`);
  return evaluate(
    pack,
    {
      project: { planYear: 2024, investment: 1_000_000, ...project },
      events: events as ProjectEvent[],
      asOf,
    },
    cal,
  );
}

export function obligation(result: { obligations: Obligation[] }, key: string): Obligation {
  const found = result.obligations.find((o) => o.key === key);
  if (!found)
    throw new Error(`no obligation ${key}; have ${result.obligations.map((o) => o.key).join(', ')}`);
  return found;
}
