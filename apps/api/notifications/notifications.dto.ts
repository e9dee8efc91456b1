import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEPARTMENT_ID } from '../common/department-scope';
import { PageQuery } from '../common/page.query';
import { IsOptional, Matches } from 'class-validator';

export class DeadLettersQuery extends PageQuery {
  @ApiPropertyOptional({ description: "only this department's dead letters" })
  @IsOptional()
  @Matches(DEPARTMENT_ID, { message: 'department must be a department id (letters, digits, - and _)' })
  department?: string;
}
