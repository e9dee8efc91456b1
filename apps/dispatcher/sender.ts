/**
 * 发送：认领到期投递，按接收方分道并行发送（全局并发、每个接收方并发各有上限），记录结果。
 *
 * The sender holds what it claimed until each delivery is finished, renews those leases while sends
 * are in flight, and on stop hands back what it has not finished, so another dispatcher takes them at
 * once instead of after the lease runs out.
 */
import { In, type DataSource } from 'typeorm';
import { DeliveryEntity, DepartmentChannelEntity, NotificationEntity, UserEntity } from '../../db/entities';
import { webhookAllowEntries } from '../../db/repositories/webhook-allowlist.repository';
import { AllowList } from '../../net/address-policy';
import type { EmailChannel } from './email.channel';
import type { Leases } from './leases';
import { Lanes, receiverOf } from './receivers';
import { markSuperseded, supersededReason, supersededReasons } from './superseded';
import type { SmsProviders } from './sms.config';
import { sendVendor, VENDOR_CHANNELS, vendorStillWanted } from './vendor-send';
import { sendWebhook } from './webhook.channel';

export interface SenderConfig {
  email: EmailChannel | null;
  maxAttempts: number;
  backoff: (attempts: number) => number;
  now: () => number;
  allow: string[];
  webhookTimeoutMs: number;
  /** Sends in flight at once, over all receivers. */
  concurrency: number;
  /** Sends in flight to one receiver (webhook host, or the mail server) at once. */
  perReceiver: number;
  afterSend?: (delivery: DeliveryEntity) => Promise<void>;
  sms?: SmsProviders;
  /** The wall clock vendors check signatures and rate windows against (tests share theirs). */
  vendorNow?: () => number;
  /** Where unexpected errors go; without it the first one is thrown from idle(). */
  onError?: (error: unknown) => void;
}

/** A delivery that waited longer than this after its claim is checked again just before it is sent. */
const REREAD_AFTER_MS = 1_000;

export class Sender {
  private readonly lanes: Lanes<DeliveryEntity>;
  /** Claimed and not finished: queued in a lane or in flight. */
  private readonly held = new Map<string, DeliveryEntity>();
  private readonly perRecipient = new Map<string, number>();
  private readonly context = new Map<
    string,
    { notification: NotificationEntity; channel: DepartmentChannelEntity | null; readAt: number }
  >();
  /** Sent and not yet recorded: written together, a few times a second, not one UPDATE per send. */
  private sentIds: string[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private allow = new AllowList([]);
  private renewal: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: SenderConfig,
    private readonly leases: Leases,
  ) {
    this.lanes = new Lanes<DeliveryEntity>(config.concurrency, config.perReceiver, receiverOf, (d) =>
      this.run(d),
    );
  }

  get size(): number {
    return this.held.size;
  }

  /**
   * Room for more. Each receiver holds up to 16 times its in-flight limit and all of them together 16
   * times the concurrency: a claim takes tens of milliseconds, and a fast receiver must not run dry
   * meanwhile; a slow one still holds only its share, so it cannot crowd out the others.
   */
  get room(): number {
    return this.config.concurrency * 16 - this.held.size;
  }

  /** Claims what there is room for (never more than a few lanes' worth per recipient) and starts it. */
  async fill(limit = this.room): Promise<number> {
    if (limit <= 0) return 0;
    const perRecipientHold = this.config.perReceiver * 16;
    const room: Record<string, number> = {};
    for (const [recipient, count] of this.perRecipient) room[recipient] = perRecipientHold - count;
    const claimed = await this.leases.claim('send', limit, room, perRecipientHold);
    if (claimed.length === 0) return 0;
    for (const d of claimed) {
      this.held.set(d.id, d);
      this.perRecipient.set(d.recipient, (this.perRecipient.get(d.recipient) ?? 0) + 1);
    }
    this.startRenewal();
    let ready: DeliveryEntity[];
    try {
      ready = await this.prepare(claimed);
    } catch (error) {
      // Nothing was sent: the claims lapse and are taken again.
      for (const d of claimed) this.forget(d);
      throw error;
    }
    for (const d of ready) this.lanes.add(d);
    return claimed.length;
  }

