import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  evaluate,
  findPolicy,
  NoticeValidationError,
  OFFICIAL_NOTICES,
  parseHolidayNotice,
  ProjectAttributes,
  ProjectEvent,
  shanghaiDateOf,
  WorkingCalendar,
  YearNotice,
} from '../../../domain';
import { calendarChangedSignal } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { CalendarRepository } from './calendar.repository';
import { localized } from '../common/localized.exception';

@Injectable()
export class CalendarService {
  private readonly logger = new Logger('CalendarService');

  constructor(
    private readonly repository: CalendarRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
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

  /**
   * Stores a year's notice, then tells every running project whose dates depend on that year. The answer
   * counts the projects whose dates move, computed with the engine before and after the notice.
   */
  async load(principal: Principal, year: number, body: unknown) {
    let notice: YearNotice;
    try {
      notice = parseHolidayNotice(body, `国务院办公厅 ${year} 年部分节假日安排（上传）`);
    } catch (error) {
      if (error instanceof NoticeValidationError)
        throw localized(422, `节假日通知有误：${error.message}，请修正后重新上传`, error.message);
      throw error;
    }
    if (notice.year !== year)
      throw localized(
        400,
        `地址中的年份是 ${year}，通知却是 ${notice.year} 年的，请核对后重新上传`,
        `the URL says ${year} but the notice is for ${notice.year}`,
      );
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
    const after = before.withNotice(notice);
    const candidates = await this.repository.affectedProjectIds(year);
    let moved = 0;
    const today = shanghaiDateOf(Date.now());
    for (const id of candidates) {
      const project = await this.repository.project(id);
      const pack = findPolicy(project.policyId);
      if (!pack) continue;
      const facts = await this.repository.facts(id);
      const input = {
        project: project.attributes as unknown as ProjectAttributes,
        events: facts.map((f) => f.payload as unknown as ProjectEvent),
        asOf: today,
      };
      const dates = (cal: WorkingCalendar) =>
        JSON.stringify(evaluate(pack, input, cal).obligations.map((o) => [o.key, o.opensOn, o.dueOn]));
      if (dates(before) !== dates(after)) moved += 1;
      try {
        await this.temporal.workflow
          .getHandle(project.workflowId)
          .signal(calendarChangedSignal, { year, reason: `${year} notice loaded` });
      } catch (error) {
        this.logger.warn(`could not signal ${project.workflowId}: ${(error as Error).message}`);
      }
    }
    return { year, days: notice.days.length, projectsSignalled: candidates.length, projectsMoved: moved };
  }
}
