import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import { EVENT_TYPES } from '../../../domain';
import { IsIsoDateString, IsYuan } from '../common/validators';

/** Facts recorded through /events; pause, resume and termination have their own admin routes. */
export const RECORDABLE_TYPES = EVENT_TYPES.filter(
  (t) => t !== 'project.paused' && t !== 'project.resumed' && t !== 'termination.requested',
);

export class RecordEventDto {
  @ApiProperty({ enum: RECORDABLE_TYPES })
  @IsIn(RECORDABLE_TYPES)
  type!: (typeof RECORDABLE_TYPES)[number];

  @ApiProperty({ example: '2026-11-20', description: 'the day it happened (Asia/Shanghai)' })
  @IsIsoDateString('on')
  on!: string;

  @ApiPropertyOptional({ description: 'annual-report.submitted: the report year' })
  @IsOptional()
  @IsInt()
  @Min(2004)
  @Max(2099)
  year?: number;

  @ApiPropertyOptional({ description: 'extension.granted: the obligation key' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9.-]{1,64}$/)
  obligation?: string;

  @ApiPropertyOptional({ description: 'extension.granted: the new due date' })
  @IsOptional()
  @IsIsoDateString('until')
  until?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'change.requested: the change, in yuan' })
  @IsOptional()
  @IsYuan()
  amount?: number;

  @ApiPropertyOptional({ description: 'change.requested: the new total, in yuan' })
  @IsOptional()
  @IsYuan()
  newTotal?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  brandChange?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  goalsChanged?: boolean;
}

/** A change request: its own required amounts, and the same flags as a recorded change.requested fact. */
export class ChangeRequestDto extends PickType(RecordEventDto, ['brandChange', 'goalsChanged'] as const) {
  @ApiProperty({ example: '2026-11-20' })
  @IsIsoDateString('on')
  on!: string;

  @ApiProperty({ description: 'the change, in yuan' })
  @IsYuan()
  amount!: number;

  @ApiProperty({ description: 'the new total, in yuan' })
  @IsYuan()
  newTotal!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AdminActDto {
  @ApiProperty({ description: "why: kept in the project's facts and the audit log" })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class TerminateDto extends AdminActDto {
  @ApiPropertyOptional({
    description: 'the day it takes effect; today when absent (Jinhu needs a month of notice)',
  })
  @IsOptional()
  @IsIsoDateString('effectiveOn')
  effectiveOn?: string;
}
