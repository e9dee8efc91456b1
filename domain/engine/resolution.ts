import type { IsoDate } from '../calendar';
import type { Obligation } from './types';

/** Why a notice stopped being a live alarm: its obligation was met, waived, extended past it, or corrected. */
export type Resolution = 'met' | 'waived' | 'extended' | 'corrected';

/** Notices that claim the obligation is late: they stop holding as soon as it is not overdue any more. */
export const OVERDUE_KINDS: readonly string[] = [
  'overdue-notice',
  'escalation',
  'escalation-head',
  'escalation-leadership',
  'urging',
];

/** Notices about one obligation that never resolve: a 【更正】 is itself the last word. */
const FINAL_KINDS = new Set(['correction', 'import-summary']);

export interface NoticeClaim {
  kind: string;
  dueOn: IsoDate | null;
}

/**
 * Whether a notice about an obligation is resolved by the obligation's state now, and why (Chinese, for
 * the inbox), or null while it still holds. A missing obligation was removed by a corrected fact.
 */
export function noticeResolution(
  notice: NoticeClaim,
  o: Pick<Obligation, 'status' | 'dueOn' | 'metOn' | 'extended'> | undefined,
): { resolution: Resolution; reason: string } | null {
  if (FINAL_KINDS.has(notice.kind)) return null;
  if (!o) return { resolution: 'corrected', reason: '事实更正后该事项已不再适用，无需再办理' };
  if (o.status === 'met' || o.status === 'met-late')
    return { resolution: 'met', reason: `该事项已于 ${o.metOn ?? '—'} 办结，无需再办理` };
  if (o.status === 'waived') return { resolution: 'waived', reason: '该事项已豁免，无需再办理' };
  if (notice.dueOn !== null && o.dueOn !== notice.dueOn) {
    if (o.extended && o.dueOn !== null && o.dueOn > notice.dueOn)
      return {
        resolution: 'extended',
        reason: `该事项期限已延长至 ${o.dueOn}，请按新期限办理`,
      };
    return {
      resolution: 'corrected',
      reason: `该事项期限已由 ${notice.dueOn} 改为 ${o.dueOn ?? '无'}，请按新期限办理`,
    };
  }
  if (OVERDUE_KINDS.includes(notice.kind) && o.status !== 'overdue')
    return { resolution: 'corrected', reason: '按更正后的记录该事项并未逾期，请按期限办理' };
  return null;
}
