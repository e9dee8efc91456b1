import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { AuditEntryEntity, UserEntity } from '../../../db/entities';
import {
  auditActionTitle,
  eventTitle,
  renderRefusal,
  roleTitle,
  say,
  type Lang,
  type Refusal,
} from '../../../domain';
import type { PageQuery } from '../common/page.query';
import type { Principal } from '../common/principal';
import { ProjectAccess } from './project-access.service';

interface Details {
  command?: { kind?: string; event?: { type?: string; on?: string }; reason?: string };
  event?: { type?: string; on?: string };
  refusal?: Refusal;
  recordedLate?: { on: string; recordedOn: string; days: number };
  reason?: string;
  before?: { on?: string; status?: string };
  after?: { on?: string; status?: string };
  kind?: string;
}

/** One project's audit trail, newest first, in the reader's language; visible only to who may see the project. */
@Injectable()
export class ProjectAuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProjectAccess,
  ) {}

  async list(principal: Principal, projectId: string, query: PageQuery, lang: Lang) {
    await this.access.visible(principal, projectId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, total] = await this.dataSource.getRepository(AuditEntryEntity).findAndCount({
      where: { projectId },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const actorIds = [...new Set(rows.map((r) => r.actorId))];
    const people = actorIds.length
      ? await this.dataSource
          .getRepository(UserEntity)
          .find({ where: { id: In(actorIds) }, select: { id: true, displayName: true, username: true } })
      : [];
    const nameOf = new Map(people.map((u) => [u.id, u.displayName || u.username]));
    return {
      page,
      pageSize,
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        actionTitle: auditActionTitle(r.action, lang),
        summary: summaryOf(r.action, r.details as Details, lang),
        actorId: r.actorId,
        actorName: nameOf.get(r.actorId) ?? r.actorId,
        actorRole: r.actorRole,
        actorRoleTitle: roleTitle(r.actorRole, lang),
        details: r.details,
      })),
    };
  }
}

/** The one line a person needs beside the action: the fact's date, why it was refused, why it changed. */
function summaryOf(action: string, d: Details, lang: Lang): string {
  if (action === 'fact.refused' && d.refusal) return renderRefusal(d.refusal, lang);
  if (action.startsWith('fact.')) {
    const on = d.command?.event?.on;
    const late = d.recordedLate;
    const date = on ? say(lang, `日期 ${on}`, `on ${on}`) : '';
    if (!late) return date;
    return `${date}${say(lang, `（补录：${late.recordedOn} 登记，晚 ${late.days} 天）`, ` (recorded late on ${late.recordedOn}, ${late.days} days after)`)}`;
  }
  if (action.startsWith('project.') && d.command?.reason)
    return say(lang, `原因：${d.command.reason}`, `reason: ${d.command.reason}`);
  if (action.startsWith('correction.')) {
    const parts: string[] = [];
    const type = d.before && 'type' in d.before ? String((d.before as { type: unknown }).type) : undefined;
    if (type) parts.push(lang === 'en' ? type : `“${eventTitle(type)}”`);
    if (d.kind === 'withdraw') parts.push(say(lang, '撤回', 'withdrawn'));
    else if (d.before?.on && d.after?.on && d.before.on !== d.after.on)
      parts.push(`${d.before.on} → ${d.after.on}`);
    if (d.reason) parts.push(say(lang, `原因：${d.reason}`, `reason: ${d.reason}`));
    return parts.join(lang === 'en' ? '; ' : '；');
  }
  return '';
}
