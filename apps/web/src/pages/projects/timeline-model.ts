import type { Fact, Obligation } from './projects.types';

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

export interface Span {
  from: string;
  to: string;
}

/** Paused spans of the whole project, from its pause and resume facts (an open one runs to today). */
export function pausedSpans(facts: Pick<Fact, 'type' | 'on'>[], today: string): Span[] {
  const spans: Span[] = [];
  let since: string | null = null;
  for (const f of facts) {
    if (f.type === 'project.paused' && since === null) since = f.on;
    if (f.type === 'project.resumed' && since !== null) {
      spans.push({ from: since, to: f.on });
      since = null;
    }
  }
  if (since !== null) spans.push({ from: since, to: today });
  return spans;
}

/** The bars of one obligation's row: its window, an extension, how long it is overdue, when it was met. */
export interface Bars {
  window: Span | null;
  extended: Span | null;
  overdue: Span | null;
  met: string | null;
}

export function barsOf(o: Obligation, today: string): Bars {
  const start = o.opensOn ?? o.explanation.trigger.on ?? o.dueOn;
  const originalDue = o.extended ? o.extended.originalDueOn : null;
  const windowEnd = originalDue ?? o.dueOn;
  return {
    window: start && windowEnd ? { from: start, to: windowEnd } : null,
    extended: originalDue && o.dueOn ? { from: originalDue, to: o.dueOn } : null,
    overdue: o.status === 'overdue' && o.dueOn && o.dueOn < today ? { from: o.dueOn, to: today } : null,
    met: o.metOn,
  };
}

/** One axis for every row: positions as percentages of the span from the earliest date to the latest. */
export function axisOf(dates: string[]): { at: (d: string) => number; width: (s: Span) => number } {
  const all = dates.map(ms);
  const min = Math.min(...all) - 3 * DAY;
  const max = Math.max(...all) + 3 * DAY;
  return {
    at: (d) => ((ms(d) - min) / (max - min)) * 100,
    // A one-day span still shows.
    width: (s) => Math.max(((ms(s.to) - ms(s.from)) / (max - min)) * 100, 0.6),
  };
}

export function timelineDates(obligations: Obligation[], paused: Span[], today: string): string[] {
  return [
    today,
    ...obligations.flatMap((o) =>
      [o.opensOn, o.dueOn, o.metOn, o.explanation.trigger.on, o.extended?.originalDueOn ?? null].filter(
        (d): d is string => d !== null,
      ),
    ),
    ...paused.flatMap((p) => [p.from, p.to]),
  ];
}
