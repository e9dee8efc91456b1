import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SimulateJob, SimulateReply, SimulateResult } from './simulate.worker';
import { localized, LocalizedException } from '../common/localized.exception';

interface Pending {
  job: SimulateJob;
  resolve: (result: SimulateResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

export interface PoolOptions {
  threads: number;
  /** Simulations waiting beyond the running ones; more are refused at once with 503. */
  queueLimit: number;
  timeoutMs: number;
}

const busy = (zh = '', en = '') =>
  localized(503, `模拟计算繁忙，请稍后再试${zh}`, `the simulator is busy; try again shortly${en}`);

/**
 * A small fixed pool of engine threads with a bounded queue and a time limit per job: a request past
 * either answers 503 at once instead of piling work onto the server.
 */
export class SimulationPool {
  private readonly logger = new Logger('SimulationPool');
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.threads; i++) this.slots.push(this.spawn());
  }

  run(cases: unknown[]): Promise<SimulateResult> {
    if (this.closed) return Promise.reject(busy());
    if (this.queue.length >= this.options.queueLimit && this.slots.every((s) => s.busy))
      return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, cases }, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(busy());
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    // From TypeScript sources (tests, tsx) the thread needs tsx's loader; the built files are plain JS.
    const ts = __filename.endsWith('.ts');
    const worker = new Worker(join(__dirname, `simulate.worker.${ts ? 'ts' : 'js'}`), {
      ...(ts ? { execArgv: ['--require', 'tsx/cjs'] } : {}),
    });
    worker.unref();
    const slot: Slot = { worker, busy: null, timer: null };
    worker.on('message', (reply: SimulateReply) => this.settle(slot, reply));
    worker.on('error', (error) => this.replace(slot, error));
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      slot.timer = setTimeout(
        () => this.replace(slot, busy('（单次模拟超过时限）', ' (a simulation ran past its time limit)')),
        this.options.timeoutMs,
      );
      slot.worker.postMessage(pending.job);
    }
  }

  private settle(slot: Slot, reply: SimulateReply): void {
    const pending = slot.busy;
    if (!pending || pending.job.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.timer = null;
    if ('parts' in reply) pending.resolve(reply);
    else pending.reject(new Error(reply.error));
    this.pump();
  }

  /** A thread that overran or crashed is replaced; its job fails, the others go on. */
  private replace(slot: Slot, error: Error): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy?.reject(error instanceof LocalizedException ? error : new Error(error.message));
    if (!(error instanceof LocalizedException))
      this.logger.error(`simulation thread failed: ${error.message}`);
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closed) {
      this.slots[index] = this.spawn();
      this.pump();
    }
  }
}
