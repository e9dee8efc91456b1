import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../common/page.query';
import { bilingual } from '../common/rules';
import { IsIsoDateString } from '../common/validators';

const NOT_BLANK = /\S/;

export class RequestCorrectionDto {
  @ApiProperty({ enum: ['date', 'withdraw'], description: '更正日期，或撤回误记的事实' })
  @IsIn(['date', 'withdraw'])
  kind!: 'date' | 'withdraw';

  @ApiPropertyOptional({ example: '2026-03-02', description: 'kind date: the right day (Asia/Shanghai)' })
  @ValidateIf((o: RequestCorrectionDto) => o.kind === 'date' || o.on !== undefined)
  @IsIsoDateString('on')
  on?: string;

  @ApiProperty({ description: '更正原因：记入审计日志，并写进发给相关人员的【更正】通知' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(NOT_BLANK, {
    message: bilingual({ zh: '「reason」更正须说明原因', en: 'reason: a correction must say why' }),
  })
  reason!: string;
}

export class DecideCorrectionDto {
  @ApiProperty({ description: '批准或驳回的理由' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(NOT_BLANK, {
    message: bilingual({
      zh: '「reason」须说明批准或驳回的理由',
      en: 'reason: say why the correction is approved or refused',
    }),
  })
  reason!: string;
}

export class ListCorrectionsQuery extends PageQuery {
  @IsOptional()
  @IsIn(['pending', 'applied', 'refused'])
  status?: 'pending' | 'applied' | 'refused';

  @IsOptional()
  @IsString()
  department?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  projectId?: string;
}
