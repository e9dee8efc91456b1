import {
  citationOf,
  evaluate,
  findPolicy,
  type IsoDate,
  type ProjectAttributes,
  type ProjectEvent,
  type WorkingCalendar,
} from '../../../domain';

export interface ProjectFacts {
  policyId: string;
  attributes: object;
  events: object[];
}

export interface ObligationMove {
  key: string;
  title: string;
  basis: string;
  /** The basis as the console shows it (《办法》第N条). */
  basisText: string;
  before: { opensOn: IsoDate | null; dueOn: IsoDate | null };
  after: { opensOn: IsoDate | null; dueOn: IsoDate | null };
}

/**
 * The obligations whose dates differ between two calendars, each computed by the engine from the
 * project's recorded facts: what loading a notice would move, and what it did move.
 */
export function obligationMoves(
  project: ProjectFacts,
  before: WorkingCalendar,
  after: WorkingCalendar,
  asOf: IsoDate,
): ObligationMove[] {
  const pack = findPolicy(project.policyId);
  if (!pack) return [];
  const input = {
    project: project.attributes as unknown as ProjectAttributes,
    events: project.events as unknown as ProjectEvent[],
    asOf,
  };
  const old = new Map(evaluate(pack, input, before).obligations.map((o) => [o.key, o]));
  const moves: ObligationMove[] = [];
  for (const o of evaluate(pack, input, after).obligations) {
    const was = old.get(o.key);
    if (was && was.opensOn === o.opensOn && was.dueOn === o.dueOn) continue;
    moves.push({
      key: o.key,
      title: o.title,
      basis: o.basis,
      basisText: citationOf(o.basis),
      before: { opensOn: was?.opensOn ?? null, dueOn: was?.dueOn ?? null },
      after: { opensOn: o.opensOn, dueOn: o.dueOn },
    });
  }
  return moves;
}
