/**
 * `npm start`: the whole system on its embedded defaults — PostgreSQL under .data/, the Temporal dev
 * server with its SQLite file under .data/, the worker and the API on port 3000 — with demo data on
 * first start. DATABASE_URL and TEMPORAL_ADDRESS point it at real servers instead. Ctrl-C stops it all.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../api/app';
import { ConfigError, loadApiConfig } from '../api/config/api-config';
import { loadWorkerConfig } from '../worker/config';
import { ensurePlanSchedules } from '../worker/schedules';
import { startSweeper } from '../worker/sweeper';
import { createProjectWorker } from '../worker/worker';
import { openDatabase } from '../../db/data-source';
import { startEmbeddedPostgres } from '../../db/embedded-postgres';
import { DepartmentChannelEntity, ProjectEntity } from '../../db/entities';
import { createEmailChannel } from '../dispatcher/email.channel';
import { startDispatcherLoop } from '../dispatcher/loop';
import { startDemoReceiver } from './demo-receiver';
import { startDingtalkDemoReceiver } from './dingtalk-demo-receiver';
import { seedAccounts } from '../../db/seed-accounts';
import { seedDemoProjects } from './demo';
import { startDevServer } from './temporal-dev-server';
import {
  connectionOptions,
  dataConverter,
  describeTemporal,
  type TemporalConfig,
} from '../../temporal/temporal-config';

const root = join(__dirname, '..', '..', '..');
const data = join(root, '.data');
const DEFAULT_DEMO_PASSWORD = 'deadline-demo-2026';
const DEMO_WEBHOOK_SECRET = 'demo-webhook-secret-dept-a';
/** The demo robot's token and 加签 secret; a real robot's come from DingTalk's group settings. */
const DEMO_DINGTALK = { token: 'demo-dingtalk-token-dept-a', secret: 'SECdemo-dingtalk-secret-dept-a' };
const step = (text: string) => console.log(`▶ ${text}`);

/**
 * The payload key, generated once into .data/ like the JWT secret unless TEMPORAL_ENCRYPTION_KEYS is
 * set. A Temporal database written before encryption existed keeps being readable (plaintext accepted),
 * so an earlier `npm start`'s projects go on.
 */
