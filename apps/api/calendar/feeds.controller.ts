import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { FeedTokenEntity, ObligationEntity, ProjectEntity } from '../../../db/entities';
import { STATUS_LABELS } from '../../../domain';
import { AuditService } from '../audit/audit.service';
import { CurrentUser, isBureau, Principal, Public } from '../common/principal';
import { ProjectAccess } from '../projects/project-access.service';
import { IcsEvent, toIcs } from './ics';

export class CreateFeedDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  departmentId?: string;
}

function events(projects: ProjectEntity[], obligations: ObligationEntity[]): IcsEvent[] {
  const names = new Map(projects.map((p) => [p.id, p.name]));
  return obligations
    .filter((o) => o.dueOn && (o.status === 'open' || o.status === 'overdue' || o.status === 'pending'))
    .map((o) => ({
      uid: `${o.projectId}-${o.key}@deadline-keeper`,
      date: o.dueOn as string,
      summary: `【到期】${o.title} · ${names.get(o.projectId) ?? ''}`,
      description: `依据 ${o.basis}\n状态：${STATUS_LABELS[o.status as keyof typeof STATUS_LABELS] ?? o.status}${o.provisional ? '（暂定日期）' : ''}`,
    }));
}

@ApiTags('calendar')
@Controller()
export class FeedsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccess,
    private readonly audit: AuditService,
  ) {}

  @ApiBearerAuth()
  @Get('projects/:id/calendar.ics')
  async project(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const project = await this.access.visible(user, id);
    const obligations = await this.dataSource.getRepository(ObligationEntity).findBy({ projectId: id });
    res.type('text/calendar; charset=utf-8');
    return toIcs(`期限监管 · ${project.name}`, events([project], obligations), new Date());
  }

  /** A revocable link to all of a department's due dates, for calendar apps that cannot sign in. */
  @ApiBearerAuth()
  @Post('calendar/feeds')
  async create(@CurrentUser() user: Principal, @Body() body: CreateFeedDto) {
    const departmentId = isBureau(user) ? body.departmentId : user.departmentId;
    if (!departmentId) throw new ForbiddenException('bureau staff name the departmentId of the feed');
    if (!isBureau(user) && body.departmentId && body.departmentId !== user.departmentId) {
      throw new ForbiddenException('a department creates feeds for itself only');
    }
    const token = randomBytes(24).toString('base64url');
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(FeedTokenEntity).insert({ token, departmentId, createdBy: user.id });
      // The audit keeps only a prefix: the log must not become a list of working feed links.
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'feed.created',
          details: { departmentId, token: `${token.slice(0, 6)}…` },
        },
        tx,
      );
    });
    return { token, departmentId, path: `/api/v1/feeds/${token}/calendar.ics` };
  }

  @ApiBearerAuth()
  @Delete('calendar/feeds/:token')
  @HttpCode(204)
  async revoke(@CurrentUser() user: Principal, @Param('token') token: string) {
    const feed = await this.dataSource
      .getRepository(FeedTokenEntity)
      .findOneBy({ token, revokedAt: IsNull() });
    if (!feed || (!isBureau(user) && feed.departmentId !== user.departmentId))
      throw new NotFoundException('no such feed');
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(FeedTokenEntity).update({ token }, { revokedAt: new Date() });
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'feed.revoked',
          details: { departmentId: feed.departmentId, token: `${token.slice(0, 6)}…` },
        },
        tx,
      );
    });
  }

  @Public()
  @Get('feeds/:token/calendar.ics')
  async feed(@Param('token') token: string, @Res({ passthrough: true }) res: Response) {
    const feed = await this.dataSource
      .getRepository(FeedTokenEntity)
      .findOneBy({ token, revokedAt: IsNull() });
    if (!feed) throw new NotFoundException('no such feed, or it was revoked');
    const projects = await this.dataSource
      .getRepository(ProjectEntity)
      .findBy({ departmentId: feed.departmentId });
    const obligations = projects.length
      ? await this.dataSource
          .getRepository(ObligationEntity)
          .createQueryBuilder('o')
          .where('o.project_id IN (:...ids)', { ids: projects.map((p) => p.id) })
          .getMany()
      : [];
    res.type('text/calendar; charset=utf-8');
    return toIcs(`期限监管 · ${feed.departmentId}`, events(projects, obligations), new Date());
  }
}
