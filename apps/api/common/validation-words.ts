import type { ValidationError } from 'class-validator';
import { say, type Lang } from '../../../domain';
import { splitWords } from './rules';

/** One field's failed check: where it is, which check, and class-validator's own English sentence. */
export interface FieldProblem {
  field: string;
  property: string;
  constraint: string;
  message: string;
}

/** Every failed check of a body, query or parameter, with dotted/indexed paths (`events[0].on`). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, property: error.property, constraint, message });
    }
    if (error.children?.length) out.push(...fieldProblems(error.children, field));
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;
const numberIn = (message: string): string => /(-?\d+(?:\.\d+)?)(?!.*\d)/.exec(message)?.[1] ?? '';
const listIn = (message: string): string => message.split(':').slice(1).join(':').trim();

/**
 * class-validator's stock checks say their sentence in English; this says each in Chinese, naming the
 * field and what a valid value looks like. A message the project wrote itself (a `Rule`) has its
 * own Chinese, kept as it is.
 */
function zh({ field, property, constraint, message }: FieldProblem): string {
  // A nested field's own sentence names only its property; the reader needs the whole path.
  if (CJK.test(message)) {
    const own = `「${property}」`;
    return field !== property && message.startsWith(own)
      ? `「${field}」${message.slice(own.length)}`
      : message;
  }
  const f = `「${field}」`;
  switch (constraint) {
    case 'whitelistValidation':
      return `${f}不是可接受的字段，请删除它（可用的字段见 /docs）`;
    case 'unknownValue':
      return '请求内容无法识别，请按接口文档（/docs）提交 JSON 对象';
    case 'isString':
      return `${f}须为文本`;
    case 'isInt':
      return `${f}须为整数`;
    case 'isNumber':
      return `${f}须为数字`;
    case 'isBoolean':
      return `${f}须为 true 或 false`;
    case 'isIn':
    case 'isEnum':
      return `${f}须为以下之一：${listIn(message)}`;
    case 'min':
      return `${f}不能小于 ${numberIn(message)}`;
    case 'max':
      return `${f}不能大于 ${numberIn(message)}`;
    case 'minLength':
      return `${f}至少须有 ${numberIn(message)} 个字符`;
    case 'maxLength':
      return `${f}最多 ${numberIn(message)} 个字符，请缩短`;
    case 'matches':
      return `${f}的格式不正确，请核对（可用的格式见 /docs）`;
    case 'isArray':
      return `${f}须为数组`;
    case 'arrayMaxSize':
      return `${f}最多 ${numberIn(message)} 项，请分批提交`;
    case 'arrayMinSize':
      return `${f}至少须有 ${numberIn(message)} 项`;
    case 'isObject':
    case 'nestedValidation':
      return `${f}须为对象`;
    case 'isEmail':
      return `${f}须为有效的电子邮箱地址（如 name@example.gov.cn）`;
    case 'isUrl':
      return `${f}须为有效的网址（如 https://oa.example.gov.cn/hook）`;
    case 'isNotEmpty':
    case 'isDefined':
      return `缺少${f}，请填写`;
    default:
      return `${f}的值不符合要求，请核对后重试（${message}）`;
  }
}

/** The problems said in the reader's language, one sentence each. */
export function fieldMessages(problems: FieldProblem[], lang: Lang): string[] {
  return problems.map((p) => {
    // A message the project wrote carries both languages; a stock one is English, worded in Chinese here.
    const words = splitWords(p.message);
    const en = words?.en ?? p.message;
    return say(
      lang,
      zh(words ? { ...p, message: words.zh } : p),
      en.startsWith(p.property) ? p.field + en.slice(p.property.length) : en,
    );
  });
}
