/**
 * Calendar dates as `YYYY-MM-DD` strings (Asia/Shanghai civil dates) and the pure arithmetic on them.
 * Internally a date is a day number (days since 1970-01-01) so comparisons and steps are integer maths.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China has kept UTC+8 all year since 1991, so a fixed offset is exact for every date this product handles. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const WEEKDAY_NAMES_ZH = [
  '星期日',
  '星期一',
  '星期二',
  '星期三',
  '星期四',
  '星期五',
  '星期六',
] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** True when `value` is a real calendar date written as `YYYY-MM-DD` (2023-02-29 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Why `value` is not a usable date for `field`, in words a person can act on, or null when it is one.
 * The one message every layer (API, engine, `deadlines` command) gives for an impossible date.
 */
export function dateProblem(field: string, value: unknown, lang: 'zh' | 'en' = 'zh'): string | null {
  if (isIsoDate(value)) return null;
  const missing = lang === 'en' ? '(missing)' : '（缺少）';
  const shown = value === undefined ? missing : typeof value === 'string' ? value : JSON.stringify(value);
  return lang === 'en'
    ? `${field} is not a valid date (a real calendar date written YYYY-MM-DD): ${shown}`
    : `「${field}」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：${shown}`;
}

export function parts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parts(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function yearOf(date: IsoDate): number {
  return parts(date).year;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/**
 * 民法典 第202条: N months after D is the same day-of-month N months later, or that month's last day
 * when it has no such day. `clamped` says the month-end rule applied.
 */
export function addMonths(date: IsoDate, months: number): { date: IsoDate; clamped: boolean } {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = daysInMonth(y, m);
  return { date: fromParts(y, m, Math.min(day, last)), clamped: day > last };
}

/** Years count as twelve months each (2024-02-29 + 1 year = 2025-02-28). */
export function addYears(date: IsoDate, years: number): { date: IsoDate; clamped: boolean } {
  return addMonths(date, years * 12);
}

/** The Asia/Shanghai calendar date of an instant (epoch milliseconds). */
export function shanghaiDateOf(epochMs: number): IsoDate {
  return fromDayNumber(Math.floor((epochMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** The instant 00:00 Asia/Shanghai begins on `date`, plus an optional number of hours. */
export function shanghaiInstant(date: IsoDate, hours = 0): number {
  return toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS + hours * 3_600_000;
}
