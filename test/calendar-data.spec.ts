import {
  festivalDatesFromChineseDays,
  officialNoticesFromChineseDays,
} from '../scripts/calendar-data-source';
import { FESTIVAL_DATES } from '../domain/calendar/festival-dates.data';
import { OFFICIAL_NOTICES } from '../domain/calendar/official-years.data';

describe('shipped calendar data', () => {
  it('is exactly what the generator derives from chinese-days (regenerate after upgrading it)', () => {
    expect(OFFICIAL_NOTICES).toEqual(officialNoticesFromChineseDays());
  });

  it('has the festival dates the lunar conversion gives, computed in UTC', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect(FESTIVAL_DATES).toEqual(festivalDatesFromChineseDays());
    } finally {
      process.env.TZ = zone;
    }
  });
});
