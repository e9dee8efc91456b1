import { FESTIVAL_DATES } from './festival-dates.data';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, YearNotice } from './holiday-notice';
import { fromDayNumber, fromParts, isWeekend, IsoDate, toDayNumber, yearOf } from './iso-date';
import { OFFICIAL_NOTICES } from './official-years.data';
import { FestivalDates, statutoryHolidays } from './statutory-holidays';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** The holiday's name for `holiday` and `adjusted-workday` days (春节, 国庆节, …). */
  name?: string;
  /** The day's year has no loaded notice: judged by the statutory rules alone. */
  provisional: boolean;
}

export interface YearStatus {
  year: number;
  official: boolean;
  source?: string;
}

/** The trace of "N working days after D", for explanations. */
export interface WorkingDayTrace {
  from: IsoDate;
  days: number;
  date: IsoDate;
  counted: DayInfo[];
  skipped: DayInfo[];
  provisional: boolean;
}

/** The trace of 第203条's roll-forward of a last day that is not a working day. */
export interface RollForwardTrace {
  from: IsoDate;
  date: IsoDate;
  skipped: DayInfo[];
  provisional: boolean;
}

export class CalendarRangeError extends RangeError {
  constructor(date: IsoDate) {
    super(`${date} is outside the calendar's supported years ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`);
    this.name = 'CalendarRangeError';
  }
}

const KINDS: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'adjusted-workday'];
const KIND_CODE: Record<DayKind, number> = { workday: 0, weekend: 1, holiday: 2, 'adjusted-workday': 3 };

interface YearTable {
  firstDay: number;
  kinds: Uint8Array;
  names: Map<number, string>;
  status: YearStatus;
}

/**
 * China's working-day calendar (spec §1): official years from the State Council notices, provisional years
 * from the statutory holidays. Immutable: loading a notice returns a new calendar, so a computation never
 * sees the calendar change under it.
 */
export class WorkingCalendar {
  private readonly notices: ReadonlyMap<number, YearNotice>;
  private readonly tables = new Map<number, YearTable>();
  private lastTable: YearTable | undefined;

  constructor(
    notices: readonly YearNotice[] = OFFICIAL_NOTICES,
    private readonly festivals: Readonly<Record<number, FestivalDates>> = FESTIVAL_DATES,
  ) {
    this.notices = new Map(notices.map((n) => [n.year, n]));
  }

  /** The shipped official years, with `extra` notices (administrator uploads) taking precedence per year. */
  static standard(extra: readonly YearNotice[] = []): WorkingCalendar {
    return new WorkingCalendar([...OFFICIAL_NOTICES, ...extra]);
  }

  withNotice(notice: YearNotice): WorkingCalendar {
    return new WorkingCalendar([...this.notices.values(), notice], this.festivals);
  }

  officialYears(): number[] {
    return [...this.notices.keys()].sort((a, b) => a - b);
  }

  notice(year: number): YearNotice | undefined {
    return this.notices.get(year);
  }

  yearStatus(year: number): YearStatus {
    const notice = this.notices.get(year);
    return notice
      ? { year, official: true, ...(notice.source !== undefined ? { source: notice.source } : {}) }
      : { year, official: false };
  }

  isProvisional(date: IsoDate): boolean {
    return !this.notices.has(yearOf(date));
  }

