import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEPARTMENT_ID } from '../common/department-scope';
import { POLICIES } from '../../../domain';
import { IsIsoDateString } from '../common/validators';

/** The regulations with a yearly plan-filing rule. */
export const PLAN_POLICIES = POLICIES.filter((p) => p.annualPlan).map((p) => p.id);

export class PlanFilingDto {
  @IsIn(PLAN_POLICIES)
  policy!: string;

  @IsInt()
  @Min(2005)
  @Max(2099)
  planYear!: number;

  @IsOptional()
  @IsIsoDateString('on')
  on?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  departmentId?: string;
}

export class PlanFilingsQuery {
  @Type(() => Number)
  @IsInt()
  @Min(2005)
  @Max(2099)
  year!: number;

  @IsOptional()
  @Matches(DEPARTMENT_ID)
  department?: string;
}
