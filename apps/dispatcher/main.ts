/**
 * The dispatcher process: `DATABASE_URL=… SMTP_URL=smtp://… node dist/apps/dispatcher/main.js`.
 * Delivers the outbox. On SIGINT/SIGTERM it stops claiming, hands back what it had not started, lets
 * sends in flight finish for a moment, then hands back the rest, so another dispatcher goes on at once.
 * DISPATCH_CONCURRENCY (32), DISPATCH_PER_RECEIVER (4) and DISPATCH_LEASE_MS (30000) tune it.
 */
import { openDatabase } from '../../db/data-source';
import { allowEntryProblem } from '../../net/address-policy';
import { createEmailChannel } from './email.channel';
import { startDispatcherLoop } from './loop';
import { loadSmsConfig } from './sms.config';

async function main(): Promise<void> {
  const problems: string[] = [];
  const databaseUrl = process.env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  const intervalMs = Number(process.env.DISPATCH_INTERVAL_MS ?? 5000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100)
    problems.push('DISPATCH_INTERVAL_MS must be a whole number ≥ 100');
  const whole = (name: string, fallback: number, min: number) => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be a whole number ≥ ${min}`);
    return value;
  };
  const concurrency = whole('DISPATCH_CONCURRENCY', 32, 1);
  const perReceiver = whole('DISPATCH_PER_RECEIVER', 4, 1);
  const leaseMs = whole('DISPATCH_LEASE_MS', 30_000, 1_000);
  const allow = (process.env.WEBHOOK_ALLOW ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of allow) {
    const problem = allowEntryProblem(entry);
    if (problem) problems.push(`WEBHOOK_ALLOW: ${problem}`);
  }
  const sms = loadSmsConfig(process.env, problems);
  if (problems.length) {
    console.error(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  const dataSource = await openDatabase(databaseUrl);
  const loop = startDispatcherLoop(dataSource, {
    email: smtpUrl ? createEmailChannel(smtpUrl, process.env.MAIL_FROM) : null,
    allow,
    intervalMs,
    concurrency,
    perReceiver,
    leaseMs,
    sms,
  });
  console.log(
    `dispatcher: delivering (${concurrency} at once, ${perReceiver} per receiver; idle rest ${intervalMs} ms)${smtpUrl ? '' : ' (no SMTP_URL: e-mail deliveries wait)'}`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await loop.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(`dispatcher failed: ${(error as Error).message}`);
  process.exit(1);
});
