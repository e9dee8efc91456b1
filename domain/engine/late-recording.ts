import { daysBetween, IsoDate } from '../calendar';

/**
 * A fact dated more than this many days before the day it was recorded was entered afterwards (补录):
 * allowed — projects already under way are brought in this way — but shown, so backdating is visible.
 */
export const LATE_RECORDING_DAYS = 7;

/** Days between when it happened and when it was recorded, when that is late; null when it is not. */
export function daysRecordedLate(on: IsoDate, recordedOn: IsoDate): number | null {
  const days = daysBetween(on, recordedOn);
  return days > LATE_RECORDING_DAYS ? days : null;
}
