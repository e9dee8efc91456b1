import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DeliveryEntity,
  DepartmentChannelEntity,
  DepartmentEntity,
  NotificationEntity,
} from '../../../db/entities';
import { requeueDeliveries } from '../../dispatcher/dispatcher';
import { AuditService } from '../audit/audit.service';
import { CurrentUser, isBureau, Principal, Roles } from '../common/principal';
import { PageQuery } from '../common/page.query';
import { ChannelsDto } from './channels.dto';

/** Who reads a notification: its department, and the bureau for escalations. */
function visibility(user: Principal): { sql: string; params: unknown[] } {
  return isBureau(user)
    ? { sql: `n.audience = 'department-and-bureau'`, params: [] }
    : { sql: 'n.department_id = $2', params: [user.departmentId] };
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The caller's notifications, unread first, newest first, with each channel's delivery state. */
  @Get('inbox')
  async inbox(@CurrentUser() user: Principal, @Query() query: PageQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { sql, params } = visibility(user);
    const rows: (NotificationEntity & { read_at: Date | null; total: string })[] =
      await this.dataSource.query(
        `SELECT n.id, n.project_id, n.department_id, n.obligation_key, n.kind, n.audience, n.due_on::text AS due_on,
              n.scheduled_for, n.written_at, n.payload, r.read_at, count(*) OVER () AS total
         FROM notifications n LEFT JOIN inbox_reads r ON r.notification_id = n.id AND r.user_id = $1
        WHERE ${sql}
        ORDER BY (r.read_at IS NOT NULL), n.written_at DESC, n.id DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        [user.id, ...params],
      );
    const ids = rows.map((r) => String(r.id));
    const deliveries = ids.length
      ? await this.dataSource
          .getRepository(DeliveryEntity)
          .createQueryBuilder('d')
          .where('d.notification_id IN (:...ids)', { ids })
          .getMany()
      : [];
    return {
      page,
      pageSize,
      total: Number(rows[0]?.total ?? 0),
      unread: rows.filter((r) => !r.read_at).length,
      items: rows.map((r) => {
        const raw = r as unknown as Record<string, unknown>;
        return {
          id: String(raw.id),
          projectId: raw.project_id,
          departmentId: raw.department_id,
          obligationKey: raw.obligation_key,
          kind: raw.kind,
          audience: raw.audience,
          dueOn: raw.due_on,
          writtenAt: raw.written_at,
          message: (raw.payload as { message?: string }).message,
          read: r.read_at !== null,
          deliveries: deliveries
            .filter((d) => d.notificationId === String(raw.id))
            .map(({ channel, recipient, status, attempts, lastError, sentAt }) => ({
              channel,
              recipient,
              status,
              attempts,
              lastError,
              sentAt,
            })),
        };
      }),
    };
  }

  private async visible(user: Principal, id: string): Promise<NotificationEntity> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException(`no notification ${id}`);
    const { sql, params } = visibility(user);
    const [row] = await this.dataSource.query(`SELECT n.id FROM notifications n WHERE n.id = $1 AND ${sql}`, [
      id,
      ...params,
    ]);
    if (!row) throw new NotFoundException(`no notification ${id}`);
    return this.dataSource.getRepository(NotificationEntity).findOneByOrFail({ id });
  }

  @Post('inbox/:id/read')
  @HttpCode(204)
  async read(@CurrentUser() user: Principal, @Param('id') id: string) {
    await this.visible(user, id);
    await this.dataSource.query(
      `INSERT INTO inbox_reads (notification_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [id, user.id],
    );
  }

  @Get('notifications/:id')
  async one(@CurrentUser() user: Principal, @Param('id') id: string) {
    const n = await this.visible(user, id);
    const deliveries = await this.dataSource
      .getRepository(DeliveryEntity)
      .find({ where: { notificationId: id }, order: { id: 'ASC' } });
    return { ...n, deliveries };
  }

  /** Dead letters get a fresh set of attempts; the dispatcher picks them up on its next pass. */
  @Post('notifications/:id/retry')
  @Roles('operator', 'admin')
  @HttpCode(200)
  async retry(@CurrentUser() user: Principal, @Param('id') id: string) {
    // Bureau staff may retry any department's dead letters, not only the escalations in their inbox.
    if (
      !/^\d{1,18}$/.test(id) ||
      !(await this.dataSource.getRepository(NotificationEntity).existsBy({ id }))
    ) {
      throw new NotFoundException(`no notification ${id}`);
    }
    const requeued = await requeueDeliveries(this.dataSource, id, new Date());
    await this.audit.append({
      actorId: user.id,
      actorRole: user.role,
      action: 'notification.retried',
      details: { notificationId: id, deliveries: requeued },
    });
    return { notificationId: id, requeued };
  }

  @Get('departments/:id/channels')
  async channels(@CurrentUser() user: Principal, @Param('id') id: string) {
    await this.department(user, id);
    const c = await this.dataSource.getRepository(DepartmentChannelEntity).findOneBy({ departmentId: id });
    return {
      departmentId: id,
      emails: c?.emails ?? [],
      emailEnabled: c?.emailEnabled ?? true,
      webhookUrl: c?.webhookUrl ?? null,
      webhookEnabled: c?.webhookEnabled ?? false,
      webhookSecretSet: Boolean(c?.webhookSecret),
    };
  }

  @Put('departments/:id/channels')
  @Roles('department', 'admin')
  async setChannels(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: ChannelsDto) {
    await this.department(user, id);
    const current = await this.dataSource
      .getRepository(DepartmentChannelEntity)
      .findOneBy({ departmentId: id });
    const next = { ...current, departmentId: id, ...body, updatedAt: new Date() };
    if (next.webhookEnabled && (!next.webhookUrl || !next.webhookSecret)) {
      throw new UnprocessableEntityException(
        'a webhook needs webhookUrl and webhookSecret before it can be enabled',
      );
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(DepartmentChannelEntity).save(next);
      const { webhookSecret: _secret, ...shown } = body;
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'channels.updated',
          details: { departmentId: id, ...shown, webhookSecretChanged: body.webhookSecret !== undefined },
        },
        tx,
      );
    });
    return this.channels(user, id);
  }

  /** A department manages its own channels; bureau staff may see any department's. */
  private async department(user: Principal, id: string): Promise<void> {
    const exists = await this.dataSource.getRepository(DepartmentEntity).existsBy({ id });
    if (!exists || (!isBureau(user) && user.departmentId !== id))
      throw new NotFoundException(`no department ${id}`);
  }
}
