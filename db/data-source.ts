import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1763856000000 } from './migrations/1763856000000-initial-schema';
import { Accounts1763856100000 } from './migrations/1763856100000-accounts';
import { Delivery1763856200000 } from './migrations/1763856200000-delivery';
import { Incidents1763856400000 } from './migrations/1763856400000-incidents';
import { LoginSecurity1763856600000 } from './migrations/1763856600000-login-security';
import { WebhookAllowlist1763856610000 } from './migrations/1763856610000-webhook-allowlist';
import { SupersededNotices1763856620000 } from './migrations/1763856620000-superseded-notices';
import { PlanFilings1763856300000 } from './migrations/1763856300000-plan-filings';
import { ProjectCodes1763856700000 } from './migrations/1763856700000-project-codes';

export const MIGRATIONS = [
  InitialSchema1763856000000,
  Accounts1763856100000,
  Delivery1763856200000,
  PlanFilings1763856300000,
  Incidents1763856400000,
  LoginSecurity1763856600000,
  WebhookAllowlist1763856610000,
  SupersededNotices1763856620000,
  ProjectCodes1763856700000,
];

/** The one way this product talks to PostgreSQL: explicit entities and migrations, never `synchronize`. */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
  });
}

/** Connects and brings the schema up to date. */
export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
