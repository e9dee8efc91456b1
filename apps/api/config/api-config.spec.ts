import { ConfigError, loadApiConfig } from './api-config';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  TEMPORAL_ADDRESS: 'localhost:7233',
  JWT_SECRET: 'x'.repeat(32),
};

describe('API configuration', () => {
  it('reads a valid environment with its defaults', () => {
    expect(loadApiConfig(valid)).toMatchObject({
      port: 3000,
      taskQueue: 'deadline-keeper',
      jwt: { issuer: 'deadline-keeper', audience: 'deadline-keeper-api', ttlSeconds: 28_800 },
      loginPerMinute: 10,
    });
  });

  it('takes a scrape token for /metrics only when it is long enough', () => {
    expect(loadApiConfig(valid).metricsToken).toBeUndefined();
    expect(loadApiConfig({ ...valid, METRICS_TOKEN: 't'.repeat(24) }).metricsToken).toBe('t'.repeat(24));
    expect(() => loadApiConfig({ ...valid, METRICS_TOKEN: 'short' })).toThrow(
      'METRICS_TOKEN must be at least 24 characters',
    );
  });

  it('names every problem at once', () => {
    let error: unknown;
    try {
      loadApiConfig({
        DATABASE_URL: 'mysql://x',
        TEMPORAL_ADDRESS: 'nope',
        JWT_SECRET: 'short',
        PORT: 'eighty',
        JWT_TTL_SECONDS: '5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const problem of [
      'DATABASE_URL must be a postgres:// URL',
      'TEMPORAL_ADDRESS "nope" is not host:port',
      'JWT_SECRET must be at least 32 characters',
      'PORT must be a whole number ≥ 1, got "eighty"',
      'JWT_TTL_SECONDS must be a whole number ≥ 60, got "5"',
    ]) {
      expect(message).toContain(problem);
    }
  });
});
