import { Injectable } from '@nestjs/common';
import type { NotificationEntity } from '../../../db/entities';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { isBureau, Principal } from '../common/principal';
import type { PageQuery } from '../common/page.query';
import type { DeadLettersQuery } from './notifications.dto';
import { NotificationsRepository, Readers } from './notifications.repository';
import { localized } from '../common/localized.exception';

const noNotification = (id: string) =>
  localized(404, `没有编号为 ${id} 的通知，或它不在您的权限范围内，请核对`, `no notification ${id}`);

/** Who reads a notification: its department, and the bureau for escalations. */
const readersOf = (user: Principal): Readers =>
  isBureau(user) ? null : { departmentId: user.departmentId as string };

const NOTIFICATION_ID = /^\d{1,18}$/;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
  ) {}

  /** The caller's notifications, unread first, newest first, with each channel's delivery state. */
  async inbox(user: Principal, query: PageQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows = await this.repository.inbox(user.id, readersOf(user), page, pageSize);
    const deliveries = await this.repository.deliveriesOf(rows.map((r) => String(r.id)));
    return {
      page,
      pageSize,
      total: Number(rows[0]?.total ?? 0),
      // Over every page: live notices sort before unread ones, so no single page holds them all.
      unread: Number(rows[0]?.unread_total ?? 0),
      items: rows.map((r) => ({
        id: String(r.id),
        projectId: r.project_id,
        departmentId: r.department_id,
        obligationKey: r.obligation_key,
        kind: r.kind,
        audience: r.audience,
        dueOn: r.due_on,
        writtenAt: r.written_at,
        message: r.payload.message,
        read: r.read_at !== null,
        // Contradicted by the facts before it went out: shown, but not as a live alarm.
        superseded: r.superseded_at !== null,
        supersededReason: r.superseded_reason,
        // Its obligation was met, waived, extended past it or corrected afterwards.
        resolved: r.resolved_at !== null,
        resolvedAt: r.resolved_at,
        resolution: r.resolution,
        resolvedReason: r.resolved_reason,
        live: r.resolved_at === null && r.superseded_at === null,
        deliveries: deliveries
          .filter((d) => d.notificationId === String(r.id))
          .map(({ channel, recipient, status, attempts, lastError, sentAt }) => ({
            channel,
            recipient,
            status,
            attempts,
            lastError,
            sentAt,
          })),
      })),
    };
  }

  private async visible(user: Principal, id: string): Promise<NotificationEntity> {
    const n = NOTIFICATION_ID.test(id) ? await this.repository.visible(id, readersOf(user)) : null;
    if (!n) throw noNotification(id);
    return n;
  }

  /** A read receipt per person: the first opening is kept, and audited. */
  async read(user: Principal, id: string): Promise<void> {
    const n = await this.visible(user, id);
    if (await this.repository.markRead(id, user.id))
      await this.audit.append({
        actorId: user.id,
        actorRole: user.role,
        action: 'notification.read',
        projectId: n.projectId,
        details: { notificationId: id, kind: n.kind, obligationKey: n.obligationKey },
      });
  }

  /** Opening a notice is reading it. */
  async one(user: Principal, id: string) {
    const n = await this.visible(user, id);
    await this.read(user, id);
    const receipts = await this.repository.receipts(id);
    return {
      ...n,
      deliveries: await this.repository.deliveriesOf([id]),
      readBy: receipts.map((r) => ({
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        readAt: r.read_at,
      })),
    };
  }

  /** Every department's dead letters for bureau staff (the route's roles), or the one asked for. */
  async deadLetters(user: Principal, query: DeadLettersQuery) {
    const department = await this.scope.filter(user, query.department);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows = await this.repository.deadLetters(department, page, pageSize);
    const names = await this.scope.names(rows.map((r) => r.department_id));
    return {
      page,
      pageSize,
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        id: String(r.id),
        notificationId: String(r.notification_id),
        channel: r.channel,
        recipient: r.recipient,
        attempts: r.attempts,
        lastError: r.last_error,
        deadAt: r.dead_at,
        projectId: r.project_id,
        projectName: r.project_name,
        departmentId: r.department_id,
        departmentName: names.get(r.department_id) ?? r.department_id,
        obligationKey: r.obligation_key,
        kind: r.kind,
        dueOn: r.due_on,
        message: r.payload.message ?? null,
      })),
    };
  }

  /** Dead letters get a fresh set of attempts; the dispatcher picks them up on its next pass. */
  async retry(user: Principal, id: string) {
    // Bureau staff may retry any department's dead letters, not only the escalations in their inbox.
    if (!NOTIFICATION_ID.test(id) || !(await this.repository.exists(id))) {
      throw noNotification(id);
    }
    const requeued = await this.repository.requeue(id);
    await this.audit.append({
      actorId: user.id,
      actorRole: user.role,
      action: 'notification.retried',
      details: { notificationId: id, deliveries: requeued },
    });
    return { notificationId: id, requeued };
  }
}
