import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';
import { POLICIES } from '../../../domain';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterProjectDto {
  @ApiProperty({ example: '政务服务一网通办平台升级' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'bureau staff only; a department registers for itself' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  departmentId?: string;

  @ApiProperty({ enum: POLICIES.map((p) => p.id) })
  @IsIn(POLICIES.map((p) => p.id))
  policy!: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2005)
  @Max(2099)
  planYear!: number;

  @ApiProperty({ description: 'total investment in yuan', example: 3_500_000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e13)
  investment!: number;

  @ApiPropertyOptional({ description: 'application software development part, in yuan' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e13)
  softwareDevelopment?: number;

  @ApiPropertyOptional({ enum: ['key', 'general'] })
  @IsOptional()
  @IsIn(['key', 'general'])
  category?: 'key' | 'general';

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'plannedAcceptanceOn must be a date (YYYY-MM-DD)' })
  plannedAcceptanceOn?: string;

  @ApiPropertyOptional({ description: 'register under a policy not in force today (flagged on every view)' })
  @IsOptional()
  @IsBoolean()
  allowOutOfForce?: boolean;
}

export class ListProjectsQuery {
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  department?: string;

  @IsOptional()
  @IsIn(POLICIES.map((p) => p.id))
  policy?: string;

  @IsOptional()
  @IsIn(['active', 'paused', 'terminated', 'completed'])
  status?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'dueBefore must be a date (YYYY-MM-DD)' })
  dueBefore?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
