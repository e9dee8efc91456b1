import { issuerOnlyFetch, OutsideIssuerError } from './issuer-fetch';

describe('requests to the OIDC issuer', () => {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const answer = (status: number) => async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(null, { status, headers: status === 302 ? { location: 'http://10.0.0.1/' } : {} });
  };

  beforeEach(() => (calls.length = 0));

  it('reaches the issuer and never follows a redirect', async () => {
    const f = issuerOnlyFetch('https://idp.example.gov.cn/realms/x', answer(200));
    expect((await f('https://idp.example.gov.cn/token', { method: 'POST' })).status).toBe(200);
    expect(calls[0]?.init.redirect).toBe('manual');
  });

  it('refuses another origin before connecting', async () => {
    const f = issuerOnlyFetch('https://idp.example.gov.cn', answer(200));
    for (const url of [
      'https://evil.example/jwks',
      'http://idp.example.gov.cn/jwks',
      'https://idp.example.gov.cn:8443/',
    ])
      await expect(f(url, {})).rejects.toBeInstanceOf(OutsideIssuerError);
    expect(calls).toHaveLength(0);
  });

  it('refuses a redirect the issuer answers', async () => {
    const f = issuerOnlyFetch('https://idp.example.gov.cn', answer(302));
    await expect(f('https://idp.example.gov.cn/jwks', {})).rejects.toBeInstanceOf(OutsideIssuerError);
  });
});
