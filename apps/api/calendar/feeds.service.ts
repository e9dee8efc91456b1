import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { ObligationEntity, ProjectEntity } from '../../../db/entities';
import { citationOf, STATUS_LABELS } from '../../../domain';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { isBureau, Principal } from '../common/principal';
import { ProjectAccess } from '../projects/project-access.service';
import type { CreateFeedDto } from './feeds.dto';
import { FeedsRepository } from './feeds.repository';
import { IcsEvent, toIcs } from './ics';
import { localized } from '../common/localized.exception';

function events(
  projects: ProjectEntity[],
  obligations: ObligationEntity[],
  departments: Map<string, string>,
): IcsEvent[] {
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const departmentOf = new Map(
    projects.map((p) => [p.id, departments.get(p.departmentId) ?? p.departmentId]),
  );
  return obligations
    .filter((o) => o.dueOn && (o.status === 'open' || o.status === 'overdue' || o.status === 'pending'))
    .map((o) => ({
      uid: `${o.projectId}-${o.key}@deadline-keeper`,
      date: o.dueOn as string,
      summary: `【到期】${o.title} · ${names.get(o.projectId) ?? ''}`,
      description: `部门：${departmentOf.get(o.projectId) ?? ''}\n依据：${citationOf(o.basis)}\n状态：${STATUS_LABELS[o.status as keyof typeof STATUS_LABELS] ?? o.status}${o.provisional ? '（暂定日期）' : ''}`,
    }));
}

/** Due dates as iCalendar: one project for a signed-in caller, or a department through a revocable token. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly repository: FeedsRepository,
    private readonly access: ProjectAccess,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
  ) {}

  async project(user: Principal, id: string): Promise<string> {
    const project = await this.access.visible(user, id);
    const obligations = await this.repository.obligationsOf([id]);
    const departments = await this.scope.names([project.departmentId]);
    const department = departments.get(project.departmentId);
    return toIcs(
      `期限监管 · ${project.name}（${department}）`,
      events([project], obligations, departments),
      new Date(),
    );
  }

  /** A revocable link to all of a department's due dates, for calendar apps that cannot sign in. */
  async create(user: Principal, body: CreateFeedDto) {
    const departmentId = await this.scope.target(user, body.departmentId);
    const token = randomBytes(24).toString('base64url');
    await this.repository.transaction(async (tx) => {
      await this.repository.insert({ token, departmentId, createdBy: user.id }, tx);
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

  async revoke(user: Principal, token: string): Promise<void> {
    const feed = await this.repository.live(token);
    if (!feed || (!isBureau(user) && feed.departmentId !== user.departmentId))
      throw localized(404, '没有这个日历订阅，或它不属于您的部门；请核对订阅令牌', 'no such feed');
    await this.repository.transaction(async (tx) => {
      await this.repository.revoke(token, tx);
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

  async feed(token: string): Promise<string> {
    const feed = await this.repository.live(token);
    if (!feed)
      throw localized(
        404,
        '没有这个日历订阅，或它已被撤销；请向部门索取新的订阅地址',
        'no such feed, or it was revoked',
      );
    const projects = await this.repository.projectsOf(feed.departmentId);
    const obligations = await this.repository.obligationsOf(projects.map((p) => p.id));
    const departments = await this.scope.names([feed.departmentId]);
    const name = departments.get(feed.departmentId);
    return toIcs(`期限监管 · ${name}`, events(projects, obligations, departments), new Date());
  }
}
