import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Absent, MOBILE, Rule } from '../common/rules';

const URL_RULE = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

const mobiles = (field: string) =>
  Rule(
    field,
    (v) => Array.isArray(v) && v.length <= 20 && v.every((m) => typeof m === 'string' && MOBILE.test(m)),
    {
      zh: `「${field}」须为至多 20 个 11 位手机号（如 ["13912345678"]）`,
      en: `${field} must be at most 20 mobile numbers of 11 digits (e.g. ["13912345678"])`,
    },
  );

/**
 * Where a department's reminders go. Every field is optional: what is left out stays as it is; `null`
 * clears a URL, a secret or the SMS provider, and is refused elsewhere. Secrets (and the robots' URLs, whose token or key is one) are never answered.
 */
export class ChannelsDto {
  @ApiPropertyOptional({ type: [String], example: ['contact@dept.example.gov.cn'] })
  @Absent()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional()
  @Absent()
  @IsBoolean()
  emailEnabled?: boolean;

  @ApiPropertyOptional({ example: 'https://oa.dept.example.gov.cn/hooks/deadlines' })
  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(500)
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    description: 'the HMAC-SHA256 key the department verifies signatures with; at least 16 characters',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string | null;

  @ApiPropertyOptional()
  @Absent()
  @IsBoolean()
  webhookEnabled?: boolean;

  @ApiPropertyOptional({
    description: 'DingTalk group robot webhook, https://oapi.dingtalk.com/robot/send?access_token=…',
  })
  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(500)
  dingtalkUrl?: string | null;

  @ApiPropertyOptional({ description: "the robot's 加签 secret (SEC…); write-only" })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  dingtalkSecret?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'mobiles @-mentioned in each message' })
  @Absent()
  @mobiles('dingtalkAtMobiles')
  dingtalkAtMobiles?: string[];

  @ApiPropertyOptional()
  @Absent()
  @IsBoolean()
  dingtalkEnabled?: boolean;

  @ApiPropertyOptional({
    description:
      'WeCom group robot webhook, https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…; the key is the secret',
  })
  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(500)
  wecomUrl?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'mobiles @-mentioned (sent as text when set)' })
  @Absent()
  @mobiles('wecomMentionedMobiles')
  wecomMentionedMobiles?: string[];

  @ApiPropertyOptional()
  @Absent()
  @IsBoolean()
  wecomEnabled?: boolean;

  @ApiPropertyOptional({
    description: 'Feishu custom bot webhook, https://open.feishu.cn/open-apis/bot/v2/hook/…',
  })
  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(500)
  feishuUrl?: string | null;

  @ApiPropertyOptional({ description: "the bot's signature secret; write-only" })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  feishuSecret?: string | null;

  @ApiPropertyOptional()
  @Absent()
  @IsBoolean()
  feishuEnabled?: boolean;

  @ApiPropertyOptional({ enum: ['aliyun', 'tencent'], nullable: true })
  @IsOptional()
  @IsIn(['aliyun', 'tencent'])
  smsProvider?: 'aliyun' | 'tencent' | null;

  @ApiPropertyOptional({
    type: [String],
    description: "mobiles that get SMS besides the department's contacts with a mobile",
  })
  @Absent()
  @mobiles('smsRecipients')
  smsRecipients?: string[];

  @ApiPropertyOptional()
  @Absent()
  @IsBoolean()
  smsEnabled?: boolean;
}
