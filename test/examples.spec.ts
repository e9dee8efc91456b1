import examples from './fixtures/examples.json';
import { isCaseError, simulateCase } from '../domain';

interface Example {
  name: string;
  case: unknown;
  expected: {
    obligations: {
      key: string;
      opensOn: string | null;
      dueOn: string | null;
      status: string;
      provisional: boolean;
    }[];
    requirements: string[];
    changes: { event: number; path: string }[];
    rejected: { event: number }[];
  };
}

describe.each((examples as Example[]).map((e) => [e.name, e] as const))('%s', (_name, example) => {
  const outcome = simulateCase(example.case);
  if (isCaseError(outcome)) throw new Error(outcome.error);

  it('has the expected obligations, field by field', () => {
    expect(outcome.obligations.map((o) => o.key)).toEqual(example.expected.obligations.map((o) => o.key));
    example.expected.obligations.forEach((expected, i) => {
      const got = outcome.obligations[i];
      expect({
        key: got?.key,
        opensOn: got?.opensOn,
        dueOn: got?.dueOn,
        status: got?.status,
        provisional: got?.provisional,
      }).toEqual(expected);
    });
  });

  it('has the expected requirements', () => {
    expect(outcome.requirements.map((r) => r.key)).toEqual(example.expected.requirements);
  });

  it('has the expected change paths', () => {
    expect(outcome.changes.map(({ event, path }) => ({ event, path }))).toEqual(example.expected.changes);
  });

  it('rejects exactly the expected events', () => {
    expect(outcome.rejected.map((r) => r.event)).toEqual(example.expected.rejected.map((r) => r.event));
  });

  it('cites an article for every obligation', () => {
    outcome.obligations.forEach((o) => expect(o.basis).toMatch(/^(Jilin|Wuhan|Shandong|Yunfu|Jinhu) 第.+条/));
  });
});
