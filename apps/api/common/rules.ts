import { isEmail, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * One check and one Chinese message per field: class-validator's stock decorators each add their
 * own English sentence, so a person would read three messages for one mistake.
 */
export const Rule = (
  field: string,
  test: (value: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
) =>
  ValidateBy(
    {
      name: `rule:${field}`,
      validator: { validate: (value: unknown) => test(value), defaultMessage: () => message },
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

export const phoneMessage = (field: string) =>
  `「${field}」须为手机号（11 位，如 13912345678）或带区号的固定电话（如 010-12345678）`;
export const emailMessage = (field: string) => `「${field}」须为有效的电子邮箱地址（如 name@example.gov.cn）`;

/** Like @IsOptional(), but only for an absent field: `null` is still checked (and refused where it means nothing). */
export const Absent = () => ValidateIf((_, value) => value !== undefined);
