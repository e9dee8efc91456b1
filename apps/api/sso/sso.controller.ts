import { Controller, Get, Ip, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/principal';
import { SsoService, SSO_LOGIN_TTL_MS } from './sso.service';

/** Binds a sign-in to the browser that started it, so nobody can complete theirs in someone else's. */
const COOKIE = 'dk_sso';
const COOKIE_PATH = '/api/v1/auth/sso';

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  /** Whether single sign-on is on and what to call it, for the console's sign-in page. */
  @Public()
  @Get('config')
  config() {
    return this.sso.publicConfig();
  }

  /** Sends the browser to the provider. */
  @Public()
  @Get()
  async start(@Req() req: Request, @Res() res: Response, @Ip() address: string): Promise<void> {
    const { location, browser } = await this.sso.start(address);
    res.cookie(COOKIE, browser, {
      httpOnly: true,
      // Lax: the cookie comes back on the provider's top-level redirect to the callback, nothing else.
      sameSite: 'lax',
      secure: req.secure || this.sso.callbackIsHttps(),
      path: COOKIE_PATH,
      maxAge: SSO_LOGIN_TTL_MS,
    });
    res.redirect(302, location);
  }

  /** Where the provider sends the browser back; answers our own token, or hands it to the console. */
  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response, @Ip() address: string): Promise<void> {
    // The provider adds parameters of its own (iss, session_state…), so the query is not bound to a DTO.
    const search = new URL(req.originalUrl, 'http://callback').search;
    res.clearCookie(COOKIE, { path: COOKIE_PATH });
    const { session, postLoginUrl } = await this.sso.callback(search, cookie(req, COOKIE), address);
    res.setHeader('Cache-Control', 'no-store');
    if (!postLoginUrl) {
      res.status(200).json(session);
      return;
    }
    // In the fragment, the token never reaches a server log or a Referer header.
    const fragment = new URLSearchParams({
      access_token: session.accessToken,
      token_type: session.tokenType,
      expires_in: String(session.expiresIn),
      ...('mustChangePassword' in session ? { must_change_password: 'true' } : {}),
    });
    res.redirect(302, `${postLoginUrl}#${fragment}`);
  }
}
