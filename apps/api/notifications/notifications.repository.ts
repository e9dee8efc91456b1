import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DeliveryEntity,
  DepartmentChannelEntity,
  NotificationEntity,
  type DepartmentContact,
} from '../../../db/entities';
import { requeueDeliveries } from '../../../db/repositories/deliveries.repository';

export interface InboxRow {
  id: string;
  project_id: string | null;
  department_id: string;
  obligation_key: string | null;
  kind: string;
  audience: string;
  due_on: string | null;
  written_at: Date;
  payload: { message?: string };
  read_at: Date | null;
  superseded_at: Date | null;
  superseded_reason: string | null;
  resolved_at: Date | null;
  resolution: string | null;
  resolved_reason: string | null;
  total: string;
  unread_total: string;
}

export interface DeadLetterRow {
  id: string;
  notification_id: string;
  channel: string;
  recipient: string;
  attempts: number;
  last_error: string | null;
  /** The dispatcher stamps next_attempt_at with the moment a delivery goes dead. */
  dead_at: Date;
  project_id: string | null;
  project_name: string | null;
  department_id: string;
  obligation_key: string | null;
  kind: string;
  due_on: string | null;
  payload: { message?: string };
  total: string;
}

/** Who reads notifications: one department's, or (null) the bureau's escalations. */
export type Readers = { departmentId: string } | null;

/** The bureau reads escalations and its own notices (`bureau`: a department's answer to an urging). */
function visibility(readers: Readers, first: number): { sql: string; params: unknown[] } {
  return readers === null
    ? { sql: `n.audience IN ('department-and-bureau', 'bureau')`, params: [] }
    : { sql: `n.department_id = $${first} AND n.audience <> 'bureau'`, params: [readers.departmentId] };
}

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A reader's notifications: live alarms first (neither resolved nor superseded), then unread first,
   * newest first, with the totals over every page (all of them, and those this reader has not opened).
   */
  inbox(userId: string, readers: Readers, page: number, pageSize: number): Promise<InboxRow[]> {
    const { sql, params } = visibility(readers, 2);
    return this.dataSource.query(
      `SELECT n.id, n.project_id, n.department_id, n.obligation_key, n.kind, n.audience, n.due_on::text AS due_on,
              n.scheduled_for, n.written_at, n.payload, n.superseded_at, n.superseded_reason, r.read_at,
              n.resolved_at, n.resolution, n.resolved_reason,
              count(*) OVER () AS total, count(*) FILTER (WHERE r.read_at IS NULL) OVER () AS unread_total
         FROM notifications n LEFT JOIN inbox_reads r ON r.notification_id = n.id AND r.user_id = $1
        WHERE ${sql}
        ORDER BY (n.resolved_at IS NOT NULL OR n.superseded_at IS NOT NULL), (r.read_at IS NOT NULL),
                 n.written_at DESC, n.id DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [userId, ...params],
    );
  }

  /** Dead deliveries, newest first, of one department or (null) all of them, with the total. */
  deadLetters(department: string | null, page: number, pageSize: number): Promise<DeadLetterRow[]> {
    return this.dataSource.query(
      `SELECT d.id, d.notification_id, d.channel, d.recipient, d.attempts, d.last_error,
              d.next_attempt_at AS dead_at, n.project_id, p.name AS project_name, n.department_id,
              n.obligation_key, n.kind, n.due_on::text AS due_on, n.payload, count(*) OVER () AS total
         FROM deliveries d
         JOIN notifications n ON n.id = d.notification_id
         LEFT JOIN projects p ON p.id = n.project_id
        WHERE d.status = 'dead' AND ($1::varchar IS NULL OR n.department_id = $1)
        ORDER BY d.next_attempt_at DESC, d.id DESC
        LIMIT $2 OFFSET $3`,
      [department, pageSize, (page - 1) * pageSize],
    );
  }

  deliveriesOf(ids: string[]): Promise<DeliveryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.notification_id IN (:...ids)', { ids })
      .orderBy('d.id', 'ASC')
      .getMany();
  }

  /** The notification if `readers` may see it. */
  async visible(id: string, readers: Readers): Promise<NotificationEntity | null> {
    const { sql, params } = visibility(readers, 2);
    const [row] = await this.dataSource.query(`SELECT n.id FROM notifications n WHERE n.id = $1 AND ${sql}`, [
      id,
      ...params,
    ]);
    if (!row) return null;
    return this.dataSource.getRepository(NotificationEntity).findOneBy({ id });
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(NotificationEntity).existsBy({ id });
  }

  /** Whether this was the person's first opening of the notice (the receipt keeps the first time). */
  async markRead(id: string, userId: string): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO inbox_reads (notification_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [id, userId],
    );
    return inserted.length > 0;
  }

  /** Who opened the notice and when, first reader first. */
  receipts(id: string): Promise<{ username: string; display_name: string; role: string; read_at: Date }[]> {
    return this.dataSource.query(
      `SELECT u.username, u.display_name, u.role, r.read_at FROM inbox_reads r JOIN users u ON u.id = r.user_id
        WHERE r.notification_id = $1 ORDER BY r.read_at, u.username`,
      [id],
    );
  }

  requeue(id: string): Promise<number> {
    return requeueDeliveries(this.dataSource, id, new Date());
  }

  channels(departmentId: string): Promise<DepartmentChannelEntity | null> {
    return this.dataSource.getRepository(DepartmentChannelEntity).findOneBy({ departmentId });
  }

  /** A department's contacts and the mobiles of its accounts flagged head: whom its SMS can reach. */
  async smsPeople(
    departmentId: string,
  ): Promise<{ contacts: DepartmentContact[]; headAccountPhones: (string | null)[] }> {
    const [d] = (await this.dataSource.query(`SELECT contacts FROM departments WHERE id = $1`, [
      departmentId,
    ])) as { contacts: DepartmentContact[] | null }[];
    const heads = (await this.dataSource.query(
      `SELECT phone FROM users WHERE department_id = $1 AND escalation_role = 'head' AND disabled = false`,
      [departmentId],
    )) as { phone: string | null }[];
    return { contacts: d?.contacts ?? [], headAccountPhones: heads.map((h) => h.phone) };
  }

  saveChannels(channels: Partial<DepartmentChannelEntity>, tx: EntityManager): Promise<unknown> {
    return tx.getRepository(DepartmentChannelEntity).save(channels);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
