import { applyDecorators } from '@nestjs/common';
import { IsNumber, Matches, Max, Min } from 'class-validator';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** An amount in yuan: a finite number from 0 to 10^13. */
export const IsYuan = () =>
  applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1e13));

/** A calendar date written YYYY-MM-DD, named in the message. */
export const IsIsoDateString = (field: string) =>
  Matches(DATE_PATTERN, { message: `${field} must be a date (YYYY-MM-DD)` });
