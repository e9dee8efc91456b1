import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';
import { inputProblem } from './input-guard';

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
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = inputProblem(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problem) throw new BadRequestException(problem);
    }
    const boundToClass =
      typeof metadata.metatype === 'function' &&
      ![Object, Array, String, Number, Boolean].includes(metadata.metatype as never);
    if (
      metadata.type === 'body' &&
      boundToClass &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new BadRequestException('the request body must be a JSON object');
    }
    return super.transform(value, metadata);
  }
}
