import { dateProblem, isIsoDate, isWeekend, IsoDate, WEEKDAY_NAMES_ZH, weekday, yearOf } from './iso-date';

/** One day of a State Council holiday notice, in the holiday-cn JSON shape. */
export interface NoticeDay {
  name: string;
  date: IsoDate;
  /** true: a rest day of the holiday; false: a weekend day turned into a working day (调休上班). */
  isOffDay: boolean;
}

/** A year's published arrangement (国务院办公厅关于Y年部分节假日安排的通知). */
export interface YearNotice {
  year: number;
  days: NoticeDay[];
  /** Where the data came from (a notice title or file name), shown in explanations. */
  source?: string;
}

/** Years the calendar can reason about: the shipped data starts in 2004, the lunar tables stop at 2099. */
export const FIRST_SUPPORTED_YEAR = 2004;
export const LAST_SUPPORTED_YEAR = 2099;

export class NoticeValidationError extends Error {
  constructor(
    message: string,
    /** Index into `days` of the offending entry, when one entry is at fault. */
    readonly entry?: number,
  ) {
    super(message);
    this.name = 'NoticeValidationError';
  }
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/**
 * Validates a notice file strictly: a bad file must be refused whole, never half-loaded, and the message
 * must name the entry so an administrator can fix the file.
 */
export function parseHolidayNotice(input: unknown, source?: string): YearNotice {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new NoticeValidationError('a holiday notice must be a JSON object with "year" and "days"');
  }
  const record = input as Record<string, unknown>;
  const year = record.year;
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    throw new NoticeValidationError(`"year" must be a whole number, got ${describe(year)}`);
  }
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new NoticeValidationError(
      `"year" ${year} is outside the supported range ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`,
    );
  }
  if (!Array.isArray(record.days) || record.days.length === 0) {
    throw new NoticeValidationError('"days" must be a non-empty array of { name, date, isOffDay }');
  }
  const seen = new Map<IsoDate, number>();
  const days = record.days.map((raw: unknown, i: number): NoticeDay => {
    const at = `days[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new NoticeValidationError(`${at} must be an object { name, date, isOffDay }`, i);
    }
    const entry = raw as Record<string, unknown>;
    const { name, date, isOffDay } = entry;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new NoticeValidationError(`${at}.name must be a non-empty string, got ${describe(name)}`, i);
    }
    if (!isIsoDate(date)) {
      throw new NoticeValidationError(`${at} (${name}): ${dateProblem(`${at}.date`, date)}`, i);
    }
    if (yearOf(date) !== year) {
      throw new NoticeValidationError(
        `${at} (${name}): date ${date} is outside the notice's year ${year}; put it in the ${yearOf(date)} notice`,
        i,
      );
    }
    if (typeof isOffDay !== 'boolean') {
      throw new NoticeValidationError(
        `${at} (${name}, ${date}): isOffDay must be true or false, got ${describe(isOffDay)}`,
        i,
      );
    }
    const earlier = seen.get(date);
    if (earlier !== undefined) {
      throw new NoticeValidationError(
        `${at} (${name}): date ${date} is listed again (first at days[${earlier}])`,
        i,
      );
    }
    if (!isOffDay && !isWeekend(date)) {
      throw new NoticeValidationError(
        `${at} (${name}): ${date} is a ${WEEKDAY_NAMES_ZH[weekday(date)]}; only a weekend day can be turned into a working day`,
        i,
      );
    }
    seen.set(date, i);
    return { name: name.trim(), date, isOffDay };
  });
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { year, days, ...(source !== undefined ? { source } : {}) };
}
