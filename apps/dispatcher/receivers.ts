import type { DeliveryEntity } from '../../db/entities';

/** The lane a delivery waits in: one per webhook host, one for the mail server. */
export function receiverOf(delivery: DeliveryEntity): string {
  if (delivery.channel !== 'webhook') return 'smtp';
  // An address that does not parse fails on its own when sent; it gets a lane of its own meanwhile.
  return `webhook:${URL.canParse(delivery.recipient) ? new URL(delivery.recipient).host : delivery.recipient}`;
}

/**
 * Runs `work` for every item, at most `perLane` at once within a lane and all lanes side by side, so a
 * slow lane holds up nobody else. Resolves once every item is done.
 */
export async function inParallel<T>(
  items: readonly T[],
  laneOf: (item: T) => string,
  perLane: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const lanes = new Map<string, T[]>();
  for (const item of items) lanes.set(laneOf(item), [...(lanes.get(laneOf(item)) ?? []), item]);
  const runners: Promise<void>[] = [];
  for (const queue of lanes.values()) {
    for (let i = 0; i < Math.min(perLane, queue.length); i++) {
      runners.push(
        (async () => {
          for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
        })(),
      );
    }
  }
  await Promise.all(runners);
}
