import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { OutsideIssuerError } from '../../../net/issuer-fetch';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { OidcConfig } from '../config/oidc-config';
import { OidcClient, type Oidc } from './oidc-client';
import { SsoAccountsService } from './sso-accounts.service';
import { identityFrom, SsoRefusal } from './sso-claims';
import { SsoRepository } from './sso.repository';
import { say } from '../../../domain';
import { localized, LocalizedException } from '../common/localized.exception';

/** How long the provider may keep the person before the callback comes back. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const START_AGAIN = '请返回登录页重新发起统一身份认证登录';
const START_AGAIN_EN = 'go back to the sign-in page and start single sign-on again';
const again = (zh: string, en: string) => ({ zh: `${zh}，${START_AGAIN}`, en: `${en}; ${START_AGAIN_EN}` });

/**
 * Single sign-on by the authorization code flow with PKCE, state and nonce. What the browser could
 * alter (state, code) is checked against what stayed here; what the provider answers is checked by
 * openid-client (issuer, audience, nonce, expiry, the signature against the provider's JWKS).
 */
@Injectable()
export class SsoService {
  private readonly client?: OidcClient;
  private readonly logger = new Logger('SsoService');

  constructor(
    private readonly repository: SsoRepository,
    private readonly accounts: SsoAccountsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    if (config.oidc) this.client = new OidcClient(config.oidc);
  }

  callbackIsHttps(): boolean {
    return this.config.oidc?.redirectUri.startsWith('https:') ?? false;
  }

  publicConfig() {
    const oidc = this.config.oidc;
    return oidc
      ? { enabled: true, displayName: oidc.displayName, loginUrl: '/api/v1/auth/sso' }
      : { enabled: false };
  }

