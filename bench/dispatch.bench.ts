/**
 * 投递吞吐基准（`npm run bench:dispatch`）：10 000 条排队通知经本机回环投递给一个 webhook 接收方。
 *
 * Queues `count` notices for one receiver on loopback, starts the dispatcher loop, and times until the
 * receiver has accepted every key. In the same run and against the same database it times the
 * algorithm this replaced (50 per pass, one at a time, a 2 s rest after every pass) on a smaller
 * sample, so the answer is a ratio, not a number that only means something on this machine.
 * Starts its own embedded PostgreSQL unless DATABASE_URL is set. `benchDispatch` is exported for an
 * aggregate benchmark.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { Dispatcher } from '../apps/dispatcher/dispatcher';
import { startDispatcherLoop } from '../apps/dispatcher/loop';
import { supersededReason } from '../apps/dispatcher/superseded';
import { sendWebhook } from '../apps/dispatcher/webhook.channel';
import { openDatabase } from '../db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import { DeliveryEntity, DepartmentChannelEntity, NotificationEntity } from '../db/entities';
import { AllowList } from '../net/address-policy';
import { countingReceiver, queueBacklog } from '../test/delivery/backlog';

const SECRET = 'bench-secret-0123456789';
const ALLOW = ['127.0.0.1'];

export interface DispatchBenchResult {
  count: number;
  dispatch10kSeconds: number;
  deliveriesPerSecond: number;
  baselineCount: number;
  baselineDeliveriesPerSecond: number;
  /** deliveriesPerSecond / baselineDeliveriesPerSecond, both measured in this run. */
  speedup: number;
  /** Calls the receiver got beyond one per key (it drops them by key); 0 when nothing was retried. */
  repeatedCalls: number;
  peakInFlight: number;
}

/** The replaced pass: one 50-row claim behind a 120 s lease, then each delivery in turn. */
async function oldPass(dataSource: DataSource, fanOut: () => Promise<number>): Promise<void> {
  await fanOut();
  const [rows]: [{ id: string }[], number] = await dataSource.query(
    `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, next_attempt_at = $2
      WHERE id IN (SELECT d.id FROM deliveries d
                    WHERE d.status IN ('pending', 'failed', 'sending') AND d.next_attempt_at <= $1
                      AND d.channel IN ('email', 'webhook')
                    ORDER BY d.id LIMIT 50 FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [new Date(), new Date(Date.now() + 120_000)],
  );
  const allow = new AllowList(ALLOW);
  for (const { id } of rows) {
    const d = await dataSource.getRepository(DeliveryEntity).findOneByOrFail({ id: String(id) });
    const n = await dataSource.getRepository(NotificationEntity).findOneByOrFail({ id: d.notificationId });
    const channel = await dataSource
      .getRepository(DepartmentChannelEntity)
      .findOneByOrFail({ departmentId: n.departmentId });
    if (await supersededReason(dataSource, n)) continue;
    await sendWebhook(
      n,
      { url: d.recipient, secret: channel.webhookSecret ?? '', allow, timeoutMs: 10_000 },
      Date.now(),
    );
    await dataSource
      .getRepository(DeliveryEntity)
      .update({ id: d.id }, { status: 'sent', sentAt: new Date(), lastError: null });
  }
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function baseline(dataSource: DataSource, count: number): Promise<number> {
  const receiver = await countingReceiver(SECRET);
  try {
    await queueBacklog(dataSource, { count, url: receiver.url, secret: SECRET });
    const dispatcher = new Dispatcher(dataSource, { email: null, allow: ALLOW, settleMs: 0 });
    const started = performance.now();
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        await oldPass(dataSource, () => dispatcher.fanOut());
        if (!stop) await new Promise((r) => setTimeout(r, 2_000));
      }
    })();
    await until(() => receiver.accepted.size >= count, 600_000, 'baseline');
    const seconds = (performance.now() - started) / 1000;
    stop = true;
    await loop;
    return count / seconds;
  } finally {
    await receiver.close();
  }
}

export async function benchDispatch(
  options: { count?: number; baselineCount?: number; databaseUrl?: string } = {},
): Promise<DispatchBenchResult> {
  const count = options.count ?? 10_000;
  const baselineCount = options.baselineCount ?? 500;
  let embedded: EmbeddedDatabase | undefined;
  let url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'deadline-keeper-bench-'));
    // The embedded server may run as the `postgres` user, which must reach its data folder.
    chmodSync(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
    url = embedded.url;
  }
  const dataSource = await openDatabase(url);
  try {
    const baselineRate = await baseline(dataSource, baselineCount);
    const receiver = await countingReceiver(SECRET);
    try {
      await queueBacklog(dataSource, { count, url: receiver.url, secret: SECRET });
      const started = performance.now();
      const loop = startDispatcherLoop(dataSource, {
        email: null,
        allow: ALLOW,
        settleMs: 0,
        intervalMs: 1_000,
      });
      try {
        await until(() => receiver.accepted.size >= count, 600_000, 'dispatch');
      } finally {
        await loop.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const rate = count / seconds;
      return {
        count,
        dispatch10kSeconds: Number(((seconds * 10_000) / count).toFixed(2)),
        deliveriesPerSecond: Math.round(rate),
        baselineCount,
        baselineDeliveriesPerSecond: Number(baselineRate.toFixed(1)),
        speedup: Number((rate / baselineRate).toFixed(1)),
        repeatedCalls: receiver.calls() - receiver.accepted.size,
        peakInFlight: receiver.peakInFlight(),
      };
    } finally {
      await receiver.close();
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

if (require.main === module) {
  const count = Number(process.env.BENCH_DISPATCH_COUNT ?? 10_000);
  const baselineCount = Number(process.env.BENCH_DISPATCH_BASELINE ?? 500);
  benchDispatch({ count, baselineCount })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: Error) => {
      console.error(`bench:dispatch failed: ${error.message}`);
      process.exit(1);
    });
}
