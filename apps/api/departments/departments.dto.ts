import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import type { DepartmentContact } from '../../../db/entities';
import { bilingual, Rule } from '../common/rules';
import { contactsProblem } from './contacts';

/** A new department's code: lower-case words joined by hyphens, e.g. `dept-nr`. */
export const DEPARTMENT_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const isCode = (v: unknown) =>
  typeof v === 'string' && v.length >= 2 && v.length <= 64 && DEPARTMENT_CODE.test(v);
/** A Chinese name: 2–100 characters with at least one Han character. */
const isChineseName = (v: unknown) =>
  typeof v === 'string' && v.trim().length >= 2 && v.length <= 100 && /\p{Script=Han}/u.test(v);

const NAME_MESSAGE = {
  zh: '「name」须为部门的中文全称（2–100 个字符，含汉字），如「市自然资源和规划局信息中心」',
  en: "name must be the department's full Chinese name (2 to 100 characters, with Chinese characters)",
};

const ACTIVE_MESSAGE = { zh: '「active」须为 true 或 false', en: 'active must be true or false' };

const IsContacts = () =>
  ValidateBy({
    name: 'contacts',
    validator: {
      validate: (value: unknown) => contactsProblem(value) === null,
      defaultMessage: (args) =>
        bilingual(contactsProblem(args?.value) ?? { zh: '「contacts」不正确', en: 'contacts is not valid' }),
    },
  });

class ContactDoc {
  @ApiProperty({ example: '张三' }) name!: string;
  @ApiPropertyOptional({ example: '13912345678' }) phone?: string;
  @ApiPropertyOptional({ example: 'zhangsan@nr.example.gov.cn' }) email?: string;
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'dept-nr', description: '部门编号：小写字母开头，小写字母、数字和连字符' })
  @Rule('code', isCode, {
    zh: '「code」须为 2–64 个字符的部门编号：小写字母开头，由小写字母、数字和单个连字符组成，如 dept-nr',
    en: 'code must be a department code of 2 to 64 characters: lower-case letters and digits joined by single hyphens, starting with a letter, e.g. dept-nr',
  })
  code!: string;

  @ApiProperty({ example: '市自然资源和规划局' })
  @Rule('name', isChineseName, NAME_MESSAGE)
  name!: string;

  @ApiPropertyOptional({ type: [ContactDoc] })
  @IsOptional()
  @IsContacts()
  contacts?: DepartmentContact[];
}

/** Rename, replace the contacts, deactivate (`active: false`) or reactivate. */
export class UpdateDepartmentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Rule('name', isChineseName, NAME_MESSAGE)
  name?: string;

  @ApiPropertyOptional({ type: [ContactDoc] })
  @IsOptional()
  @IsContacts()
  contacts?: DepartmentContact[];

  @ApiPropertyOptional({ description: 'false 停用：不能再添加项目或用户，已有项目仍可查看' })
  @IsOptional()
  @Rule('active', (v) => typeof v === 'boolean', ACTIVE_MESSAGE)
  active?: boolean;
}

export class ListDepartmentsQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '只列启用（true）或停用（false）的部门' })
  @IsOptional()
  @Rule('active', (v) => v === 'true' || v === 'false', ACTIVE_MESSAGE)
  active?: 'true' | 'false';
}