  /** The provider's authorization URL, and the value the browser's cookie must carry back. */
  async start(address: string): Promise<{ location: string; browser: string }> {
    const { oidc, client } = this.enabled();
    const configuration = await this.reach(client, address);
    const lib = await client.lib();
    const state = lib.randomState();
    const nonce = lib.randomNonce();
    const codeVerifier = lib.randomPKCECodeVerifier();
    const browser = randomBytes(32).toString('base64url');
    await this.repository.purgeOld();
    await this.repository.saveLogin(sha256(state), sha256(browser), codeVerifier, nonce, SSO_LOGIN_TTL_MS);
    const url = lib.buildAuthorizationUrl(configuration, {
      redirect_uri: oidc.redirectUri,
      scope: oidc.scopes,
      state,
      nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { location: url.href, browser };
  }

  /** `search` is the callback's query string as the browser brought it; `browser` its cookie. */
  async callback(search: string, browser: string | undefined, address: string) {
    const { oidc, client } = this.enabled();
    try {
      const state = new URLSearchParams(search).get('state');
      if (!state)
        throw new SsoRefusal(
          400,
          'state-missing',
          again('回调缺少 state 参数', 'the callback has no state parameter'),
        );
      const pending = await this.repository.consume(sha256(state));
      if (!pending)
        throw new SsoRefusal(
          400,
          'state-unknown',
          again(
            '登录请求无效或已使用（state 不匹配）',
            'the sign-in request is unknown or already used (state)',
          ),
        );
      if (pending.expired)
        throw new SsoRefusal(
          400,
          'state-expired',
          again('登录请求已超过 10 分钟', 'the sign-in request is more than 10 minutes old'),
        );
      if (!browser || sha256(browser) !== pending.browserHash)
        throw new SsoRefusal(
          400,
          'browser-mismatch',
          again(
            '登录须在发起它的同一浏览器中完成（缺少或不符的登录 Cookie）',
            'sign-in must finish in the browser that started it (the sign-in cookie is missing or different)',
          ),
        );
      const configuration = await this.reach(client, address);
      const claims = await this.exchange(client, configuration, oidc, search, state, pending);
      const user = await this.accounts.resolve(identityFrom(claims, oidc));
      await this.audit.append({
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.sso.login',
        details: { username: user.username, subject: String(claims.sub), issuer: oidc.issuer, address },
      });
      return { session: await this.auth.signedIn(user), postLoginUrl: oidc.postLoginUrl };
    } catch (error) {
      if (error instanceof SsoRefusal) throw await this.refused(error, address);
      throw error;
    }
  }

  private async exchange(
    client: OidcClient,
    configuration: Oidc.Configuration,
    oidc: OidcConfig,
    search: string,
    state: string,
    pending: { codeVerifier: string; nonce: string },
  ): Promise<Record<string, unknown>> {
    const lib = await client.lib();
    // The URI registered with the provider, not the one this request came in on behind a proxy.
    const current = new URL(oidc.redirectUri);
    current.search = search;
    try {
      const tokens = await lib.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims() as Record<string, unknown> | undefined;
      if (!idClaims)
        throw new SsoRefusal(401, 'no-id-token', {
          zh: '统一身份认证平台未返回身份令牌',
          en: 'the identity provider returned no ID token',
        });
      // Many providers put profile claims only in userinfo; what the signed ID token says wins.
      const userInfo = configuration.serverMetadata().userinfo_endpoint
        ? await lib.fetchUserInfo(configuration, tokens.access_token, String(idClaims.sub))
        : {};
      return { ...userInfo, ...idClaims };
    } catch (error) {
      throw this.explain(lib, error);
    }
  }

  /** What went wrong, told without the provider's own text: it may echo the code or a token. */
  private explain(lib: typeof Oidc, error: unknown): unknown {
    if (error instanceof SsoRefusal) return error;
    if (error instanceof lib.AuthorizationResponseError)
      return new SsoRefusal(
        401,
        `provider:${error.error}`,
        again(
          `统一身份认证平台未完成登录（${error.error}）`,
          `the identity provider did not complete the sign-in (${error.error})`,
        ),
      );
    if (error instanceof lib.ResponseBodyError)
      return new SsoRefusal(
        401,
        `token-endpoint:${error.error}`,
        again(
          `授权码无效、已使用或已过期（${error.error}）`,
          `the authorization code is invalid, used or expired (${error.error})`,
        ),
      );
    if (error instanceof lib.ClientError)
      return new SsoRefusal(
        401,
        `response-invalid:${error.code ?? 'unknown'}`,
        again(
          '统一身份认证平台的应答未通过校验（签发方、受众、nonce、签名或参数不符）',
          "the identity provider's answer failed its checks (issuer, audience, nonce, signature or parameters)",
        ),
      );
    return this.unreachable(error);
  }

  private async reach(client: OidcClient, address: string): Promise<Oidc.Configuration> {
    try {
      return await client.configuration();
    } catch (error) {
      throw await this.refused(this.unreachable(error), address);
    }
  }

  private unreachable(error: unknown): SsoRefusal {
    // The name and code tell an operator what failed; the message could carry a URL with the code.
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    this.logger.warn(`OIDC provider request failed: ${name ?? 'error'}${code ? ` (${code})` : ''}`);
    const outside =
      error instanceof OutsideIssuerError || (error as Error)?.cause instanceof OutsideIssuerError;
    return new SsoRefusal(
      502,
      outside ? 'outside-issuer' : 'provider-unreachable',
      outside
        ? {
            zh: '统一身份认证平台要求访问其配置地址以外的主机或跳转，已拒绝；请管理员核对 OIDC_ISSUER',
            en: 'the identity provider asked for a host or redirect outside its configured address; refused; an administrator should check OIDC_ISSUER',
          }
        : {
            zh: '暂时无法连接统一身份认证平台，请稍后重试或使用账号密码登录',
            en: 'the identity provider cannot be reached now; try again later or sign in with a password',
          },
    );
  }

  private async refused(refusal: SsoRefusal, address: string): Promise<LocalizedException> {
    await this.audit.append({
      actorId: 'anonymous',
      actorRole: 'anonymous',
      action: 'auth.sso.refused',
      details: {
        reason: refusal.reason,
        ...(refusal.username ? { username: refusal.username } : {}),
        address,
      },
    });
    return new LocalizedException(refusal.status, (lang) => say(lang, refusal.detail.zh, refusal.detail.en));
  }

  private enabled(): { oidc: OidcConfig; client: OidcClient } {
    if (!this.config.oidc || !this.client)
      throw localized(
        404,
        '本系统未启用统一身份认证（OIDC_ISSUER 未配置），请使用账号密码登录',
        'single sign-on is not configured (OIDC_ISSUER is not set); sign in with a username and password',
      );
    return { oidc: this.config.oidc, client: this.client };
  }
}
