import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../common/page.query';
import { bilingual } from '../common/rules';
import { OversightScopeQuery, SummaryQuery } from './oversight.dto';

const DAYS_MESSAGE = bilingual({
  zh: '「days」须为 1 至 366 的整数天数',
  en: 'days must be a whole number from 1 to 366',
});

export class OverdueHistoryQuery extends OversightScopeQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 366,
    description: 'how many days back from today (default 90)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: DAYS_MESSAGE })
  @Min(1, { message: DAYS_MESSAGE })
  @Max(366, { message: DAYS_MESSAGE })
  days?: number;
}

export class DueSoonQuery extends IntersectionType(SummaryQuery, PageQuery) {
  @ApiPropertyOptional({ description: 'part of the project name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}
