import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestLanguage } from './localized.exception';

/** The language the reader asked for (Accept-Language; Chinese by default), for answers worded per request. */
export const RequestLang = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  requestLanguage(ctx.switchToHttp().getRequest<Request>()),
);
