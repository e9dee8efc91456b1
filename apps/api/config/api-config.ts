import { allowEntryProblem } from '../../../net/address-policy';
import { loadOidcConfig, type OidcConfig } from './oidc-config';
import { loadTemporalConfig, type TemporalConfig } from '../../../temporal/temporal-config';

/** The API's configuration, read from the environment and validated once at start-up. */
export interface ApiConfig {
  port: number;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** TLS, API key and payload encryption; absent in tests that connect to a plain dev server. */
  temporal?: TemporalConfig;
  /** Origins (the Temporal UI's) allowed to call the payload codec endpoint from a browser. */
  codecCorsOrigins?: string[];
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  /** Login attempts allowed per client address per minute. */
  loginPerMinute: number;
  /** The summary's yellow light: open obligations due within this many working days (1–30). */
  yellowWorkingDays?: number;
  /** Per-account lockout: this many failed sign-ins in a row lock the account for lockMinutes. */
  login: { maxFailures: number; lockMinutes: number };
  /** /simulate: engine threads, and requests per user per minute. */
  simulate: { threads: number; perMinute: number };
  /** Internal hosts and networks webhooks may reach, besides the administrator's list (WEBHOOK_ALLOW). */
  webhookAllow: string[];
  /** Bearer token Prometheus sends to scrape /metrics (bureau users' own tokens also work). */
  metricsToken?: string;
  /** Single sign-on; absent while OIDC_ISSUER is unset. */
  oidc?: OidcConfig;
}

export const API_CONFIG = Symbol('API_CONFIG');

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function integer(
  value: string | undefined,
  fallback: number,
  name: string,
  problems: string[],
  min = 1,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    problems.push(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const temporal = loadTemporalConfig(env, problems);
  const secret = env.JWT_SECRET ?? '';
  if (secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  const config: ApiConfig = {
    port: integer(env.PORT, 3000, 'PORT', problems),
    databaseUrl,
    temporalAddress: temporal.address,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    temporal,
    codecCorsOrigins: (env.TEMPORAL_CODEC_CORS_ORIGINS ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    jwt: {
      secret,
      issuer: env.JWT_ISSUER ?? 'deadline-keeper',
      audience: env.JWT_AUDIENCE ?? 'deadline-keeper-api',
      ttlSeconds: integer(env.JWT_TTL_SECONDS, 8 * 3600, 'JWT_TTL_SECONDS', problems, 60),
    },
    yellowWorkingDays: integer(env.YELLOW_WORKING_DAYS, 5, 'YELLOW_WORKING_DAYS', problems),
    loginPerMinute: integer(env.LOGIN_RATE_LIMIT_PER_MINUTE, 10, 'LOGIN_RATE_LIMIT_PER_MINUTE', problems),
    webhookAllow: (env.WEBHOOK_ALLOW ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    simulate: {
      threads: integer(env.SIMULATE_THREADS, 1, 'SIMULATE_THREADS', problems),
      perMinute: integer(env.SIMULATE_PER_MINUTE, 30, 'SIMULATE_PER_MINUTE', problems),
    },
    login: {
      maxFailures: integer(env.LOGIN_MAX_FAILURES, 5, 'LOGIN_MAX_FAILURES', problems),
      lockMinutes: integer(env.LOGIN_LOCK_MINUTES, 15, 'LOGIN_LOCK_MINUTES', problems),
    },
  };
  for (const entry of config.webhookAllow) {
    const problem = allowEntryProblem(entry);
    if (problem) problems.push(`WEBHOOK_ALLOW: ${problem}`);
  }
  const metricsToken = env.METRICS_TOKEN;
  if (metricsToken !== undefined && metricsToken !== '') {
    if (metricsToken.length < 24) problems.push('METRICS_TOKEN must be at least 24 characters');
    config.metricsToken = metricsToken;
  }
  const oidc = loadOidcConfig(env, problems);
  if (oidc) config.oidc = oidc;
  if ((config.yellowWorkingDays ?? 0) > 30)
    problems.push(`YELLOW_WORKING_DAYS must be at most 30, got "${env.YELLOW_WORKING_DAYS}"`);
  if (problems.length) throw new ConfigError(problems);
  return config;
}
