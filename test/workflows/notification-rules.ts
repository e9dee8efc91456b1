/**
 * What every written notification must satisfy, checked against the calendar independently of how the
 * workflow planned it: written at its planned instant, at 09:00 Asia/Shanghai, N working days before the
 * due date for an N-day reminder, on the due day, and escalations 5 working days apart after it.
 */
import type { NotificationEntity } from '../../db/entities';
import { addDays, shanghaiDateOf, WorkingCalendar } from '../../domain';

const calendar = WorkingCalendar.standard();
const localTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

export function checkNotifications(rows: NotificationEntity[]): string[] {
  const problems: string[] = [];
  const escalations = new Map<string, string[]>();
  for (const n of rows) {
    const day = shanghaiDateOf(n.scheduledFor.getTime());
    const label = `${n.kind} ${n.obligationKey} ${day}`;
    if (n.writtenAt.getTime() - n.scheduledFor.getTime() > 60_000 || n.writtenAt < n.scheduledFor) {
      problems.push(
        `${label}: written at ${n.writtenAt.toISOString()}, planned for ${n.scheduledFor.toISOString()}`,
      );
    }
    if (n.kind === 'date-changed' || n.kind === 'overdue-notice') continue;
    if (n.kind !== 'opens' && localTime(n.scheduledFor) !== '09:00')
      problems.push(`${label}: not at 09:00 but ${localTime(n.scheduledFor)}`);
    const dueOn = n.dueOn as string;
    const count = (n.payload as { count: number | null }).count;
    if (n.kind === 'reminder' && calendar.workingDaysBetween(day, dueOn) !== count) {
      problems.push(
        `${label}: ${calendar.workingDaysBetween(day, dueOn)} working days before ${dueOn}, not ${count}`,
      );
    }
    if (n.kind === 'due-today' && day !== dueOn) problems.push(`${label}: not on the due day ${dueOn}`);
    // The tier notices fall exactly N (head) and M (leadership) working days after the due day.
    const tier = { 'escalation-head': 5, 'escalation-leadership': 10 }[n.kind];
    if (tier !== undefined && calendar.workingDaysBetween(n.dueOn as string, day) !== tier)
      problems.push(
        `${label}: ${calendar.workingDaysBetween(n.dueOn as string, day)} working days overdue, not ${tier}`,
      );
    if (n.kind === 'escalation') {
      if (day <= dueOn) problems.push(`${label}: escalated before ${dueOn} had passed`);
      const list = escalations.get(`${n.obligationKey}|${dueOn}`) ?? [];
      list.push(day);
      escalations.set(`${n.obligationKey}|${dueOn}`, list);
    }
  }
  for (const [key, days] of escalations) {
    const dueOn = key.split('|')[1] as string;
    // Rounds run every 5 working days from the first working day after the due day; a project that
    // arrives late starts with a later round.
    const offset = calendar.workingDaysBetween(calendar.addWorkingDays(dueOn, 1), days[0] as string);
    if (offset % 5 !== 0)
      problems.push(`${key}: first escalation ${days[0]} is not on a 5-working-day round`);
    for (let i = 1; i < days.length; i++) {
      if (calendar.workingDaysBetween(days[i - 1] as string, days[i] as string) !== 5) {
        problems.push(`${key}: escalations ${days[i - 1]} and ${days[i]} are not 5 working days apart`);
      }
    }
  }
  return problems;
}

export const kinds = (rows: NotificationEntity[], obligationKey: string) =>
  rows
    .filter((n) => n.obligationKey === obligationKey)
    .map((n) => `${n.kind}${(n.payload as { count: number | null }).count ?? ''}`);

export const addOneDay = (date: string) => addDays(date, 1);

const BEFORE_DUE = ['reminder7', 'reminder3', 'reminder1', 'due-today'];

/** Reminders before the due day, then escalation rounds 1…N in order (N depends on the weekday the run starts). */
export function remindedThenEscalated(all: string[]): void {
  // The tier notices (head, leadership) come on their own days between the rounds.
  const list = all.filter((k) => !/^escalation-(head|leadership)/.test(k));
  expect(list.slice(0, BEFORE_DUE.length)).toEqual(BEFORE_DUE);
  const rounds = list.slice(BEFORE_DUE.length);
  expect(rounds.length).toBeGreaterThan(0);
  expect(rounds).toEqual(rounds.map((_, i) => `escalation${i + 1}`));
}
