import type { DepartmentContact } from '../../../db/entities';
import { emailMessage, isMail, isPhone, phoneMessage, textOf, type Words } from '../common/rules';

export const MAX_CONTACTS = 10;
const KEYS = new Set(['name', 'phone', 'email', 'role']);

/**
 * What is wrong with a department's contacts, naming the entry and field (`contacts[1].phone`), or
 * null. Checked as one value so the message says exactly which entry to fix.
 */
export function contactsProblem(value: unknown): Words | null {
  if (!Array.isArray(value))
    return {
      zh: '「contacts」须为联系人列表（[{ name, phone, email }]）',
      en: 'contacts must be a list of contacts ([{ name, phone, email }])',
    };
  if (value.length > MAX_CONTACTS)
    return {
      zh: `「contacts」最多 ${MAX_CONTACTS} 位联系人`,
      en: `contacts may list at most ${MAX_CONTACTS} people`,
    };
  for (const [i, entry] of value.entries()) {
    const at = `contacts[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      return { zh: `「${at}」须为 { name, phone, email }`, en: `${at} must be { name, phone, email }` };
    const unknown = Object.keys(entry).find((k) => !KEYS.has(k));
    if (unknown)
      return {
        zh: `「${at}.${unknown}」不是联系人的字段（只有 name、phone、email、role）`,
        en: `${at}.${unknown} is not a contact's field (only name, phone, email, role)`,
      };
    const c = entry as Record<string, unknown>;
    if (!textOf(1, 100)(c.name))
      return {
        zh: `「${at}.name」须填写联系人姓名（1–100 个字符）`,
        en: `${at}.name must be the contact's name (1 to 100 characters)`,
      };
    if (c.phone === undefined && c.email === undefined)
      return { zh: `「${at}」须至少填写 phone 或 email 之一`, en: `${at} needs a phone or an email` };
    if (c.phone !== undefined && !isPhone(c.phone)) return phoneMessage(`${at}.phone`);
    if (c.email !== undefined && !isMail(c.email)) return emailMessage(`${at}.email`);
    if (c.role !== undefined && c.role !== 'head')
      return {
        zh: `「${at}.role」只能为 head（部门负责人：逾期满 N 个工作日起同时收到督办邮件），或不填`,
        en: `${at}.role may only be head (the department head, who also gets escalations N working days overdue), or left out`,
      };
  }
  return null;
}

/** Only the fields a contact has, trimmed, in a fixed order. */
export function cleanContacts(value: DepartmentContact[]): DepartmentContact[] {
  return value.map((c) => ({
    name: c.name.trim(),
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
    ...(c.email !== undefined ? { email: c.email } : {}),
    ...(c.role !== undefined ? { role: c.role } : {}),
  }));
}