  /**
   * Reads what the claimed deliveries need in a few queries for the whole claim rather than a few per
   * delivery, and checks each notice against the read model now it is due: a superseded notice is marked
   * so and its deliveries are not sent.
   */
  private async prepare(claimed: DeliveryEntity[]): Promise<DeliveryEntity[]> {
    const [allowed, notices] = await Promise.all([
      webhookAllowEntries(this.dataSource),
      this.dataSource
        .getRepository(NotificationEntity)
        .findBy({ id: In([...new Set(claimed.map((d) => d.notificationId))]) }),
    ]);
    this.allow = new AllowList([...this.config.allow, ...allowed]);
    const [channels, reasons] = await Promise.all([
      this.dataSource
        .getRepository(DepartmentChannelEntity)
        .findBy({ departmentId: In([...new Set(notices.map((n) => n.departmentId))]) }),
      supersededReasons(this.dataSource, notices),
    ]);
    const noticeById = new Map(notices.map((n) => [n.id, n]));
    const channelOf = new Map(channels.map((c) => [c.departmentId, c]));
    for (const n of notices) {
      const reason = reasons.get(n.id);
      if (reason) await markSuperseded(this.dataSource, n, reason, new Date(this.config.now()));
    }
    const ready: DeliveryEntity[] = [];
    for (const d of claimed) {
      const notification = noticeById.get(d.notificationId);
      if (!notification || reasons.get(notification.id)) {
        this.forget(d);
        continue;
      }
      this.context.set(d.id, {
        notification,
        channel: channelOf.get(notification.departmentId) ?? null,
        readAt: Date.now(),
      });
      ready.push(d);
    }
    return ready;
  }

  changed(): Promise<void> {
    return this.lanes.changed();
  }

  /** Waits until everything claimed is finished; rejects with the first unexpected error. */
  async idle(): Promise<void> {
    try {
      await this.lanes.idle();
    } finally {
      await this.flush();
      if (this.held.size === 0) this.stopRenewal();
    }
  }

  /**
   * Stops: hands back at once what has not started, lets sends in flight finish for up to `graceMs`,
   * then hands back whatever is still unanswered.
   */
  async stop(graceMs: number): Promise<void> {
    const queued = this.lanes.takeQueued();
    for (const d of queued) this.forget(d);
    await this.leases.release(
      queued.map((d) => d.id),
      true,
    );
    const deadline = Date.now() + graceMs;
    while (this.held.size > 0 && Date.now() < deadline)
      await Promise.race([this.lanes.changed(), new Promise((r) => setTimeout(r, deadline - Date.now()))]);
    await this.flush();
    this.stopRenewal();
    await this.renewing;
    const cutOff = [...this.held.keys()];
    this.held.clear();
    await this.leases.release(cutOff, false);
  }

  private startRenewal(): void {
    if (this.renewal) return;
    this.renewal = setInterval(
      () => {
        this.renewing = this.leases.renew([...this.held.keys()]).catch(() => undefined);
      },
      Math.max(50, Math.floor(this.leases.leaseMs / 3)),
    );
    this.renewal.unref();
  }

  private stopRenewal(): void {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
  }

  private forget(d: DeliveryEntity): void {
    this.context.delete(d.id);
    this.held.delete(d.id);
    const left = (this.perRecipient.get(d.recipient) ?? 1) - 1;
    if (left > 0) this.perRecipient.set(d.recipient, left);
    else this.perRecipient.delete(d.recipient);
  }

  private async run(d: DeliveryEntity): Promise<void> {
    // Handed back on stop meanwhile: another dispatcher may be sending it now.
    if (!this.held.has(d.id)) return;
    try {
      await this.attempt(d);
    } catch (error) {
      if (!this.config.onError) throw error;
      this.config.onError(error);
    } finally {
      this.forget(d);
      if (this.held.size === 0) this.stopRenewal();
    }
  }

