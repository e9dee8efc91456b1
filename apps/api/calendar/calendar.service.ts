import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  NoticeValidationError,
  OFFICIAL_NOTICES,
  parseHolidayNotice,
  shanghaiDateOf,
  WorkingCalendar,
  YearNotice,
} from '../../../domain';
import { calendarChangedSignal } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { LocalizedException } from '../common/localized.exception';
import type { Principal } from '../common/principal';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { obligationMoves } from './calendar-moves';
import { CalendarRepository } from './calendar.repository';

@Injectable()
export class CalendarService {
  private readonly logger = new Logger('CalendarService');

  constructor(
    private readonly repository: CalendarRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
  ) {}

  private async loaded(): Promise<YearNotice[]> {
    const rows = await this.repository.years();
    return rows.map((r) => ({ ...r.notice, source: r.source }));
  }

  async years() {
    const rows = await this.repository.years();
    const byYear = new Map<
      number,
      { year: number; source: string; origin: 'shipped' | 'loaded'; loadedAt?: Date; loadedBy?: string }
    >();
    for (const n of OFFICIAL_NOTICES)
      byYear.set(n.year, { year: n.year, source: n.source ?? 'shipped', origin: 'shipped' });
    for (const r of rows)
      byYear.set(r.year, {
        year: r.year,
        source: r.source,
        origin: 'loaded',
        loadedAt: r.loadedAt,
        loadedBy: r.loadedBy,
      });
    const years = [...byYear.values()].sort((a, b) => a.year - b.year);
    const last = years[years.length - 1]?.year ?? 2004;
    return { official: years, provisionalFrom: last + 1 };
  }

  private parse(year: number, body: unknown): YearNotice {
    let notice: YearNotice;
    try {
      notice = parseHolidayNotice(body, `国务院办公厅 ${year} 年部分节假日安排（上传）`);
    } catch (error) {
      if (error instanceof NoticeValidationError) {
        const reason = error.message;
        throw new LocalizedException(422, (lang) =>
          lang === 'zh'
            ? `节假日安排文件有误，未载入：${reason}。请按 { year, days: [{ name, date, isOffDay }] } 的格式更正后重新上传`
            : `the holiday notice was not loaded: ${reason}`,
        );
      }
      throw error;
    }
    if (notice.year !== year) {
      const found = notice.year;
      throw new LocalizedException(400, (lang) =>
        lang === 'zh'
          ? `地址中的年份 ${year} 与文件中的年份 ${found}（year）不一致，请上传 ${year} 年的通知，或改到 ${found} 年载入`
          : `the URL says ${year} but the notice is for ${found}`,
      );
    }
    return notice;
  }

  /** Each affected project with the obligations whose dates the notice moves, computed by the engine. */
  private async moves(year: number, before: WorkingCalendar, after: WorkingCalendar) {
    const candidates = await this.repository.affected(year);
    const today = shanghaiDateOf(Date.now());
    const names = await this.scope.names(candidates.map((c) => c.departmentId));
    return candidates.map((c) => ({
      project: c,
      departmentName: names.get(c.departmentId) ?? c.departmentId,
      obligations: obligationMoves(c, before, after, today),
    }));
  }

  /**
   * What loading the notice would change, without changing anything: the projects and obligations whose
   * dates would move, before and after.
   */
  async preview(year: number, body: unknown) {
    const notice = this.parse(year, body);
    const before = WorkingCalendar.standard(await this.loaded());
    const moves = await this.moves(year, before, before.withNotice(notice));
    const moved = moves.filter((m) => m.obligations.length > 0);
    return {
      year,
      days: notice.days.length,
      dryRun: true,
      projectsChecked: moves.length,
      projectsMoved: moved.length,
      projects: moved.map(({ project: p, departmentName, obligations }) => ({
        id: p.id,
        name: p.name,
        code: p.code,
        departmentId: p.departmentId,
        departmentName,
        policyId: p.policyId,
        obligations,
      })),
    };
  }

  /**
   * Stores a year's notice, then tells every running project whose dates depend on that year. The answer
   * counts the projects whose dates move, computed with the engine before and after the notice.
   */
  async load(principal: Principal, year: number, body: unknown) {
    const notice = this.parse(year, body);
    const before = WorkingCalendar.standard(await this.loaded());
    await this.repository.transaction(async (tx) => {
      await this.repository.saveYear(
        {
          year,
          notice: { year: notice.year, days: notice.days },
          source: notice.source ?? String(year),
          loadedBy: principal.id,
          loadedAt: new Date(),
        },
        tx,
      );
      await this.audit.append(
        {
          actorId: principal.id,
          actorRole: principal.role,
          action: 'calendar.loaded',
          details: { year, days: notice.days.length },
        },
        tx,
      );
    });
    const moves = await this.moves(year, before, before.withNotice(notice));
    for (const { project } of moves) {
      try {
        await this.temporal.workflow
          .getHandle(project.workflowId)
          .signal(calendarChangedSignal, { year, reason: `${year} notice loaded` });
      } catch (error) {
        this.logger.warn(`could not signal ${project.workflowId}: ${(error as Error).message}`);
      }
    }
    return {
      year,
      days: notice.days.length,
      projectsSignalled: moves.length,
      projectsMoved: moves.filter((m) => m.obligations.length > 0).length,
    };
  }
}
