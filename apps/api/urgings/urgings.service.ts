import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { shanghaiDateOf } from '../../../domain';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { LocalizedException } from '../common/localized.exception';
import { isBureau, type Principal } from '../common/principal';
import { ProjectAccess } from '../projects/project-access.service';
import type { AnswerDto, UrgeDto, UrgingsQuery } from './urgings.dto';
import { answerNotice } from './urging-notices';
import { UrgingsRepository } from './urgings.repository';

const URGING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refused = (status: number, zh: string, en: string) =>
  new LocalizedException(status, (lang) => (lang === 'en' ? en : zh));

/** 催办 and 反馈: the bureau urges a department on an overdue obligation; the department answers. */
@Injectable()
export class UrgingsService {
  constructor(
    private readonly repository: UrgingsRepository,
    private readonly access: ProjectAccess,
    private readonly scope: DepartmentScope,
    private readonly audit: AuditService,
  ) {}

  async urge(user: Principal, projectId: string, key: string, dto: UrgeDto) {
    const project = await this.access.visible(user, projectId);
    const o = await this.repository.obligation(project.id, key);
    if (!o)
      throw refused(
        404,
        `项目「${project.name}」没有事项「${key}」，请核对事项（GET /projects/${project.id} 列出全部事项）`,
        `project ${project.name} has no obligation ${key}`,
      );
    const today = shanghaiDateOf(Date.now());
    if (o.status !== 'overdue' || !o.dueOn) {
      await this.refusedAttempt(user, project.id, key, 'not overdue');
      throw refused(
        409,
        `「${o.title}」目前未逾期，无需催办；逾期后可在逾期事项清单（GET /oversight/overdue）中催办`,
        `"${o.title}" is not overdue, so there is nothing to urge; urge it once it appears in GET /oversight/overdue`,
      );
    }
    if (dto.answerBy < today)
      throw refused(
        422,
        `「answerBy」不能早于今天（${today}）：请给部门留出反馈时间`,
        `answerBy may not be before today (${today}): give the department time to answer`,
      );
    const id = randomUUID();
    const now = new Date();
    const departmentName = (await this.scope.names([project.departmentId])).get(project.departmentId);
    const message =
      `【催办】项目「${project.name}」的「${o.title}」已于 ${o.dueOn} 到期仍未办理，局方催办：${dto.message.trim()}` +
      `。请于 ${dto.answerBy} 前反馈逾期原因和预计完成日期（POST /urgings/${id}/answers）。`;
    const notificationId = await this.repository.transaction(async (tx) => {
      const nid = await this.repository.insert(
        tx,
        {
          id,
          projectId: project.id,
          obligationKey: key,
          departmentId: project.departmentId,
          dueOn: o.dueOn as string,
          message: dto.message.trim(),
          answerBy: dto.answerBy,
          urgedBy: user.id,
          urgedAt: now,
          notificationId: null,
          answerReason: null,
          answerExpectedOn: null,
          answeredBy: null,
          answeredAt: null,
        },
        {
          dedupeKey: `${project.id}|${key}|urging|${id}`,
          projectId: project.id,
          departmentId: project.departmentId,
          obligationKey: key,
          kind: 'urging',
          audience: 'department',
          dueOn: o.dueOn,
          scheduledFor: now,
          writtenAt: now,
          payload: {
            projectName: project.name,
            departmentName: departmentName ?? project.departmentId,
            title: o.title,
            basis: o.basis,
            urgingId: id,
            answerBy: dto.answerBy,
            message,
          },
        },
      );
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'urging.created',
          projectId: project.id,
          details: { urgingId: id, obligationKey: key, answerBy: dto.answerBy, message: dto.message.trim() },
        },
        tx,
      );
      return nid;
    });
    return this.view(
      { ...(await this.repository.byId(id))!, projectName: project.name, title: o.title },
      today,
      notificationId,
    );
  }

  async answer(user: Principal, id: string, dto: AnswerDto) {
    const found = URGING_ID.test(id) ? await this.repository.byId(id) : null;
    // Another department's urging answers as one that does not exist.
    if (!found || (!isBureau(user) && found.departmentId !== user.departmentId))
      throw refused(
        404,
        `催办「${id}」不存在或不在您的权限范围内，请核对编号（GET /oversight/urgings）`,
        `no urging ${id}`,
      );
    if (user.role !== 'department') {
      await this.refusedAttempt(user, found.projectId, found.obligationKey, 'only the department answers');
      throw refused(
        403,
        '反馈由被催办的部门填写；局方可在 GET /oversight/urgings 查看反馈情况',
        'the urged department answers; the bureau follows answers in GET /oversight/urgings',
      );
    }
    const today = shanghaiDateOf(Date.now());
    const answered = await this.repository.transaction(async (tx) => {
      const current = await this.repository.byId(id, tx);
      if (current?.answeredAt)
        throw refused(
          409,
          `该催办已于 ${shanghaiDateOf(current.answeredAt.getTime())} 反馈，不能重复反馈；如情况有变，请联系局方`,
          'this urging was already answered; contact the bureau if things changed',
        );
      const answer = {
        answerReason: dto.reason.trim(),
        answerExpectedOn: dto.expectedOn,
        answeredBy: user.id,
        answeredAt: new Date(),
      };
      const department = (await this.scope.names([found.departmentId])).get(found.departmentId);
      const obligation = await this.repository.obligation(found.projectId, found.obligationKey);
      const names = { department: department ?? found.departmentId, obligation };
      await this.repository.answer(
        tx,
        id,
        answer,
        answerNotice(found, answer, names, today > found.answerBy),
      );
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'urging.answered',
          projectId: found.projectId,
          details: {
            urgingId: id,
            obligationKey: found.obligationKey,
            reason: answer.answerReason,
            expectedOn: dto.expectedOn,
            late: today > found.answerBy,
          },
        },
        tx,
      );
      return { ...found, ...answer };
    });
    const [row] = (await this.repository.list(found.departmentId, undefined, today, 1, 200)).filter(
      (r) => r.id === id,
    );
    return this.view(
      row ?? { ...answered, projectName: answered.projectId, title: answered.obligationKey },
      today,
    );
  }

  async list(user: Principal, query: UrgingsQuery) {
    const departmentId = await this.scope.filter(user, query.department);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const today = shanghaiDateOf(Date.now());
    const rows = await this.repository.list(departmentId, query.state, today, page, pageSize);
    const names = await this.scope.names(rows.map((r) => r.departmentId));
    return {
      asOf: today,
      page,
      pageSize,
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        ...this.view(r, today),
        departmentName: names.get(r.departmentId) ?? r.departmentId,
      })),
    };
  }

  private view(
    r: {
      id: string;
      projectId: string;
      obligationKey: string;
      departmentId: string;
      dueOn: string;
      message: string;
      answerBy: string;
      urgedBy: string;
      urgedAt: Date;
      notificationId: string | null;
      answerReason: string | null;
      answerExpectedOn: string | null;
      answeredAt: Date | null;
      projectName: string;
      title: string;
    },
    today: string,
    notificationId = r.notificationId,
  ) {
    const answeredOn = r.answeredAt ? shanghaiDateOf(r.answeredAt.getTime()) : null;
    const late = answeredOn ? answeredOn > r.answerBy : today > r.answerBy;
    return {
      id: r.id,
      projectId: r.projectId,
      projectName: r.projectName,
      obligation: r.obligationKey,
      title: r.title,
      departmentId: r.departmentId,
      dueOn: r.dueOn,
      message: r.message,
      answerBy: r.answerBy,
      urgedAt: r.urgedAt,
      notificationId: notificationId === null ? null : String(notificationId),
      state: answeredOn ? 'answered' : late ? 'late' : 'open',
      late,
      answer: answeredOn
        ? { reason: r.answerReason, expectedOn: r.answerExpectedOn, answeredAt: r.answeredAt, late }
        : null,
    };
  }

  private refusedAttempt(user: Principal, projectId: string, key: string, why: string) {
    return this.audit.append({
      actorId: user.id,
      actorRole: user.role,
      action: 'urging.refused',
      projectId,
      details: { obligationKey: key, why },
    });
  }
}
