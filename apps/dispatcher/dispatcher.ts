/**
 * Delivers the outbox: each notification fans out to its department's channels (and to bureau
 * operators for escalations), then every delivery is sent at least once, retried with exponential
 * backoff and jitter, and dead-lettered after a bounded number of attempts.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { DeliveryEntity, DepartmentChannelEntity, NotificationEntity, UserEntity } from '../../db/entities';
import { requeueDeliveries } from '../../db/repositories/deliveries.repository';
import { addDays, shanghaiDateOf, shanghaiInstant } from '../../domain';
import { webhookAllowEntries } from '../../db/repositories/webhook-allowlist.repository';
import { AllowList } from '../../net/address-policy';
import type { EmailChannel } from './email.channel';
import { sendWebhook } from './webhook.channel';
import { inParallel, receiverOf } from './receivers';
import { markSuperseded, supersededReason } from './superseded';

export interface DispatcherOptions {
  email: EmailChannel | null;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; each further one doubles, up to maxDelayMs, with ±50 % jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed delivery may stay "sending" before another run takes it over. */
  leaseMs?: number;
  /** Local hour (Asia/Shanghai) the operators' daily digest goes out. */
  digestHour?: number;
  now?: () => number;
  /** Internal hosts or networks webhooks may reach (WEBHOOK_ALLOW), besides the administrator's list. */
  allow?: string[];
  /** How long one webhook call may take before it counts as failed. */
  webhookTimeoutMs?: number;
  /** Sends in flight to one receiver at a time; other receivers go on meanwhile. */
  perReceiver?: number;
  /**
   * How long a notice found overdue at the moment a fact was recorded waits before it goes out, so the
   * facts recorded right after it (history being entered) can supersede it first.
   */
  settleMs?: number;
  /** Test hook: runs between a successful send and marking it sent. */
  afterSend?: (delivery: DeliveryEntity) => Promise<void>;
}

