import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { POLICIES } from '../../../domain';
import { DEPARTMENT_ID } from '../common/department-scope';
import { PageQuery } from '../common/page.query';
import { IsIsoDateString } from '../common/validators';

const POLICY_IDS = POLICIES.map((p) => p.id);

/** The filters every oversight view shares. */
export class OversightScopeQuery {
  @ApiPropertyOptional({ description: 'a department the caller may see' })
  @IsOptional()
  @Matches(DEPARTMENT_ID, { message: 'department must be a department id (letters, digits, - and _)' })
  department?: string;

  @ApiPropertyOptional({ enum: POLICY_IDS, description: 'the regulation (policy id)' })
  @IsOptional()
  @IsIn(POLICY_IDS)
  regulation?: string;
}

export class SummaryQuery extends OversightScopeQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 30,
    description:
      'yellow light: open obligations due within this many working days (default YELLOW_WORKING_DAYS, 5)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'yellowDays must be a whole number of working days from 1 to 30' })
  @Min(1, { message: 'yellowDays must be a whole number of working days from 1 to 30' })
  @Max(30, { message: 'yellowDays must be a whole number of working days from 1 to 30' })
  yellowDays?: number;
}

export class OverdueQuery extends IntersectionType(OversightScopeQuery, PageQuery) {
  @ApiPropertyOptional({ description: 'only obligations overdue by at least this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36_500)
  minDaysOverdue?: number;

  @ApiPropertyOptional({ description: 'only obligations due before this date (YYYY-MM-DD)' })
  @IsOptional()
  @IsIsoDateString('dueBefore')
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'part of the project name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: 'the nextCursor of the previous page: the page after it (instead of page)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1200)
  cursor?: string;
}
