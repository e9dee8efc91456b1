/**
 * 持续投递：有积压时不停歇地认领、发送；只有一轮什么也没找到时才休息 `intervalMs`。
 *
 * The sender is kept filled: whenever a send finishes there is room, and the next claim takes what is
 * due. Fan-out runs beside it, so a burst of new notifications turns into deliveries while earlier
 * ones are still going out. Stopping hands back every unfinished claim.
 */
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Dispatcher, DispatcherOptions } from './dispatcher';

export interface LoopOptions extends DispatcherOptions {
  /** The rest after a pass that found nothing to do. */
  intervalMs?: number;
  /** How long sends in flight may finish after stop() before they are handed back unanswered. */
  stopGraceMs?: number;
}

/** Claims are batched: at most one per this many ms while sends keep finishing, not one per send. */
const CLAIM_GAP_MS = 10;

export function startDispatcherLoop(dataSource: DataSource, options: LoopOptions) {
  const logger = new Logger('Dispatcher');
  const dispatcher = new Dispatcher(dataSource, options);
  // A send that broke unexpectedly (not a refused delivery: the database, say) keeps its lease until it
  // lapses, and is taken again then.
  const sender = dispatcher.sender((error) => logger.error(`delivery failed: ${(error as Error).message}`));
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  const wakers = new Set<() => void>();
  const rest = (ms: number, alsoOn?: Promise<void>) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
      void alsoOn?.then(done);
    });

  // New notifications become deliveries without waiting for the sends: 200 per transaction, back to back
  // while there are more, then every interval.
  const fanOut = (async () => {
    while (!stopped) {
      let full = false;
      try {
        full = (await dispatcher.fanOut()) >= 200;
      } catch (error) {
        logger.error(`fan-out failed: ${(error as Error).message}`);
      }
      if (!full && !stopped) await rest(Math.min(intervalMs, 1_000));
    }
  })();

  const send = (async () => {
    let lastDigest = 0;
    while (!stopped) {
      try {
        const claimedAt = Date.now();
        const claimed = await sender.fill();
        if (Date.now() - lastDigest >= intervalMs) {
          lastDigest = Date.now();
          await dispatcher.deliverDigests();
        }
        if (stopped) break;
        if (claimed === 0 && sender.size === 0) await rest(intervalMs);
        else if (claimed === 0 || sender.room <= 0) await rest(intervalMs, sender.changed());
        // Something finished (or the claim was a full one): claim again soon, but not per send.
        const since = Date.now() - claimedAt;
        if (!stopped && since < CLAIM_GAP_MS) await rest(CLAIM_GAP_MS - since);
      } catch (error) {
        logger.error(`dispatch pass failed: ${(error as Error).message}`);
        if (!stopped) await rest(intervalMs);
      }
    }
  })();

  return {
    dispatcher,
    /** Deliveries claimed and not yet finished. */
    held: () => sender.size,
    async stop(): Promise<void> {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await Promise.all([fanOut, send]);
      await sender.stop(options.stopGraceMs ?? 5_000);
      options.email?.close();
    },
  };
}
