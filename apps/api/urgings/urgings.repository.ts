import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotificationEntity, ObligationEntity, UrgingEntity } from '../../../db/entities';
import type { UrgingState } from './urgings.dto';

export interface UrgingRow extends UrgingEntity {
  projectName: string;
  title: string;
  total: number;
}

/** Open: no answer and the answer date not yet past; late: past it unanswered, or answered after it. */
const STATE_SQL: Record<UrgingState, string> = {
  open: `u.answered_at IS NULL AND u.answer_by >= $today::date`,
  late: `((u.answered_at IS NULL AND u.answer_by < $today::date)
          OR (u.answered_at IS NOT NULL AND (u.answered_at AT TIME ZONE 'Asia/Shanghai')::date > u.answer_by))`,
  answered: `u.answered_at IS NOT NULL`,
};

@Injectable()
export class UrgingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  obligation(projectId: string, key: string): Promise<ObligationEntity | null> {
    return this.dataSource.getRepository(ObligationEntity).findOneBy({ projectId, key });
  }

  byId(id: string, tx?: EntityManager): Promise<UrgingEntity | null> {
    return (tx ?? this.dataSource.manager)
      .getRepository(UrgingEntity)
      .findOne({ where: { id }, ...(tx ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async insert(
    tx: EntityManager,
    urging: UrgingEntity,
    notice: Partial<NotificationEntity>,
  ): Promise<string> {
    const inserted = await tx.getRepository(NotificationEntity).insert(notice);
    const notificationId = String(inserted.identifiers[0]?.id);
    await tx.getRepository(UrgingEntity).insert({ ...urging, notificationId });
    return notificationId;
  }

  /** Records the answer and the bureau's notice of it, in the caller's transaction. */
  async answer(
    tx: EntityManager,
    id: string,
    answer: Partial<UrgingEntity>,
    notice: Partial<NotificationEntity>,
  ): Promise<string> {
    await tx.getRepository(UrgingEntity).update({ id }, answer);
    const inserted = await tx.getRepository(NotificationEntity).insert(notice);
    return String(inserted.identifiers[0]?.id);
  }

  async list(
    departmentId: string | null,
    state: UrgingState | undefined,
    today: string,
    page: number,
    pageSize: number,
  ): Promise<UrgingRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (departmentId !== null) where.push(`u.department_id = $${params.push(departmentId)}`);
    if (state) {
      // A parameter the SQL never names has no type, and PostgreSQL refuses the whole query.
      const sql = STATE_SQL[state];
      if (sql.includes('$today')) {
        const n = params.push(today);
        where.push(sql.replaceAll('$today', () => `$${n}`));
      } else where.push(sql);
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.project_id, u.obligation_key, u.department_id, u.due_on::text AS due_on, u.message,
              u.answer_by::text AS answer_by, u.urged_by, u.urged_at, u.notification_id, u.answer_reason,
              u.answer_expected_on::text AS answer_expected_on, u.answered_by, u.answered_at,
              o.project_name, o.title, count(*) OVER () AS total
         FROM urgings u LEFT JOIN obligations o ON o.project_id = u.project_id AND o.key = u.obligation_key
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY u.answer_by, u.urged_at, u.id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      projectId: r.project_id as string,
      obligationKey: r.obligation_key as string,
      departmentId: r.department_id as string,
      dueOn: r.due_on as string,
      message: r.message as string,
      answerBy: r.answer_by as string,
      urgedBy: r.urged_by as string,
      urgedAt: r.urged_at as Date,
      notificationId: r.notification_id === null ? null : String(r.notification_id),
      answerReason: r.answer_reason as string | null,
      answerExpectedOn: r.answer_expected_on as string | null,
      answeredBy: r.answered_by as string | null,
      answeredAt: r.answered_at as Date | null,
      projectName: (r.project_name as string | null) ?? (r.project_id as string),
      title: (r.title as string | null) ?? (r.obligation_key as string),
      total: Number(r.total),
    }));
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
