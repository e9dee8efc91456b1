import type { DataSource } from 'typeorm';
import { CalendarYearEntity } from '../db/entities';
import type { YearNotice } from '../domain';

/** The holiday notices administrators loaded, read fresh on every evaluation. */
export function createNoticeStore(dataSource: DataSource) {
  return {
    async loadNotices(): Promise<YearNotice[]> {
      const rows = await dataSource.getRepository(CalendarYearEntity).find({ order: { year: 'ASC' } });
      return rows.map((r) => ({ ...r.notice, source: r.source }));
    },
  };
}
