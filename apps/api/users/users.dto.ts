import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { USERNAME, type AccountRole } from '../../../db/repositories/accounts.repository';
import { DEPARTMENT_ID } from '../common/department-scope';
import { Absent, emailMessage, isMail, isPhone, phoneMessage, Rule, textOf } from '../common/rules';

export const ROLES: AccountRole[] = ['department', 'operator', 'admin'];

const isRole = (v: unknown) => ROLES.includes(v as AccountRole);
const isDepartmentId = (v: unknown) => typeof v === 'string' && DEPARTMENT_ID.test(v);
const ROLE_MESSAGE = {
  zh: '「role」须为 department（部门联络员）、operator（局监督员）或 admin（管理员）之一',
  en: 'role must be one of department (a department liaison), operator (bureau staff) or admin',
};
const DEPARTMENT_MESSAGE = {
  zh: '「departmentId」须为部门编号，如 dept-a',
  en: 'departmentId must be a department code, e.g. dept-a',
};
const DISPLAY_NAME_MESSAGE = {
  zh: '「displayName」须填写姓名或称呼（1–100 个字符）',
  en: 'displayName must be a name (1 to 100 characters)',
};

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.san' })
  @Rule('username', (v) => typeof v === 'string' && USERNAME.test(v), {
    zh: '「username」须为 2–64 个字符：小写字母或数字开头，由小写字母、数字和 . _ - 组成',
    en: 'username must be 2 to 64 characters: lower-case letters, digits and . _ -, starting with a letter or digit',
  })
  username!: string;

  @ApiProperty({ example: '张三' })
  @Rule('displayName', textOf(1, 100), DISPLAY_NAME_MESSAGE)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @Rule('role', isRole, ROLE_MESSAGE)
  role!: AccountRole;

  @ApiPropertyOptional({ description: 'role 为 department 时必填：所属部门编号（须已启用）' })
  @IsOptional()
  @Rule('departmentId', isDepartmentId, DEPARTMENT_MESSAGE)
  departmentId?: string;

  @ApiPropertyOptional({ example: '13912345678' })
  @IsOptional()
  @Rule('phone', isPhone, phoneMessage('phone'))
  phone?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.gov.cn' })
  @IsOptional()
  @Rule('email', isMail, emailMessage('email'))
  email?: string;

  /** Omit it to get a one-time password in the answer; either way it must be changed at first sign-in. */
  @ApiPropertyOptional({
    description: '初始密码（须符合密码规则）；不填则生成一次性密码，仅在答复中显示一次',
  })
  @IsOptional()
  @Rule('password', textOf(1, 200), {
    zh: '「password」须为 1–200 个字符的字符串',
    en: 'password must be a string of 1 to 200 characters',
  })
  password?: string;
}

/** `null` clears `departmentId`, `phone` or `email`. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @Absent()
  @Rule('role', isRole, ROLE_MESSAGE)
  role?: AccountRole;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Rule('departmentId', isDepartmentId, DEPARTMENT_MESSAGE)
  departmentId?: string | null;

  @ApiPropertyOptional()
  @Absent()
  @Rule('displayName', textOf(1, 100), DISPLAY_NAME_MESSAGE)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Rule('phone', isPhone, phoneMessage('phone'))
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Rule('email', isMail, emailMessage('email'))
  email?: string | null;

  @ApiPropertyOptional({ description: 'true 停用账号：不能登录，已签发的令牌立即失效' })
  @Absent()
  @Rule('disabled', (v) => typeof v === 'boolean', {
    zh: '「disabled」须为 true 或 false',
    en: 'disabled must be true or false',
  })
  disabled?: boolean;

  @ApiPropertyOptional({
    enum: ['head', 'leadership'],
    nullable: true,
    description:
      'head：部门负责人（部门账号），逾期 N 个工作日起收到督办；leadership：局领导（局方账号），逾期 M 个工作日起收到督办；null 取消',
  })
  @IsOptional()
  @Rule('escalationRole', (v) => v === 'head' || v === 'leadership', {
    zh: '「escalationRole」须为 head（部门负责人）、leadership（局领导）或 null',
    en: 'escalationRole must be head (the department head), leadership (the bureau leadership) or null',
  })
  escalationRole?: 'head' | 'leadership' | null;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @Rule('role', isRole, ROLE_MESSAGE)
  role?: AccountRole;

  @ApiPropertyOptional()
  @IsOptional()
  @Rule('department', isDepartmentId, {
    zh: '「department」须为部门编号，如 dept-a',
    en: 'department must be a department code, e.g. dept-a',
  })
  department?: string;
}
