/**
 * The dispatcher process: `DATABASE_URL=… SMTP_URL=smtp://… node dist/apps/dispatcher/main.js`.
 * Delivers the outbox; stops after the current pass on SIGINT/SIGTERM.
 */
import { openDatabase } from '../../db/data-source';
import { allowEntryProblem } from '../../net/address-policy';
import { createEmailChannel } from './email.channel';
import { startDispatcherLoop } from './loop';

async function main(): Promise<void> {
  const problems: string[] = [];
  const databaseUrl = process.env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  const intervalMs = Number(process.env.DISPATCH_INTERVAL_MS ?? 5000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100)
    problems.push('DISPATCH_INTERVAL_MS must be a whole number ≥ 100');
  const allow = (process.env.WEBHOOK_ALLOW ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of allow) {
    const problem = allowEntryProblem(entry);
    if (problem) problems.push(`WEBHOOK_ALLOW: ${problem}`);
  }
  if (problems.length) {
    console.error(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  const dataSource = await openDatabase(databaseUrl);
  const loop = startDispatcherLoop(dataSource, {
    email: smtpUrl ? createEmailChannel(smtpUrl, process.env.MAIL_FROM) : null,
    allow,
    intervalMs,
  });
  console.log(
    `dispatcher: delivering every ${intervalMs} ms${smtpUrl ? '' : ' (no SMTP_URL: e-mail deliveries wait)'}`,
  );
  const stop = async () => {
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
