import { HttpException } from '@nestjs/common';
import type { Request } from 'express';
import { languageOf, renderRefusal, say, type Lang, type Refusal } from '../../../domain';

/**
 * An error whose detail is worded when it is answered, in the language the request asked for
 * (Accept-Language; Chinese by default). `code` and `refusals` are for machines and never translated.
 */
export class LocalizedException extends HttpException {
  constructor(
    status: number,
    readonly words: (lang: Lang) => string,
    readonly extra: { code?: string; refusals?: (Refusal & { event?: number })[] } = {},
    /** One sentence per problem when there are several (a body's fields), in the same language. */
    readonly list?: (lang: Lang) => string[],
  ) {
    super(words('en'), status);
  }
}

/** The common case: one sentence in each language. */
export const localized = (status: number, zh: string, en: string): LocalizedException =>
  new LocalizedException(status, (lang) => say(lang, zh, en));

/** A fact the engine refused (or a role may not record): its refusal worded for the reader. */
export function refusalException(status: number, refusal: Refusal): LocalizedException {
  return new LocalizedException(status, (lang) => renderRefusal(refusal, lang), {
    code: refusal.code,
    refusals: [refusal],
  });
}

export const requestLanguage = (req: Pick<Request, 'headers'>): Lang =>
  languageOf(req.headers['accept-language']);
