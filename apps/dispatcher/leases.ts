/**
 * 投递租约：每条投递单独认领（FOR UPDATE SKIP LOCKED），短租约、发送期间续约、停止时交回。
 *
 * A claimed delivery is `sending`, `claimed_by` this dispatcher, and `next_attempt_at` is when its lease
 * ends: a dispatcher that dies simply stops renewing, and another takes the delivery once that instant
 * passes. Every write after the claim names the owner, so a dispatcher whose lease lapsed (a long pause)
 * cannot overwrite what the one that took over recorded.
 */
import type { DataSource } from 'typeorm';
import { DeliveryEntity } from '../../db/entities';

export type ClaimKind = 'send' | 'digest';

const FILTERS: Record<ClaimKind, string> = {
  send: "c.channel IN ('email', 'webhook', 'dingtalk', 'wecom', 'feishu', 'sms')",
  digest: "c.channel = 'digest'",
};

interface ClaimedRow {
  id: string;
  notification_id: string;
  channel: string;
  recipient: string;
  attempts: number;
}

export class Leases {
  constructor(
    private readonly dataSource: DataSource,
    readonly owner: string,
    readonly leaseMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Claims up to `limit` due deliveries, at most `room(recipient)` for each recipient, so one recipient
   * with a long queue cannot fill a whole claim. Candidates are locked with SKIP LOCKED (another
   * dispatcher's claim in progress is passed over, never waited for); the ones over a recipient's room
   * are unlocked again when the statement ends, untouched.
   */
  async claim(
    kind: ClaimKind,
    limit: number,
    room: Record<string, number> = {},
    defaultRoom = limit,
  ): Promise<DeliveryEntity[]> {
    if (limit <= 0) return [];
    const now = new Date(this.now());
    const full = Object.entries(room)
      .filter(([, left]) => left <= 0)
      .map(([recipient]) => recipient);
    const result: [ClaimedRow[], number] = await this.dataSource.query(
      `WITH candidates AS (
         SELECT c.id, c.recipient, c.next_attempt_at FROM deliveries c
          WHERE c.status IN ('pending', 'failed', 'sending') AND c.next_attempt_at <= $1
            AND ${FILTERS[kind]} AND c.recipient <> ALL($4::text[])
          ORDER BY c.next_attempt_at, c.id LIMIT $5 FOR UPDATE SKIP LOCKED
       ), chosen AS (
         SELECT id FROM (
           SELECT id, next_attempt_at, recipient,
                  row_number() OVER (PARTITION BY recipient ORDER BY next_attempt_at, id) AS n
             FROM candidates) r
          WHERE r.n <= COALESCE(($6::jsonb ->> r.recipient)::int, $7)
          ORDER BY r.next_attempt_at, r.id LIMIT $8
       )
       UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = $2, claimed_by = $3
         FROM chosen WHERE d.id = chosen.id
       RETURNING d.id, d.notification_id, d.channel, d.recipient, d.attempts`,
      [
        now,
        new Date(this.now() + this.leaseMs),
        this.owner,
        full,
        // Looking a few times further than the claim lets it fill past recipients that are already full.
        limit * 4,
        JSON.stringify(room),
        defaultRoom,
        limit,
      ],
    );
    // For an UPDATE … RETURNING the postgres driver answers [rows, affected count].
    return result[0]
      .map((r) =>
        Object.assign(new DeliveryEntity(), {
          id: String(r.id),
          notificationId: String(r.notification_id),
          channel: r.channel,
          recipient: r.recipient,
          attempts: r.attempts,
          status: 'sending',
        }),
      )
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Pushes the lease of every delivery still in hand forward by another `leaseMs`. */
  async renew(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE deliveries SET next_attempt_at = $3
        WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND status = 'sending'`,
      [ids, this.owner, new Date(this.now() + this.leaseMs)],
    );
  }

  /**
   * Hands deliveries back, due at once, for any dispatcher to take. `unsent` ones were never tried, so
   * their claim does not count as an attempt; the others were cut off mid-send and may have arrived
   * (the receiver drops the repeat by its key).
   */
  async release(ids: readonly string[], unsent: boolean): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      unsent
        ? `UPDATE deliveries SET status = CASE WHEN attempts <= 1 THEN 'pending' ELSE 'failed' END,
                  attempts = GREATEST(attempts - 1, 0), next_attempt_at = $3, claimed_by = NULL
            WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND status = 'sending'`
        : `UPDATE deliveries SET status = 'failed', next_attempt_at = $3, claimed_by = NULL,
                  last_error = '发送中途投递程序停止，已交回重发'
            WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND status = 'sending'`,
      [ids, this.owner, new Date(this.now())],
    );
  }

  async sent(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'sent', sent_at = $3, last_error = NULL, claimed_by = NULL
        WHERE id = ANY($1::bigint[]) AND claimed_by = $2 AND status = 'sending'`,
      [ids, this.owner, new Date(this.now())],
    );
  }

  async failed(id: string, dead: boolean, reason: string, retryAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = $3, last_error = $4, next_attempt_at = $5, claimed_by = NULL
        WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [id, this.owner, dead ? 'dead' : 'failed', reason.slice(0, 2000), retryAt],
    );
  }

  /** Not sent yet because of a rate limit: due again at `at`, and the claim does not count as an attempt. */
  async deferred(id: string, reason: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = CASE WHEN attempts <= 1 THEN 'pending' ELSE 'failed' END,
              attempts = GREATEST(attempts - 1, 0), next_attempt_at = $4, last_error = $3, claimed_by = NULL
        WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [id, this.owner, reason, at],
    );
  }

  async cancelled(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = $3, claimed_by = NULL
        WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [id, this.owner, reason],
    );
  }
}
