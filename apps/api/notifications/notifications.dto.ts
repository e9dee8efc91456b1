import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEPARTMENT_ID } from '../common/department-scope';
import { PageQuery } from '../common/page.query';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class ChannelsDto {
  @ApiPropertyOptional({ type: [String], example: ['contact@dept.example.gov.cn'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  emailEnabled?: boolean;

  @ApiPropertyOptional({ example: 'https://oa.dept.example.gov.cn/hooks/deadlines' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  webhookUrl?: string;

  @ApiPropertyOptional({
    description: 'the HMAC-SHA256 key the department verifies signatures with; at least 16 characters',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  webhookEnabled?: boolean;
}

export class DeadLettersQuery extends PageQuery {
  @ApiPropertyOptional({ description: "only this department's dead letters" })
  @IsOptional()
  @Matches(DEPARTMENT_ID, { message: 'department must be a department id (letters, digits, - and _)' })
  department?: string;
}
