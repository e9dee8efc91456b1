import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RecordEventDto } from '../events/record-event.dto';
import { POLICIES } from '../../../domain';
import { PageQuery } from '../common/page.query';
import { IsIsoDateString, IsYuan } from '../common/validators';

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
  @IsYuan()
  investment!: number;

  @ApiPropertyOptional({ description: 'application software development part, in yuan' })
  @IsOptional()
  @IsYuan()
  softwareDevelopment?: number;

  @ApiPropertyOptional({ enum: ['key', 'general'] })
  @IsOptional()
  @IsIn(['key', 'general'])
  category?: 'key' | 'general';

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @IsIsoDateString('plannedAcceptanceOn')
  plannedAcceptanceOn?: string;

  @ApiPropertyOptional({ description: 'register under a policy not in force today (flagged on every view)' })
  @IsOptional()
  @IsBoolean()
  allowOutOfForce?: boolean;

  @ApiPropertyOptional({
    type: [RecordEventDto],
    description: 'what already happened (an ongoing project), evaluated at once with the registration',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RecordEventDto)
  events?: RecordEventDto[];
}

/** The filters of the project list, shared by the list and its exports. */
export class ProjectFilters {
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
  @IsIsoDateString('dueBefore')
  dueBefore?: string;

  /** Part of the project name or of its 项目编号. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class ListProjectsQuery extends IntersectionType(PageQuery, ProjectFilters) {}
