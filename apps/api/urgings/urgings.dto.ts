import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DEPARTMENT_ID } from '../common/department-scope';
import { PageQuery } from '../common/page.query';
import { bilingual, Rule, textOf } from '../common/rules';
import { IsIsoDateString } from '../common/validators';

const NOT_BLANK = (v: unknown) => typeof v === 'string' && /\S/.test(v);

export class UrgeDto {
  @ApiProperty({ example: '请于本周内完成合同备案，并说明逾期原因', description: '催办内容（1–500 字）' })
  @Rule('message', (v) => textOf(1, 500)(v) && NOT_BLANK(v), {
    zh: '「message」须填写催办内容（1–500 个字符）',
    en: 'message must say what is urged (1 to 500 characters)',
  })
  message!: string;

  @ApiProperty({ example: '2026-09-15', description: '要求部门反馈的日期（不早于今天）' })
  @IsIsoDateString('answerBy')
  answerBy!: string;
}

export class AnswerDto {
  @ApiProperty({ example: '合同原件在法务审核中', description: '逾期原因（1–1000 字）' })
  @Rule('reason', (v) => textOf(1, 1000)(v) && NOT_BLANK(v), {
    zh: '「reason」须说明逾期原因（1–1000 个字符）',
    en: 'reason must say why it is late (1 to 1000 characters)',
  })
  reason!: string;

  @ApiProperty({ example: '2026-09-20', description: '预计完成日期' })
  @IsIsoDateString('expectedOn')
  expectedOn!: string;
}

export const URGING_STATES = ['open', 'late', 'answered'] as const;
export type UrgingState = (typeof URGING_STATES)[number];

export class UrgingsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: URGING_STATES,
    description: 'open 未反馈且未过反馈期限；late 过期未反馈或逾期反馈；answered 已反馈',
  })
  @IsOptional()
  @IsIn(URGING_STATES, {
    message: bilingual({
      zh: '「state」须为 open、late 或 answered 之一',
      en: 'state must be one of open, late or answered',
    }),
  })
  state?: UrgingState;

  @ApiPropertyOptional({ description: 'a department the caller may see' })
  @IsOptional()
  @Matches(DEPARTMENT_ID, {
    message: bilingual({
      zh: '「department」须为部门编号，如 dept-a',
      en: 'department must be a department code, e.g. dept-a',
    }),
  })
  department?: string;
}