  private async attempt(delivery: DeliveryEntity): Promise<void> {
    const context = this.context.get(delivery.id);
    if (!context) return;
    const { notification } = context;
    let { channel } = context;
    // Waited in its lane behind a slow receiver: what was read at the claim may no longer hold.
    if (Date.now() - context.readAt > REREAD_AFTER_MS) {
      const reason = await supersededReason(this.dataSource, notification);
      if (reason) {
        await markSuperseded(this.dataSource, notification, reason, new Date(this.config.now()));
        return;
      }
      channel = await this.dataSource
        .getRepository(DepartmentChannelEntity)
        .findOneBy({ departmentId: notification.departmentId });
    }
    if (!(await this.stillWanted(delivery, channel))) {
      await this.leases.cancelled(delivery.id, '渠道已停用或收件地址已更改，未发送');
      return;
    }
    if ((VENDOR_CHANNELS as readonly string[]).includes(delivery.channel)) {
      await this.attemptVendor(delivery, notification, channel as DepartmentChannelEntity);
      return;
    }
    try {
      if (delivery.channel === 'email') {
        if (!this.config.email) throw new Error('no SMTP server is configured (SMTP_URL)');
        await this.config.email.send(notification, delivery.recipient, this.config.now());
      } else {
        if (!channel?.webhookSecret) throw new Error('the department has no webhook secret any more');
        await sendWebhook(
          notification,
          {
            url: delivery.recipient,
            secret: channel.webhookSecret,
            allow: this.allow,
            timeoutMs: this.config.webhookTimeoutMs,
          },
          this.config.now(),
        );
      }
    } catch (error) {
      await this.failed(delivery, (error as Error).message);
      return;
    }
    await this.recordSent(delivery);
  }

  private async attemptVendor(
    delivery: DeliveryEntity,
    notification: NotificationEntity,
    channel: DepartmentChannelEntity,
  ): Promise<void> {
    let outcome;
    try {
      outcome = await sendVendor(delivery, notification, channel, {
        dataSource: this.dataSource,
        allow: this.allow,
        timeoutMs: this.config.webhookTimeoutMs,
        sms: this.config.sms ?? {},
        now: this.config.now(),
        vendorNow: (this.config.vendorNow ?? Date.now)(),
      });
    } catch (error) {
      await this.failed(delivery, (error as Error).message);
      return;
    }
    if ('cancel' in outcome) await this.leases.cancelled(delivery.id, outcome.cancel);
    else if ('deferUntil' in outcome)
      await this.leases.deferred(
        delivery.id,
        outcome.reason,
        new Date(this.config.now() + Math.max(0, outcome.deferUntil - (this.config.vendorNow ?? Date.now)())),
      );
    else await this.recordSent(delivery);
  }

  private async recordSent(delivery: DeliveryEntity): Promise<void> {
    await this.config.afterSend?.(delivery);
    this.sentIds.push(delivery.id);
    this.flushTimer ??= setTimeout(
      () => void this.flush().catch((error: unknown) => this.config.onError?.(error)),
      20,
    );
  }

  /** Records every send finished so far as sent. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = this.sentIds.splice(0);
    // One write at a time, in order; a failed one does not hold up the next (its claims lapse, are resent).
    this.flushing = this.flushing.catch(() => undefined).then(() => this.leases.sent(ids));
    return this.flushing;
  }

  /**
   * A delivery is sent only while its channel still wants it: a webhook switched off or moved elsewhere,
   * or a department address taken off its list, is not sent to (bureau operators' mail always is).
   */
  private async stillWanted(
    delivery: DeliveryEntity,
    channel: DepartmentChannelEntity | null,
  ): Promise<boolean> {
    if ((VENDOR_CHANNELS as readonly string[]).includes(delivery.channel))
      return vendorStillWanted(delivery, channel);
    if (delivery.channel === 'webhook')
      return Boolean(channel?.webhookEnabled && channel.webhookUrl === delivery.recipient);
    if (channel?.emailEnabled && channel.emails.includes(delivery.recipient)) return true;
    return this.dataSource
      .getRepository(UserEntity)
      .exists({ where: { email: delivery.recipient, role: In(['operator', 'admin']) } });
  }

  async failed(delivery: DeliveryEntity, reason: string): Promise<void> {
    const dead = delivery.attempts >= this.config.maxAttempts;
    await this.leases.failed(
      delivery.id,
      dead,
      reason,
      new Date(this.config.now() + (dead ? 0 : this.config.backoff(delivery.attempts))),
    );
  }
}
