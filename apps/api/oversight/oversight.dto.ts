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

export class SummaryQuery extends OversightScopeQuery {}

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
