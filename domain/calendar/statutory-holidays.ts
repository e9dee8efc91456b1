import { addDays, fromParts, IsoDate } from './iso-date';

/** The lunar and solar-term dates a year's statutory holidays hang on. */
export interface FestivalDates {
  /** 除夕: the day before 正月初一 */
  newYearsEve: IsoDate;
  /** 春节: 正月初一 */
  springFestival: IsoDate;
  /** 清明 solar term */
  qingming: IsoDate;
  /** 端午: 五月初五 */
  dragonBoat: IsoDate;
  /** 中秋: 八月十五 */
  midAutumn: IsoDate;
}

export interface StatutoryDay {
  date: IsoDate;
  name: string;
}

/**
 * The rest days 《全国年节及纪念日放假办法》 (2024 revision, 第二条) fixes for every citizen. A year whose
 * State Council notice is not loaded yet is judged by these alone, with no 调休 working days.
 */
export function statutoryHolidays(year: number, festivals: FestivalDates): StatutoryDay[] {
  const days: StatutoryDay[] = [
    { date: fromParts(year, 1, 1), name: '元旦' },
    { date: festivals.newYearsEve, name: '春节' },
    { date: festivals.springFestival, name: '春节' },
    { date: addDays(festivals.springFestival, 1), name: '春节' },
    { date: addDays(festivals.springFestival, 2), name: '春节' },
    { date: festivals.qingming, name: '清明节' },
    { date: fromParts(year, 5, 1), name: '劳动节' },
    { date: fromParts(year, 5, 2), name: '劳动节' },
    { date: festivals.dragonBoat, name: '端午节' },
    { date: festivals.midAutumn, name: '中秋节' },
    { date: fromParts(year, 10, 1), name: '国庆节' },
    { date: fromParts(year, 10, 2), name: '国庆节' },
    { date: fromParts(year, 10, 3), name: '国庆节' },
  ];
  // 中秋 can fall inside 国庆 (as in 2020 and 2028); the date then counts once.
  const seen = new Set<IsoDate>();
  return days.filter((d) => !seen.has(d.date) && seen.add(d.date));
}
