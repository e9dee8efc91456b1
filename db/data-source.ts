import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { markingDriver } from './unavailable';
import { InitialSchema1763856000000 } from './migrations/1763856000000-initial-schema';
import { Accounts1763856100000 } from './migrations/1763856100000-accounts';
import { Delivery1763856200000 } from './migrations/1763856200000-delivery';
import { Incidents1763856400000 } from './migrations/1763856400000-incidents';
import { LoginSecurity1763856600000 } from './migrations/1763856600000-login-security';
import { WebhookAllowlist1763856610000 } from './migrations/1763856610000-webhook-allowlist';
import { SupersededNotices1763856620000 } from './migrations/1763856620000-superseded-notices';
import { OversightScale1763856630000 } from './migrations/1763856630000-oversight-scale';
import { DeliveryLeases1763856640000 } from './migrations/1763856640000-delivery-leases';
import { PlanFilings1763856300000 } from './migrations/1763856300000-plan-filings';
import { AccountAdministration1763856700000 } from './migrations/1763856700000-account-administration';
import { ProjectCodes1763856710000 } from './migrations/1763856710000-project-codes';
import { SsoLogins1763856800000 } from './migrations/1763856800000-sso-logins';
import { FactCorrections1763856810000 } from './migrations/1763856810000-fact-corrections';
import { OpenDueIndex1763856820000 } from './migrations/1763856820000-open-due-index';
import { VendorChannels1763857400000 } from './migrations/1763857400000-vendor-channels';
import { NoticeLifecycle1763857500000 } from './migrations/1763857500000-notice-lifecycle';
import { ProjectSource1763857600000 } from './migrations/1763857600000-project-source';

export const MIGRATIONS = [
  InitialSchema1763856000000,
  Accounts1763856100000,
  Delivery1763856200000,
  PlanFilings1763856300000,
  Incidents1763856400000,
  LoginSecurity1763856600000,
  WebhookAllowlist1763856610000,
  SupersededNotices1763856620000,
  OversightScale1763856630000,
  DeliveryLeases1763856640000,
  AccountAdministration1763856700000,
  ProjectCodes1763856710000,
  SsoLogins1763856800000,
  FactCorrections1763856810000,
  OpenDueIndex1763856820000,
  VendorChannels1763857400000,
  NoticeLifecycle1763857500000,
  ProjectSource1763857600000,
];

/**
 * How long a caller waits for a connection before PostgreSQL counts as unavailable: a refused or
 * unreachable server, and a pool whose every connection is busy, fail after 1.5 s instead of
 * hanging, so an API answer (503) still fits in 2 s. A healthy pool hands out a connection in
 * well under a millisecond; a fresh one on the local network takes a few.
 */
export const CONNECT_TIMEOUT_MS = 1_500;

/**
 * Limits for request-serving pools (the API): a statement the server runs longer than 2 s is
 * cancelled, and a query whose connection went silent (a server gone without closing the socket)
 * is given up 0.5 s after that. The API's queries are indexed look-ups and pages that take
 * milliseconds; migrations do not run under these limits (see `openDatabase`).
 */
export const REQUEST_QUERY_LIMITS = { statement_timeout: 2_000, query_timeout: 2_500 };

/** The one way this product talks to PostgreSQL: explicit entities and migrations, never `synchronize`. */
export function createDataSource(
  url: string,
  options: { poolSize?: number; queryLimits?: typeof REQUEST_QUERY_LIMITS } = {},
): DataSource {
  return new DataSource(dataSourceOptions(url, options));
}

/** The options behind `createDataSource`, for the API's TypeORM module as well. */
export function dataSourceOptions(
  url: string,
  options: { poolSize?: number; queryLimits?: typeof REQUEST_QUERY_LIMITS } = {},
) {
  return {
    type: 'postgres' as const,
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    // Failures to get a connection come out typed (DatabaseUnavailableError), so they answer 503.
    driver: markingDriver,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    ...(options.queryLimits ? { extra: { ...options.queryLimits } } : {}),
  };
}

/** Connects and brings the schema up to date. */
export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
