import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { inputProblem } from './input-guard';
import { localized, LocalizedException } from './localized.exception';
import { fieldMessages, fieldProblems } from './validation-words';

/**
 * Whitelisting validation (unknown fields are refused), and a body bound to a DTO must be a JSON
 * object: an array or a bare value would otherwise slip past per-field rules.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => {
        const problems = fieldProblems(errors);
        return new LocalizedException(
          400,
          (lang) => fieldMessages(problems, lang).join(lang === 'en' ? '; ' : '；'),
          {},
          (lang) => fieldMessages(problems, lang),
        );
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const path = metadata.type === 'body' ? '' : (metadata.data ?? '');
      if (inputProblem(value, path)) {
        throw new LocalizedException(400, (lang) => inputProblem(value, path, 0, lang) as string);
      }
    }
    const boundToClass =
      typeof metadata.metatype === 'function' &&
      ![Object, Array, String, Number, Boolean].includes(metadata.metatype as never);
    if (
      metadata.type === 'body' &&
      boundToClass &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw localized(
        400,
        '请求体须为 JSON 对象（{ … }），不能是数组或单个值，请按接口文档（/docs）提交',
        'the request body must be a JSON object',
      );
    }
    return super.transform(value, metadata);
  }
}
