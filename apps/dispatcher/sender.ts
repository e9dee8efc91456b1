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
import { markSuperseded, supersededReason } from './superseded';
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
  /** Where unexpected errors go; without it the first one is thrown from idle(). */
  onError?: (error: unknown) => void;
}

export class Sender {
  private readonly lanes: Lanes<DeliveryEntity>;
  /** Claimed and not finished: queued in a lane or in flight. */
  private readonly held = new Map<string, DeliveryEntity>();
  private readonly started = new Set<string>();
  private readonly perRecipient = new Map<string, number>();
  private allow = new AllowList([]);
  private renewal: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: SenderConfig,
    private readonly leases: Leases,
  ) {
    this.lanes = new Lanes<DeliveryEntity>(config.concurrency, config.perReceiver, receiverOf, (d) => this.run(d));
  }

  get size(): number {
    return this.held.size;
  }

  /** Room for more: twice the concurrency held, so a lane that frees up has its next items at hand. */
  get room(): number {
    return this.config.concurrency * 2 - this.held.size;
  }

  /** Claims what there is room for (never more than a few lanes' worth per recipient) and starts it. */
  async fill(limit = this.room): Promise<number> {
    if (limit <= 0) return 0;
    const perRecipientHold = this.config.perReceiver * 4;
    const room: Record<string, number> = {};
    for (const [recipient, count] of this.perRecipient) room[recipient] = perRecipientHold - count;
    const claimed = await this.leases.claim('send', limit, room, perRecipientHold);
    if (claimed.length === 0) return 0;
    this.allow = new AllowList([
      ...this.config.allow,
      ...(await webhookAllowEntries(this.dataSource)),
    ]);
    for (const d of claimed) {
      this.held.set(d.id, d);
      this.perRecipient.set(d.recipient, (this.perRecipient.get(d.recipient) ?? 0) + 1);
    }
    this.startRenewal();
    for (const d of claimed) this.lanes.add(d);
    return claimed.length;
  }

  changed(): Promise<void> {
    return this.lanes.changed();
  }

  /** Waits until everything claimed is finished; rejects with the first unexpected error. */
  async idle(): Promise<void> {
    try {
      await this.lanes.idle();
    } finally {
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
    this.held.delete(d.id);
    this.started.delete(d.id);
    const left = (this.perRecipient.get(d.recipient) ?? 1) - 1;
    if (left > 0) this.perRecipient.set(d.recipient, left);
    else this.perRecipient.delete(d.recipient);
  }

  private async run(d: DeliveryEntity): Promise<void> {
    // Handed back on stop meanwhile: another dispatcher may be sending it now.
    if (!this.held.has(d.id)) return;
    this.started.add(d.id);
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
    const notification = await this.dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ id: delivery.notificationId });
    const channel = await this.dataSource
      .getRepository(DepartmentChannelEntity)
      .findOneBy({ departmentId: notification.departmentId });
    const superseded = await supersededReason(this.dataSource, notification);
    if (superseded) {
      await markSuperseded(this.dataSource, notification, superseded, new Date(this.config.now()));
      return;
    }
    if (!(await this.stillWanted(delivery, channel))) {
      await this.leases.cancelled(delivery.id, '渠道已停用或收件地址已更改，未发送');
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
    await this.config.afterSend?.(delivery);
    await this.leases.sent([delivery.id]);
  }

  /**
   * A delivery is sent only while its channel still wants it: a webhook switched off or moved elsewhere,
   * or a department address taken off its list, is not sent to (bureau operators' mail always is).
   */
  private async stillWanted(
    delivery: DeliveryEntity,
    channel: DepartmentChannelEntity | null,
  ): Promise<boolean> {
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
