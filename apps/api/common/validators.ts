import { applyDecorators } from '@nestjs/common';
import { IsNumber, Max, Min, ValidateBy } from 'class-validator';
import { dateProblem, isIsoDate } from '../../../domain';
import { bilingual } from './rules';

/** An amount in yuan: a finite number from 0 to 10^13. */
export const IsYuan = () =>
  applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1e13));

/**
 * A real calendar date written YYYY-MM-DD (2026-09-31 is refused), checked by the domain's own
 * `isIsoDate` so the API, the engine and the `deadlines` command agree; the message names the field.
 */
export const IsIsoDateString = (field: string) =>
  ValidateBy({
    name: 'isIsoDateString',
    validator: {
      validate: (value: unknown) => isIsoDate(value),
      defaultMessage: (args) =>
        bilingual({
          zh: dateProblem(field, args?.value) ?? `「${field}」不是有效的日期`,
          en: dateProblem(field, args?.value, 'en') ?? `${field} is not a valid date`,
        }),
    },
  });
