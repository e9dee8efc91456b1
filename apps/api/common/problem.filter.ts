import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../../db/unavailable';
import { say, type Lang } from '../../../domain';
import type { AuditInput } from '../audit/audit.service';
import { isTemporalUnavailable, temporalUnavailable } from '../temporal/temporal-errors';
import { LocalizedException, requestLanguage } from './localized.exception';
import type { Principal } from './principal';

/** Problem titles, Chinese by default; `Accept-Language: en` keeps the HTTP reason phrases. */
const TITLES: Record<number, [zh: string, en: string]> = {
  400: ['请求有误', 'Bad Request'],
  401: ['未登录或登录已失效', 'Unauthorized'],
  403: ['无权操作', 'Forbidden'],
  404: ['未找到', 'Not Found'],
  409: ['与当前状态冲突', 'Conflict'],
  413: ['请求内容过大', 'Payload Too Large'],
  415: ['不支持的内容类型', 'Unsupported Media Type'],
  422: ['无法办理', 'Unprocessable Entity'],
  429: ['请求过于频繁', 'Too Many Requests'],
  500: ['服务器内部错误', 'Internal Server Error'],
  503: ['服务暂时不可用', 'Service Unavailable'],
};

export function problemTitle(status: number, lang: Lang): string {
  const [zh, en] = TITLES[status] ?? ['错误', 'Error'];
  return say(lang, zh, en);
}

function detailOf(response: unknown, fallback: string): { detail: string; errors?: string[] } {
  if (typeof response === 'string') return { detail: response };
  if (response && typeof response === 'object') {
    const message = (response as { message?: unknown }).message;
    if (Array.isArray(message)) return { detail: message.join('; '), errors: message.map(String) };
    if (typeof message === 'string') return { detail: message };
  }
  return { detail: fallback };
}

/**
 * Every error leaves as application/problem+json (RFC 9457) with a message a person can act on; an
 * unexpected one is logged and answered without its stack.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  /** `audit` records refused attempts to change something (401/403 on a mutating method). */
  constructor(private readonly audit?: { append(input: AuditInput): Promise<void> }) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const lang = requestLanguage(req);
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let body: { detail: string; errors?: string[]; code?: string; refusals?: unknown[] } = {
      detail: say(lang, '发生了意外错误，已记录日志', 'an unexpected error occurred; it has been logged'),
    };
    if (error instanceof ThrottlerException) {
      status = 429;
      body = {
        detail: say(lang, '尝试次数过多，请一分钟后再试', 'too many attempts; wait a minute and try again'),
      };
    } else if (error instanceof LocalizedException) {
      status = error.getStatus();
      body = {
        detail: error.words(lang),
        ...(error.list ? { errors: error.list(lang) } : {}),
        ...error.extra,
      };
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      body = inChinese(detailOf(error.getResponse(), error.message), status, req, lang);
    } else if (isDatabaseUnavailable(error)) {
      status = 503;
      body = {
        detail: say(lang, '数据库暂时不可用，请稍后重试', 'the database is unavailable; try again shortly'),
      };
      this.logger.warn(`database unavailable: ${(error as Error).message}`);
    } else if (isTemporalUnavailable(error)) {
      // A call site that did not say it more precisely: the same answer as the ones that do.
      status = 503;
      body = { detail: temporalUnavailable(error).words(lang) };
      this.logger.warn(`workflow service unavailable: ${(error as Error).message}`);
    } else if (isBodyParserError(error)) {
      status = error.status;
      body = {
        detail:
          status === 413
            ? say(lang, '请求内容过大', 'the request body is too large')
            : say(
                lang,
                `请求内容不是有效的 JSON：${error.message}`,
                `the request body is not valid JSON: ${error.message}`,
              ),
      };
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (
      MUTATING.has(req.method) &&
      (status === 401 || status === 403 || (status === 400 && BAD_INPUT_AUDITED.has(routeOf(req))))
    )
      await this.refused(req, status, body);
    // Every 503 is a "not now": the client learns when trying again is worth it.
    if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify({ type: 'about:blank', title: problemTitle(status, lang), status, ...body }));
  }

  private async refused(
    req: Request & { principal?: Principal },
    status: number,
    body: { detail: string },
  ): Promise<void> {
    const route = routeOf(req);
    if (!this.audit || AUDITED_ELSEWHERE.has(route)) return;
    const details: RefusedRequest = { method: req.method, route, status, detail: body.detail };
    try {
      await this.audit.append({
        actorId: req.principal?.id ?? 'anonymous',
        actorRole: req.principal?.role ?? 'anonymous',
        action: 'request.refused',
        details: { ...details },
      });
    } catch (auditError) {
      // The refusal still answers; a lost audit entry is an operational error someone must see.
      this.logger.error(`could not audit a refused request: ${(auditError as Error).message}`);
    }
  }
}

/** Long enough for a restarting PostgreSQL or Temporal to come back, short enough to feel live. */
export const RETRY_AFTER_SECONDS = 5;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Routes whose malformed attempts are audited too: a department's channels carry secrets and outbound
 * addresses, so every refused change is kept (the detail names the field, never the value).
 */
const BAD_INPUT_AUDITED = new Set(['/api/v1/departments/:id/channels']);
const routeOf = (req: Request): string => (req.route?.path as string | undefined) ?? req.path;
/** Failed sign-ins are audited by the sign-in itself, with the account they named. */
const AUDITED_ELSEWHERE = new Set(['/api/v1/auth/login']);

export interface RefusedRequest {
  method: string;
  route: string;
  status: number;
  detail: string;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The framework's own refusals (an unknown route, a method not allowed, a multipart limit) are
 * English sentences: said in Chinese, with what to do, keeping the original for the curious.
 */
function inChinese(
  body: { detail: string; errors?: string[] },
  status: number,
  req: Request,
  lang: Lang,
): { detail: string; errors?: string[] } {
  if (lang === 'en' || CJK.test(body.detail)) return body;
  if (status === 404 && /^Cannot [A-Z]+ /.test(body.detail)) {
    return { detail: `没有这个接口：${req.method} ${req.path}，请核对地址（全部接口见 /docs）` };
  }
  return { ...body, detail: `${problemTitle(status, 'zh')}：请核对请求后重试（${body.detail}）` };
}

function isBodyParserError(error: unknown): error is { status: number; message: string; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}
