/**
 * Delivers the outbox: each notification fans out to its department's channels (and to bureau
 * operators for escalations), then every delivery is sent at least once, retried with exponential
 * backoff and jitter, and dead-lettered after a bounded number of attempts.
 */
import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { DeliveryEntity, DepartmentChannelEntity, NotificationEntity, UserEntity } from '../../db/entities';
import { requeueDeliveries } from '../../db/repositories/deliveries.repository';
import { addDays, shanghaiDateOf, shanghaiInstant } from '../../domain';
import type { EmailChannel } from './email.channel';
import { Leases } from './leases';
import { robotRecipient } from './robot';
import { Sender } from './sender';
import { smsRecipientsFor } from '../../db/sms-recipients';
import { escalationReachOf, escalationRecipients, type EscalationRecipients } from './escalation-recipients';
import type { SmsProviders } from './sms.config';
import { markSuperseded, supersededReason } from './superseded';

export interface DispatcherOptions {
  email: EmailChannel | null;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; each further one doubles, up to maxDelayMs, with ±50 % jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * How long one claimed delivery stays leased to this dispatcher ("sending") unless renewed; renewed
   * every third of it while the send is in flight, so only a dispatcher that died loses its leases.
   */
  leaseMs?: number;
  /** Sends in flight at once, over all receivers. */
  concurrency?: number;
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
  /** SMS providers' keys, sign names and templates (loadSmsConfig). */
  sms?: SmsProviders;
  /** The wall clock vendors check signatures and rate windows against; Date.now unless a test shares one. */
  vendorNow?: () => number;
  /** Test hook: runs between a successful send and marking it sent. */
  afterSend?: (delivery: DeliveryEntity) => Promise<void>;
}

export class Dispatcher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly leases: Leases;
  private readonly digestHour: number;
  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: DispatcherOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
    this.digestHour = options.digestHour ?? 8;
    this.now = options.now ?? Date.now;
    this.leases = new Leases(dataSource, randomUUID(), options.leaseMs ?? 30_000, this.now);
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
      const reached = await escalationRecipients(tx);
      const rows: Partial<DeliveryEntity>[] = [];
      for (const n of fresh) {
        rows.push(...this.deliveriesFor(n, channels.get(n.departmentId), bureau));
        rows.push(...this.smsDeliveries(n, channels.get(n.departmentId), reached));
        rows.push(...this.escalationDeliveries(n, reached));
      }
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
    // The bureau's own notice (a department's answer to an urging): to the operator who urged, by e-mail.
    if (n.audience === 'bureau') {
      const to = bureau.find((u) => u.id === (n.payload as { urgedBy?: string }).urgedBy && u.email);
      return to
        ? [{ notificationId: n.id, channel: 'email', recipient: to.email as string, nextAttemptAt: now }]
        : [];
    }
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
    const robot = (kind: string, url: string | null, on: boolean | undefined) => {
      if (on && url)
        rows.push({
          notificationId: n.id,
          channel: kind,
          recipient: robotRecipient(url),
          nextAttemptAt: now,
        });
    };
    robot(
      'dingtalk',
      channel?.dingtalkUrl ?? null,
      channel?.dingtalkEnabled && Boolean(channel.dingtalkSecret),
    );
    robot('wecom', channel?.wecomUrl ?? null, channel?.wecomEnabled);
    robot('feishu', channel?.feishuUrl ?? null, channel?.feishuEnabled && Boolean(channel.feishuSecret));
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

  /**
   * An SMS per mobile the notice reaches (contacts, then heads, then the leadership, by tier), only for a
   * notice kind the department's provider has an approved template for: SMS carries no free text.
   */
  private smsDeliveries(
    n: NotificationEntity,
    channel: DepartmentChannelEntity | undefined,
    reached: EscalationRecipients,
  ): Partial<DeliveryEntity>[] {
    if (n.audience === 'bureau' || !channel?.smsEnabled || !channel.smsProvider) return [];
    const provider = this.options.sms?.[channel.smsProvider as keyof SmsProviders];
    if (!provider?.templates[n.kind]) return [];
    const known = reached.smsPeople.get(n.departmentId) ?? { staff: [], heads: [] };
    const people = { staff: [...channel.smsRecipients, ...known.staff], heads: known.heads };
    const at = new Date(this.now() + (n.kind === 'overdue-notice' ? (this.options.settleMs ?? 30_000) : 0));
    return smsRecipientsFor(escalationReachOf(n), people, reached.leaderPhones).map((phone) => ({
      notificationId: n.id,
      channel: 'sms',
      recipient: phone,
      nextAttemptAt: at,
    }));
  }

  /** A tier reached: an e-mail to the department's head, and then to the bureau's leadership, at once. */
  private escalationDeliveries(n: NotificationEntity, reached: EscalationRecipients) {
    const reach = escalationReachOf(n);
    const to = [
      ...(reach === 'head' || reach === 'leadership' ? (reached.heads.get(n.departmentId) ?? []) : []),
      ...(reach === 'leadership' ? reached.leaders : []),
    ];
    return [...new Set(to)].map((recipient) => ({
      notificationId: n.id,
      channel: 'email',
      recipient,
      nextAttemptAt: new Date(this.now()),
    }));
  }

  private nextDigestAt(): number {
    const today = shanghaiDateOf(this.now());
    const at = shanghaiInstant(today, this.digestHour);
    return at > this.now() ? at : shanghaiInstant(addDays(today, 1), this.digestHour);
  }

  /** A sender with this dispatcher's limits and leases: for one pass, or kept filled by the loop. */
  sender(onError?: (error: unknown) => void): Sender {
    return new Sender(
      this.dataSource,
      {
        email: this.options.email,
        maxAttempts: this.maxAttempts,
        backoff: (attempts) => this.backoff(attempts),
        now: this.now,
        allow: this.options.allow ?? [],
        webhookTimeoutMs: this.options.webhookTimeoutMs ?? 10_000,
        concurrency: this.options.concurrency ?? 32,
        perReceiver: this.options.perReceiver ?? 4,
        afterSend: this.options.afterSend,
        sms: this.options.sms,
        vendorNow: this.options.vendorNow,
        onError,
      },
      this.leases,
    );
  }

  /** One claim of due deliveries, sent in parallel within the limits, finished before it returns. */
  async deliverDue(): Promise<number> {
    const sender = this.sender();
    const claimed = await sender.fill();
    await sender.idle();
    return claimed;
  }

  /** One mail per operator per day listing every escalation that waited for the digest. */
  async deliverDigests(): Promise<number> {
    const claimed = await this.leases.claim('digest', 50);
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
        await this.leases.sent(deliveries.map((d) => d.id));
      } catch (error) {
        const sender = this.sender();
        for (const d of deliveries) await sender.failed(d, (error as Error).message);
      }
    }
    return claimed.length;
  }

  /** Operators retry dead letters: they get a fresh set of attempts. */
  retry(notificationId: string): Promise<number> {
    return requeueDeliveries(this.dataSource, notificationId, new Date(this.now()));
  }
}
