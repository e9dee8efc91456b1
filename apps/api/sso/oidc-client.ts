import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };
import { issuerOnlyFetch } from '../../../net/issuer-fetch';
import type { OidcConfig } from '../config/oidc-config';

export type { Oidc };

/**
 * openid-client ships only as an ES module; this CommonJS build loads it with import(), once.
 * The provider's metadata is fetched on first use, not at start-up, so the API starts while the
 * provider is down; a failed discovery is tried again by the next sign-in.
 */
export class OidcClient {
  private library?: Promise<typeof Oidc>;
  private discovered?: Promise<Oidc.Configuration>;

  constructor(private readonly config: OidcConfig) {}

  lib(): Promise<typeof Oidc> {
    this.library ??= import('openid-client');
    return this.library;
  }

  configuration(): Promise<Oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<Oidc.Configuration> {
    const oidc = await this.lib();
    const issuer = new URL(this.config.issuer);
    const execute = [
      // ID token signatures are checked against the provider's JWKS too, not only trusted over TLS.
      oidc.enableNonRepudiationChecks,
      ...(issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
    ];
    return oidc.discovery(
      issuer,
      this.config.clientId,
      { client_secret: this.config.clientSecret },
      oidc.ClientSecretBasic(this.config.clientSecret),
      { execute, timeout: 10, [oidc.customFetch]: issuerOnlyFetch(this.config.issuer) },
    );
  }
}
