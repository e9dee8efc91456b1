import { EVENT_LABELS, type EventType } from '../../../domain';
import type { ImportRow, RowProblem } from './import-rows';

/** A fact a re-uploaded row brings that its project does not have yet (补录). */
export interface Supplement {
  row: number;
  column: string;
  type: EventType;
  on: string;
}

/**
 * What a row of an already imported project adds: each fact date its project has not recorded. A date
 * that differs from the one recorded for the same fact is not added (that is a correction, asked for
 * in the project) but reported on its column; the row then adds nothing.
 */
export function supplementsOf(
  item: ImportRow,
  recorded: { type: string; on: string }[],
): { supplements: Supplement[]; problems: RowProblem[] } {
  const supplements: Supplement[] = [];
  const problems: RowProblem[] = [];
  for (const [i, event] of (item.dto.events ?? []).entries()) {
    const type = event.type as EventType;
    const column = item.eventColumns[i] ?? '项目编号';
    const same = recorded.filter((f) => f.type === type);
    if (same.some((f) => f.on === event.on)) continue;
    if (same.length) {
      problems.push({
        row: item.row,
        column,
        problem:
          `「${EVENT_LABELS[type]}」已记录为 ${same.map((f) => f.on).join('、')}，与本次的 ${event.on} 不同；` +
          '补录不改已记录的日期，如需更正，请在项目中提交更正申请',
      });
      continue;
    }
    supplements.push({ row: item.row, column, type, on: event.on });
  }
  return problems.length ? { supplements: [], problems } : { supplements, problems };
}