function encryptionKeys(dir: string): NodeJS.ProcessEnv {
  if (process.env.TEMPORAL_ENCRYPTION_KEYS) return {};
  const keyFile = join(dir, 'temporal-encryption-keys');
  const older = !existsSync(keyFile) && existsSync(join(dir, 'temporal.db'));
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, `dev-${Date.now()}:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
    if (older) writeFileSync(join(dir, 'temporal-plaintext-accepted'), 'written before encryption\n');
  }
  return {
    TEMPORAL_ENCRYPTION_KEYS: readFileSync(keyFile, 'utf8').trim(),
    ...(existsSync(join(dir, 'temporal-plaintext-accepted'))
      ? { TEMPORAL_ENCRYPTION_ACCEPT_PLAINTEXT: 'true' }
      : {}),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(data, { recursive: true });
  // The embedded server may run as the `postgres` user, which must reach its folder.
  chmodSync(data, 0o755);
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e: Error) => console.error(`  while stopping: ${e.message}`));
  };
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      step('starting the embedded PostgreSQL (.data/postgres)…');
      const db = await startEmbeddedPostgres({
        dataDir: join(data, 'postgres'),
        persistent: true,
        port: Number(process.env.PGPORT ?? 54329),
      });
      stops.push(db.stop);
      databaseUrl = db.url;
    }
    const apiPort = Number(process.env.PORT ?? 3000);
    const encryption = encryptionKeys(data);
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let uiUrl: string | null = null;
    if (!temporalAddress) {
      step('starting the Temporal dev server (.data/temporal.db)…');
      const server = await startDevServer({
        cli: process.env.TEMPORAL_CLI ?? '',
        dbFile: join(data, 'temporal.db'),
        port: 7233,
        uiPort: 8233,
        codecEndpoint: `http://localhost:${apiPort}/api/v1/temporal-codec`,
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      uiUrl = server.uiUrl;
    }
    const secretFile = join(data, 'jwt-secret');
    if (!process.env.JWT_SECRET && !existsSync(secretFile))
      writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    // The demo OA receiver listens on this machine: allowed by address and port, as an administrator
    // would allow an intranet OA (WEBHOOK_ALLOW), and nothing else on loopback.
    const demoWebhookPort = Number(process.env.DEMO_WEBHOOK_PORT ?? 3001);
    const demoDingtalkPort = Number(process.env.DEMO_DINGTALK_PORT ?? 3002);
    const webhookAllow = [
      process.env.WEBHOOK_ALLOW,
      `127.0.0.1:${demoWebhookPort}`,
      `127.0.0.1:${demoDingtalkPort}`,
    ]
      .filter(Boolean)
      .join(',');
    const config = loadApiConfig({
      ...process.env,
      ...encryption,
      TEMPORAL_CODEC_CORS_ORIGINS: process.env.TEMPORAL_CODEC_CORS_ORIGINS ?? 'http://localhost:8233',
      WEBHOOK_ALLOW: webhookAllow,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      JWT_SECRET: process.env.JWT_SECRET ?? readFileSync(secretFile, 'utf8').trim(),
    });

    step('applying database migrations and demo accounts…');
    const dataSource = await openDatabase(config.databaseUrl);
    stops.push(() => dataSource.destroy());
    const password = process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
    await seedAccounts(dataSource, password);

    step('starting the worker…');
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const temporal = config.temporal as TemporalConfig;
    console.log(`  Temporal: ${describeTemporal(temporal)}`);
    const connection = await NativeConnection.connect(connectionOptions(temporal));
    stops.push(() => connection.close());
    const workerConfig = loadWorkerConfig({ ...process.env, DATABASE_URL: config.databaseUrl });
    const worker = await createProjectWorker({
      connection,
      dataSource,
      namespace: config.namespace,
      taskQueue: config.taskQueue,
      dataConverter: dataConverter(temporal, 'worker'),
      tuning: { maxCachedWorkflows: workerConfig.maxCachedWorkflows },
    });
    const running = worker.run();
    const scheduleConnection = await Connection.connect(connectionOptions(temporal));
    stops.push(() => scheduleConnection.close());
    const clientConverter = dataConverter(temporal, 'client');
    const client = new Client({
      connection: scheduleConnection,
      namespace: config.namespace,
      ...(clientConverter ? { dataConverter: clientConverter } : {}),
    });
    await ensurePlanSchedules(client, config.taskQueue, workerConfig.planLeadDays);
    const sweeper = startSweeper({
      client,
      dataSource,
      taskQueue: config.taskQueue,
      intervalMs: workerConfig.sweepIntervalMs,
    });
    stops.push(async () => sweeper.stop());
    stops.push(async () => {
      // The SDK may already be shutting the worker down on the same signal.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });

    step('starting the outbox dispatcher, the demo OA receiver and DingTalk-style robot for dept-a…');
    const receiver = await startDemoReceiver(demoWebhookPort, DEMO_WEBHOOK_SECRET);
    stops.push(() => receiver.stop());
    const robot = await startDingtalkDemoReceiver(demoDingtalkPort, DEMO_DINGTALK);
    stops.push(() => robot.stop());
    console.log(`  DingTalk-style robot for dept-a: ${robot.url.replace(DEMO_DINGTALK.token, '***')}`);
    await dataSource.getRepository(DepartmentChannelEntity).upsert(
      {
        departmentId: 'dept-a',
        webhookUrl: receiver.url,
        webhookSecret: DEMO_WEBHOOK_SECRET,
        webhookEnabled: true,
        dingtalkUrl: robot.url,
        dingtalkSecret: DEMO_DINGTALK.secret,
        dingtalkEnabled: true,
        emails: [],
        emailEnabled: Boolean(process.env.SMTP_URL),
      },
      ['departmentId'],
    );
    const dispatch = startDispatcherLoop(dataSource, {
      email: process.env.SMTP_URL ? createEmailChannel(process.env.SMTP_URL) : null,
      allow: config.webhookAllow,
      intervalMs: 2_000,
    });
    stops.push(() => dispatch.stop());

    step(`starting the API on port ${config.port}…`);
    const app = await createApp(config, { shutdownHooks: false, logger: ['error', 'warn'] });
    await app.listen(config.port);
    stops.push(() => app.close());
    const base = `http://localhost:${config.port}`;
    if ((await dataSource.getRepository(ProjectEntity).count()) === 0) {
      step('registering the demo projects…');
      console.log(`  ${await seedDemoProjects(base, password)} projects registered`);
    }
    console.log(`\n期限监管 Deadline Keeper is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`  控制台   ${base}/   (the console: open it in a browser and sign in)`);
    console.log(`  API      ${base}/api/v1   (OpenAPI: ${base}/docs)`);
    if (uiUrl) console.log(`  Temporal ${uiUrl}`);
    console.log(
      `  sign in  admin, operator, dept-a, dept-b — password ${process.env.DEMO_PASSWORD ? '$DEMO_PASSWORD' : DEFAULT_DEMO_PASSWORD}`,
    );
    console.log('  Ctrl-C stops everything.\n');
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `start failed: ${(error as Error).message}`);
    await stopAll();
    process.exit(1);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stopAll();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
