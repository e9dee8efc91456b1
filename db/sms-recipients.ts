/**
 * Who gets an SMS for a notice. The department's responsible people are its contacts with a mobile
 * (besides any extra mobiles the department listed); as a notice climbs the escalation tiers it also
 * reaches the department's head (contacts marked head, accounts flagged head) and then the bureau's
 * leadership accounts. A landline cannot take an SMS and is left out.
 */
import type { EscalationReach } from '../domain';
import type { DepartmentContact } from './entities';

const MOBILE = /^1[3-9]\d{9}$/;

export interface SmsPeople {
  /** The department's contacts not marked head, and the extra mobiles it listed. */
  staff: string[];
  /** Its head: contacts marked head and its accounts flagged head. */
  heads: string[];
}

const mobilesOf = (phones: (string | null | undefined)[]) =>
  [...new Set(phones.map((p) => (p ?? '').replace(/[\s-]/g, '')))].filter((p) => MOBILE.test(p));

export function smsPeopleOf(
  contacts: DepartmentContact[],
  extra: string[],
  headAccountPhones: (string | null)[],
): SmsPeople {
  return {
    staff: mobilesOf([...extra, ...contacts.filter((c) => c.role !== 'head').map((c) => c.phone)]),
    heads: mobilesOf([
      ...contacts.filter((c) => c.role === 'head').map((c) => c.phone),
      ...headAccountPhones,
    ]),
  };
}

/** The mobiles one notice's SMS goes to, each once, for how far the notice reaches. */
export function smsRecipientsFor(
  reach: EscalationReach,
  people: SmsPeople,
  leaders: (string | null)[],
): string[] {
  return mobilesOf([
    ...people.staff,
    ...(reach === 'head' || reach === 'leadership' ? people.heads : []),
    ...(reach === 'leadership' ? leaders : []),
  ]);
}
