import { CalendarRangeError, WorkingCalendar } from '../calendar';
import { CaseError, parseCase } from './case-input';
import { evaluate } from './evaluate';
import type { EvaluationResult } from './types';

export type CaseOutcome = EvaluationResult | { error: string };

/**
 * One case of the `deadlines` command (and of POST /simulate): a result, or `{ error }` for a case that
 * cannot be read. Anything else thrown is a bug and propagates.
 */
export function simulateCase(raw: unknown, cal: WorkingCalendar = WorkingCalendar.standard()): CaseOutcome {
  try {
    const { pack, input } = parseCase(raw);
    return evaluate(pack, input, cal);
  } catch (error) {
    if (error instanceof CaseError || error instanceof CalendarRangeError) return { error: error.message };
    throw error;
  }
}

export function isCaseError(outcome: CaseOutcome): outcome is { error: string } {
  return 'error' in outcome;
}
