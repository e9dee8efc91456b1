import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class LoadNoticeQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'answer which projects and obligations would move, and load nothing',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
