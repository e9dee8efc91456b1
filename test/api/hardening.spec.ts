/** Response headers, the Swagger UI under the content security policy, and who may read /metrics. */
import { randomBytes } from 'node:crypto';
import { useSystem } from './api-harness';

const scrapeToken = randomBytes(24).toString('hex');
const system = useSystem({ metricsToken: scrapeToken });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

it('sends security headers and no X-Powered-By', async () => {
  const res = await system.http().get('/api/v1/healthz').expect(200);
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  const csp = res.headers['content-security-policy'] as string;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  // Errors carry them too.
  const missing = await system.http().get('/api/v1/projects').expect(401);
  expect(missing.headers['x-powered-by']).toBeUndefined();
  expect(missing.headers['x-content-type-options']).toBe('nosniff');
});

it('still serves the Swagger UI: no inline script, every asset it loads is served', async () => {
  const page = await system.http().get('/docs/').redirects(1).expect(200);
  expect(page.text).toContain('swagger-ui');
  // An inline <script> would be blocked by script-src 'self'.
  expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
  const assets = [...page.text.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(1);
  for (const asset of assets) await system.http().get(`/docs/${asset}`).expect(200);
});

describe('/metrics', () => {
  it('refuses anonymous callers and departments', async () => {
    await system.http().get('/metrics').expect(401);
    await system.http().get('/metrics').set(bearer('not-the-token')).expect(401);
    await system
      .http()
      .get('/metrics')
      .set(bearer(await system.token('dept-a')))
      .expect(403);
  });

  it('serves the scraper with METRICS_TOKEN and the bureau with its own token', async () => {
    const scraped = await system.http().get('/metrics').set(bearer(scrapeToken)).expect(200);
    expect(scraped.text).toContain('http_requests_total');
    await system
      .http()
      .get('/metrics')
      .set(bearer(await system.token('operator')))
      .expect(200);
    // A token of the same length but different content is no key.
    const forged = scrapeToken.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    await system.http().get('/metrics').set(bearer(forged)).expect(401);
  });
});
