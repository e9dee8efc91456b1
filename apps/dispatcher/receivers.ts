import type { DeliveryEntity } from '../../db/entities';

/** The lane a delivery waits in: one per webhook host, one for the mail server. */
export function receiverOf(delivery: Pick<DeliveryEntity, 'channel' | 'recipient'>): string {
  if (['dingtalk', 'wecom', 'feishu', 'sms'].includes(delivery.channel))
    return delivery.channel === 'sms' ? 'sms' : `${delivery.channel}:${delivery.recipient}`;
  if (delivery.channel !== 'webhook') return 'smtp';
  // An address that does not parse fails on its own when sent; it gets a lane of its own meanwhile.
  return `webhook:${URL.canParse(delivery.recipient) ? new URL(delivery.recipient).host : delivery.recipient}`;
}

interface Lane<T> {
  active: number;
  queue: T[];
}

/**
 * Runs work with at most `global` items in flight overall and `perLane` within one lane (one receiver),
 * so a slow receiver occupies only its own few slots and everyone else's work goes past it. Items wait
 * in their lane's queue until a slot of theirs is free.
 */
export class Lanes<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  private active = 0;
  private waiting = 0;
  private wakers: (() => void)[] = [];
  private failure: unknown = undefined;

  constructor(
    private readonly global: number,
    private readonly perLane: number,
    private readonly laneOf: (item: T) => string,
    private readonly work: (item: T) => Promise<void>,
  ) {}

  /** Items held: in flight or queued. */
  get size(): number {
    return this.active + this.waiting;
  }

  get inFlight(): number {
    return this.active;
  }

  /** Items held in each lane, in flight or queued. */
  held(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [name, lane] of this.lanes) counts.set(name, lane.active + lane.queue.length);
    return counts;
  }

  add(item: T): void {
    const name = this.laneOf(item);
    const lane = this.lanes.get(name) ?? { active: 0, queue: [] };
    this.lanes.set(name, lane);
    lane.queue.push(item);
    this.waiting += 1;
    this.pump();
  }

  /** Takes every queued item that has not started (so it can be handed back). */
  takeQueued(): T[] {
    const taken: T[] = [];
    for (const lane of this.lanes.values()) taken.push(...lane.queue.splice(0));
    this.waiting = 0;
    return taken;
  }

  /** Resolves at the next item finished (or at once if nothing is held). */
  changed(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  /** Resolves when nothing is held; rejects with the first error a piece of work threw. */
  async idle(): Promise<void> {
    while (this.size > 0) await this.changed();
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  private pump(): void {
    let started = true;
    // Round-robin over lanes, one item each per round, so one lane's long queue does not go first.
    while (started && this.active < this.global) {
      started = false;
      for (const [name, lane] of this.lanes) {
        if (this.active >= this.global) break;
        if (lane.active >= this.perLane || lane.queue.length === 0) continue;
        const item = lane.queue.shift() as T;
        this.waiting -= 1;
        lane.active += 1;
        this.active += 1;
        started = true;
        void this.work(item)
          .catch((error: unknown) => {
            if (this.failure === undefined) this.failure = error;
          })
          .finally(() => {
            lane.active -= 1;
            this.active -= 1;
            if (lane.active === 0 && lane.queue.length === 0) this.lanes.delete(name);
            this.pump();
            for (const wake of this.wakers.splice(0)) wake();
          });
      }
    }
  }
}
