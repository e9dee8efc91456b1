/**
 * The requests single sign-on makes on the server (discovery, token, JWKS, userinfo) go to the
 * provider an administrator configured (OIDC_ISSUER) and nowhere else: its discovery document could
 * otherwise point the API at any address, and a redirect could lead there too. So a URL on another
 * origin is refused before connecting, and redirects are never followed.
 */
export class OutsideIssuerError extends Error {
  constructor(readonly target: string) {
    super(`refused a request outside the configured OIDC issuer: ${target}`);
    this.name = 'OutsideIssuerError';
  }
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function issuerOnlyFetch(issuer: string, inner: Fetch = fetch): Fetch {
  const allowed = new URL(issuer).origin;
  return async (url, init) => {
    const target = new URL(url);
    if (target.origin !== allowed) throw new OutsideIssuerError(target.origin);
    const response = await inner(url, { ...init, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400)
      throw new OutsideIssuerError(`${target.origin} answered a redirect (${response.status})`);
    return response;
  };
}
