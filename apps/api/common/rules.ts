import { isEmail, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/** A validation message in both languages: the Chinese a person reads by default, and the English. */
export interface Words {
  zh: string;
  en: string;
}

/**
 * class-validator carries one string per failed check; the two languages travel in it, split again
 * by `splitWords` when the answer is worded for the reader (`Accept-Language`).
 */
const SEPARATOR = '\u001f';
export const bilingual = ({ zh, en }: Words): string => `${zh}${SEPARATOR}${en}`;
export function splitWords(message: string): Words | null {
  const at = message.indexOf(SEPARATOR);
  return at < 0 ? null : { zh: message.slice(0, at), en: message.slice(at + 1) };
}

/**
 * One check and one message per field, in Chinese and English: class-validator's stock decorators each
 * add their own English sentence, so a person would read three messages for one mistake.
 */
export const Rule = (
  field: string,
  test: (value: unknown) => boolean,
  message: Words,
  options?: ValidationOptions,
) =>
  ValidateBy(
    {
      name: `rule:${field}`,
      validator: { validate: (value: unknown) => test(value), defaultMessage: () => bilingual(message) },
    },
    options,
  );

export const MOBILE = /^1[3-9]\d{9}$/;
/** A landline with its area code, e.g. 010-12345678, 0431-8888888, optionally an extension (-123). */
export const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

export const isPhone = (v: unknown) => typeof v === 'string' && (MOBILE.test(v) || LANDLINE.test(v));
export const isMail = (v: unknown) => typeof v === 'string' && v.length <= 200 && isEmail(v);
export const textOf = (min: number, max: number) => (v: unknown) =>
  typeof v === 'string' && v.trim().length >= min && v.length <= max;

export const phoneMessage = (field: string): Words => ({
  zh: `「${field}」须为手机号（11 位，如 13912345678）或带区号的固定电话（如 010-12345678）`,
  en: `${field} must be a mobile number (11 digits, e.g. 13912345678) or a landline with its area code (e.g. 010-12345678)`,
});
export const emailMessage = (field: string): Words => ({
  zh: `「${field}」须为有效的电子邮箱地址（如 name@example.gov.cn）`,
  en: `${field} must be a valid e-mail address (e.g. name@example.gov.cn)`,
});

/** Like @IsOptional(), but only for an absent field: `null` is still checked (and refused where it means nothing). */
export const Absent = () => ValidateIf((_, value) => value !== undefined);