export class Dispatcher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly leaseMs: number;
  private readonly digestHour: number;
  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: DispatcherOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.digestHour = options.digestHour ?? 8;
    this.now = options.now ?? Date.now;
  }

  /** One pass: fan out new notifications, then send what is due. Returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    await this.fanOut();
    return (await this.deliverDue()) + (await this.deliverDigests());
  }

  backoff(attempts: number): number {
    const delay = Math.min(this.baseDelayMs * 2 ** Math.max(0, attempts - 1), this.maxDelayMs);
    return Math.round(delay * (0.5 + Math.random() / 2));
  }

  async fanOut(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const fresh = await tx
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where('n.fanned_out_at IS NULL')
        .orderBy('n.id')
        .limit(200)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (fresh.length === 0) return 0;
      const channels = new Map(
        (await tx.getRepository(DepartmentChannelEntity).find()).map((c) => [c.departmentId, c]),
      );
      const bureau = await tx
        .getRepository(UserEntity)
        .find({ where: [{ role: 'operator' }, { role: 'admin' }] });
      const rows: Partial<DeliveryEntity>[] = [];
      for (const n of fresh) rows.push(...this.deliveriesFor(n, channels.get(n.departmentId), bureau));
      if (rows.length)
        await tx.createQueryBuilder().insert().into(DeliveryEntity).values(rows).orIgnore().execute();
      await tx
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ fannedOutAt: new Date(this.now()) })
        .whereInIds(fresh.map((n) => n.id))
        .execute();
      return fresh.length;
    });
  }

  private deliveriesFor(
    n: NotificationEntity,
    channel: DepartmentChannelEntity | undefined,
    bureau: UserEntity[],
  ) {
    const now = new Date(this.now() + (n.kind === 'overdue-notice' ? (this.options.settleMs ?? 30_000) : 0));
    const rows: Partial<DeliveryEntity>[] = [];
    if (channel?.emailEnabled) {
      for (const email of channel.emails)
        rows.push({ notificationId: n.id, channel: 'email', recipient: email, nextAttemptAt: now });
    }
    if (channel?.webhookEnabled && channel.webhookUrl && channel.webhookSecret) {
      rows.push({
        notificationId: n.id,
        channel: 'webhook',
        recipient: channel.webhookUrl,
        nextAttemptAt: now,
      });
    }
    if (n.audience === 'department-and-bureau') {
      for (const user of bureau.filter((u) => u.email && u.role === 'operator')) {
        rows.push(
          user.dailyDigest
            ? {
                notificationId: n.id,
                channel: 'digest',
                recipient: user.email as string,
                nextAttemptAt: new Date(this.nextDigestAt()),
              }
            : { notificationId: n.id, channel: 'email', recipient: user.email as string, nextAttemptAt: now },
        );
      }
    }
    return rows;
  }

  private nextDigestAt(): number {
    const today = shanghaiDateOf(this.now());
    const at = shanghaiInstant(today, this.digestHour);
    return at > this.now() ? at : shanghaiInstant(addDays(today, 1), this.digestHour);
  }

  /** Claims due deliveries (a lease, so a crashed sender's work is taken over), sends, records the outcome. */
  async deliverDue(): Promise<number> {
    const claimed: DeliveryEntity[] = await this.claim("d.channel IN ('email', 'webhook')");
    if (claimed.length === 0) return 0;
    const allow = new AllowList([
      ...(this.options.allow ?? []),
      ...(await webhookAllowEntries(this.dataSource)),
    ]);
    // Each receiver gets its own lane: a slow or hanging one delays only its own deliveries.
    await inParallel(claimed, receiverOf, this.options.perReceiver ?? 2, (d) => this.attempt(d, allow));
    return claimed.length;
  }

  private async claim(channelFilter: string): Promise<DeliveryEntity[]> {
    const now = new Date(this.now());
    const leaseUntil = new Date(this.now() + this.leaseMs);
    const result: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, next_attempt_at = $2
        WHERE id IN (SELECT d.id FROM deliveries d
                      WHERE d.status IN ('pending', 'failed', 'sending') AND d.next_attempt_at <= $1 AND ${channelFilter}
                      ORDER BY d.id LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, leaseUntil],
    );
    // For an UPDATE … RETURNING the postgres driver answers [rows, affected count].
    const rows = result[0];
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(DeliveryEntity).findBy({ id: In(rows.map((r) => r.id)) });
  }

  private async attempt(delivery: DeliveryEntity, allow: AllowList): Promise<void> {
    const notification = await this.dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ id: delivery.notificationId });
    const channel = await this.dataSource
      .getRepository(DepartmentChannelEntity)
      .findOneBy({ departmentId: notification.departmentId });
    const superseded = await supersededReason(this.dataSource, notification);
    if (superseded) {
      await markSuperseded(this.dataSource, notification, superseded, new Date(this.now()));
      return;
    }
    if (!(await this.stillWanted(delivery, channel))) {
      await this.dataSource
        .getRepository(DeliveryEntity)
        .update(
          { id: delivery.id },
          { status: 'cancelled', lastError: '渠道已停用或收件地址已更改，未发送' },
        );
      return;
    }
    try {
      if (delivery.channel === 'email') {
        if (!this.options.email) throw new Error('no SMTP server is configured (SMTP_URL)');
        await this.options.email.send(notification, delivery.recipient, this.now());
      } else {
        if (!channel?.webhookSecret) throw new Error('the department has no webhook secret any more');
        await sendWebhook(
          notification,
          {
            url: delivery.recipient,
            secret: channel.webhookSecret,
            allow,
            timeoutMs: this.options.webhookTimeoutMs ?? 10_000,
          },
          this.now(),
        );
      }
    } catch (error) {
      await this.failed(delivery, (error as Error).message);
      return;
    }
    await this.options.afterSend?.(delivery);
    await this.dataSource
      .getRepository(DeliveryEntity)
      .update({ id: delivery.id }, { status: 'sent', sentAt: new Date(this.now()), lastError: null });
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

  private async failed(delivery: DeliveryEntity, reason: string, tx?: EntityManager): Promise<void> {
    const dead = delivery.attempts >= this.maxAttempts;
    await (tx ?? this.dataSource.manager).getRepository(DeliveryEntity).update(
      { id: delivery.id },
      {
        status: dead ? 'dead' : 'failed',
        lastError: reason.slice(0, 2000),
        nextAttemptAt: new Date(this.now() + (dead ? 0 : this.backoff(delivery.attempts))),
      },
    );
  }

  /** One mail per operator per day listing every escalation that waited for the digest. */
  async deliverDigests(): Promise<number> {
    const claimed = await this.claim("d.channel = 'digest'");
    const byRecipient = new Map<string, DeliveryEntity[]>();
    for (const d of claimed) byRecipient.set(d.recipient, [...(byRecipient.get(d.recipient) ?? []), d]);
    for (const [recipient, planned] of byRecipient) {
      const all = await this.dataSource
        .getRepository(NotificationEntity)
        .findBy({ id: In(planned.map((d) => d.notificationId)) });
      const notifications: NotificationEntity[] = [];
      for (const n of all) {
        const reason = await supersededReason(this.dataSource, n);
        if (reason) await markSuperseded(this.dataSource, n, reason, new Date(this.now()));
        else notifications.push(n);
      }
      const deliveries = planned.filter((d) => notifications.some((n) => n.id === d.notificationId));
      if (deliveries.length === 0) continue;
      try {
        if (!this.options.email) throw new Error('no SMTP server is configured (SMTP_URL)');
        await this.options.email.sendDigest(recipient, notifications, this.now());
        await this.dataSource.getRepository(DeliveryEntity).update(
          deliveries.map((d) => d.id),
          { status: 'sent', sentAt: new Date(this.now()), lastError: null },
        );
      } catch (error) {
        for (const d of deliveries) await this.failed(d, (error as Error).message);
      }
    }
    return claimed.length;
  }

  /** Operators retry dead letters: they get a fresh set of attempts. */
  retry(notificationId: string): Promise<number> {
    return requeueDeliveries(this.dataSource, notificationId, new Date(this.now()));
  }
}
