/** Dates and times as people in the bureau read them: Asia/Shanghai, whatever the browser's zone. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A calendar date (YYYY-MM-DD, already a Shanghai date) or an instant, shown as 2026-03-05. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return DATE.format(date).replace(/\//g, '-');
}

/** An instant shown as 2026-03-05 14:30 (北京时间). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return DATE_TIME.format(date).replace(/\//g, '-');
}

/** Today's date in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(): string {
  return formatDate(new Date());
}
