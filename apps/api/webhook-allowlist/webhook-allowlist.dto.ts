import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

export class WebhookAllowlistDto {
  @ApiProperty({ example: ['oa.intranet.gov.cn', '10.20.0.0/16', 'gw.local:8443'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  entries!: string[];
}
