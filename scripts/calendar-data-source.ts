/**
 * Reads the calendar data this product ships from the `chinese-days` package: the official State Council
 * arrangements (2004 onward) and the lunar/solar-term festival dates the provisional rules need.
 * Used by the generator script and by the test that proves the shipped data still matches its source.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import type { YearNotice } from '../domain/calendar/holiday-notice';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../domain/calendar/holiday-notice';
import type { FestivalDates } from '../domain/calendar/statutory-holidays';
import { addDays } from '../domain/calendar/iso-date';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export const SOURCE_LABEL = 'chinese-days@1.5.7 (国务院办公厅部分节假日安排通知)';

/** The full names 《全国年节及纪念日放假办法》 uses, where chinese-days abbreviates. */
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** "National Day,国庆节,3" → "国庆节" */
function chineseName(label: string): string {
  const name = label.split(',')[1] ?? label;
  return FULL_NAMES[name] ?? name;
}

export function officialNoticesFromChineseDays(): YearNotice[] {
  const data = chineseDaysData as ChineseDaysJson;
  const byYear = new Map<number, YearNotice>();
  const add = (date: string, label: string, isOffDay: boolean) => {
    const year = Number(date.slice(0, 4));
    const notice = byYear.get(year) ?? { year, days: [], source: SOURCE_LABEL };
    notice.days.push({ name: chineseName(label), date, isOffDay });
    byYear.set(year, notice);
  };
  for (const [date, label] of Object.entries(data.holidays)) add(date, label, true);
  for (const [date, label] of Object.entries(data.workdays)) add(date, label, false);
  return [...byYear.values()]
    .filter((n) => n.year >= FIRST_SUPPORTED_YEAR)
    .map((n) => ({ ...n, days: n.days.sort((a, b) => (a.date < b.date ? -1 : 1)) }))
    .sort((a, b) => a.year - b.year);
}

/** The lunar library works in the process's local zone; it is only right when that zone is UTC or UTC+8. */
export function festivalDatesFromChineseDays(): Record<number, FestivalDates> {
  if (new Date(2000, 0, 1).getTimezoneOffset() !== 0) {
    throw new Error('run with TZ=UTC: the lunar conversion in chinese-days depends on the local time zone');
  }
  const table: Record<number, FestivalDates> = {};
  for (let year = FIRST_SUPPORTED_YEAR; year <= LAST_SUPPORTED_YEAR; year++) {
    const springFestival = getSolarDateFromLunar(`${year}-01-01`).date;
    table[year] = {
      newYearsEve: addDays(springFestival, -1),
      springFestival,
      qingming: getSolarTermDate(year, 4, 'pure_brightness'),
      dragonBoat: getSolarDateFromLunar(`${year}-05-05`).date,
      midAutumn: getSolarDateFromLunar(`${year}-08-15`).date,
    };
  }
  return table;
}