  dayInfo(date: IsoDate): DayInfo {
    return this.infoAt(toDayNumber(date));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /** The N-th working day strictly after `date` (民法典 第201条: the trigger day is not counted). */
  addWorkingDays(date: IsoDate, days: number): IsoDate {
    assertCount(days);
    let day = toDayNumber(date);
    for (let left = days; left > 0;) {
      day += 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** The working day that lies `days` working days before `date` (7 working days before a due date). */
  subtractWorkingDays(date: IsoDate, days: number): IsoDate {
    assertCount(days);
    let day = toDayNumber(date);
    for (let left = days; left > 0;) {
      day -= 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return fromDayNumber(day);
  }

  explainWorkingDays(date: IsoDate, days: number): WorkingDayTrace {
    assertCount(days);
    const counted: DayInfo[] = [];
    const skipped: DayInfo[] = [];
    let day = toDayNumber(date);
    while (counted.length < days) {
      day += 1;
      const info = this.infoAt(day);
      (info.working ? counted : skipped).push(info);
    }
    const touched = [...counted, ...skipped];
    return {
      from: date,
      days,
      date: fromDayNumber(day),
      counted,
      skipped,
      provisional: touched.some((d) => d.provisional),
    };
  }

  /** Working days in (from, to]; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0;
    const end = toDayNumber(to);
    for (let day = toDayNumber(from) + 1; day <= end; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  /** 第203条: a last day that is not a working day moves to the next working day. */
  rollForward(date: IsoDate): IsoDate {
    let day = toDayNumber(date);
    while (!this.isWorkingDayNumber(day)) day += 1;
    return fromDayNumber(day);
  }

  explainRollForward(date: IsoDate): RollForwardTrace {
    const skipped: DayInfo[] = [];
    let day = toDayNumber(date);
    let info = this.infoAt(day);
    while (!info.working) {
      skipped.push(info);
      info = this.infoAt(++day);
    }
    return {
      from: date,
      date: info.date,
      skipped,
      provisional: skipped.some((d) => d.provisional) || info.provisional,
    };
  }

  private isWorkingDayNumber(day: number): boolean {
    const code = this.codeAt(day);
    return code === 0 || code === 3;
  }

  private codeAt(day: number): number {
    const table = this.tableFor(day);
    return table.kinds[day - table.firstDay] as number;
  }

  private infoAt(day: number): DayInfo {
    const table = this.tableFor(day);
    const kind = KINDS[table.kinds[day - table.firstDay] as number] as DayKind;
    const name = table.names.get(day);
    return {
      date: fromDayNumber(day),
      working: kind === 'workday' || kind === 'adjusted-workday',
      kind,
      ...(name !== undefined ? { name } : {}),
      provisional: !table.status.official,
    };
  }

  private tableFor(day: number): YearTable {
    // Counting walks day by day, nearly always within one year: keep the last table at hand.
    const last = this.lastTable;
    if (last && day >= last.firstDay && day < last.firstDay + last.kinds.length) return last;
    const date = fromDayNumber(day);
    const year = yearOf(date);
    let table = this.tables.get(year);
    if (!table) {
      if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) throw new CalendarRangeError(date);
      table = this.buildTable(year);
      this.tables.set(year, table);
    }
    this.lastTable = table;
    return table;
  }

  private buildTable(year: number): YearTable {
    const firstDay = toDayNumber(fromParts(year, 1, 1));
    const length = toDayNumber(fromParts(year + 1, 1, 1)) - firstDay;
    const kinds = new Uint8Array(length);
    const names = new Map<number, string>();
    for (let i = 0; i < length; i++) kinds[i] = isWeekend(fromDayNumber(firstDay + i)) ? 1 : 0;
    const mark = (date: IsoDate, kind: DayKind, name: string) => {
      kinds[toDayNumber(date) - firstDay] = KIND_CODE[kind];
      names.set(toDayNumber(date), name);
    };
    const notice = this.notices.get(year);
    if (notice) {
      for (const d of notice.days) mark(d.date, d.isOffDay ? 'holiday' : 'adjusted-workday', d.name);
    } else {
      const festivals = this.festivals[year];
      if (!festivals) throw new CalendarRangeError(fromParts(year, 1, 1));
      for (const d of statutoryHolidays(year, festivals)) mark(d.date, 'holiday', d.name);
    }
    return { firstDay, kinds, names, status: this.yearStatus(year) };
  }
}

function assertCount(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`a working-day count must be a whole number ≥ 0, got ${days}`);
  }
}
