import { HttpException, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EVENT_LABELS } from '../../../domain';
import { AuditService } from '../audit/audit.service';
import { ProjectCommands } from '../events/project-commands.service';
import { LocalizedException } from '../common/localized.exception';
import { isBureau, type Principal } from '../common/principal';
import { RegistrationService } from '../projects/registration.service';
import { rejectionsOf, type PreparedRegistration } from '../projects/registration.types';
import { readSheet } from './import-file';
import { buildTemplate } from './import-template';
import { columnsOf, departmentLookup, type ImportRow, readRow, type RowProblem } from './import-rows';
import { ImportsRepository } from './imports.repository';
import { summaryNotices } from './import-summary';
import { type Supplement, supplementsOf } from './import-supplements';

export interface ImportResult {
  dryRun: boolean;
  /** Project rows read from the file. */
  rows: number;
  /** Registered by this import (a dry run: would be). */
  created: number;
  /** Already registered from an earlier import of the same 项目编号, with nothing new: left as they are. */
  unchanged: number;
  /** Already registered rows that bring fact dates their project had not recorded (补录). */
  supplemented: number;
  /** Each fact such a row added (a dry run: would add), by row and column. */
  additions: Supplement[];
  /** Rows with at least one problem: nothing of them is registered. */
  refused: number;
  problems: RowProblem[];
  /** Summary notices written, one per department with overdue items (commit only). */
  notices?: number;
  batchId?: string;
}

/** Registrations run a few at a time: each waits on its workflow's first evaluation. */
const PARALLEL = 8;

/**
 * Bringing in projects already under way from a workbook: each row becomes one registration with its
 * whole history, through the same checks and steps as POST /projects, keyed by department and 项目编号.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly registration: RegistrationService,
    private readonly repository: ImportsRepository,
    private readonly audit: AuditService,
    private readonly commands: ProjectCommands,
  ) {}

  async template(principal: Principal): Promise<Buffer> {
    // A department's template lists only itself: the list never tells it which others exist.
    return buildTemplate(
      await this.repository.departments(isBureau(principal) ? null : principal.departmentId),
    );
  }

  async run(principal: Principal, file: Buffer, dryRun: boolean): Promise<ImportResult> {
    const sheet = await readSheet(file);
    const { index, problems } = columnsOf(sheet);
    if (problems.length) {
      const rows = sheet.rows.length;
      return {
        dryRun,
        rows,
        created: 0,
        unchanged: 0,
        supplemented: 0,
        additions: [],
        refused: rows,
        problems,
      };
    }
    const own = isBureau(principal) ? null : principal.departmentId;
    const lookup = departmentLookup(await this.repository.departments(null));

    const batchId = randomUUID();
    const refused = new Set<number>();
    const report = (found: RowProblem[]) => {
      for (const p of found) refused.add(p.row);
      problems.push(...found);
    };
    const firstRowOf = new Map<string, number>();
    const items: ImportRow[] = [];
    for (const sheetRow of sheet.rows) {
      const { item, problems: found } = readRow(sheetRow, index, lookup, own);
      report(found);
      if (!item) continue;
      const key = `${item.dto.departmentId ?? own}|${item.code}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        report([
          { row: item.row, column: '项目编号', problem: `项目编号「${item.code}」与第 ${first} 行重复` },
        ]);
        continue;
      }
      firstRowOf.set(key, item.row);
      items.push(item);
    }

    const source = { kind: 'import' as const, batchId };
    const prepared = await inParallel(items, async (item) => {
      try {
        return { item, p: await this.registration.prepare(principal, item.dto, { code: item.code, source }) };
      } catch (error) {
        report(rowProblems(item, error));
        return null;
      }
    });
    const accepted = prepared.filter((x): x is { item: ImportRow; p: PreparedRegistration } => x !== null);
    const there = accepted.filter((x) => x.p.existing?.confirmed);
    const recorded = await this.repository.facts(there.map((x) => x.p.record.id));
    const toSupplement: { projectId: string; item: ImportRow; adds: Supplement[] }[] = [];
    let unchanged = 0;
    for (const { item, p } of there) {
      const { supplements, problems: found } = supplementsOf(item, recorded.get(p.record.id) ?? []);
      report(found);
      if (supplements.length) toSupplement.push({ projectId: p.record.id, item, adds: supplements });
      else if (!found.length) unchanged++;
    }
    const toCreate = accepted.filter((x) => !x.p.existing?.confirmed);
    const answer = (
      created: number,
      additions: Supplement[],
      extra: Partial<ImportResult> = {},
    ): ImportResult => ({
      dryRun,
      rows: sheet.rows.length,
      created,
      unchanged,
      supplemented: new Set(additions.map((a) => a.row)).size,
      additions: additions.sort((a, b) => a.row - b.row || a.on.localeCompare(b.on)),
      refused: refused.size,
      problems: problems.sort((a, b) => a.row - b.row),
      ...extra,
    });
    if (dryRun)
      return answer(
        toCreate.length,
        toSupplement.flatMap((s) => s.adds),
      );

    const done = await inParallel(toCreate, async ({ item, p }) => {
      try {
        await this.registration.complete(principal, p);
        return p;
      } catch (error) {
        report(rowProblems(item, error));
        return null;
      }
    });
    const created = done.filter((p): p is PreparedRegistration => p !== null);
    const added = (await inParallel(toSupplement, (s) => this.supplement(principal, s, report))).flat();
    const overdue = await this.repository.overdue(created.map((p) => p.record.id));
    const notices = await this.repository.writeSummaries(
      summaryNotices(batchId, created, overdue, new Date()),
    );
    await this.audit.append({
      actorId: principal.id,
      actorRole: principal.role,
      action: 'projects.imported',
      details: {
        batchId,
        sha256: createHash('sha256').update(file).digest('hex'),
        rows: sheet.rows.length,
        created: created.length,
        unchanged,
        supplemented: new Set(added.map((a) => a.row)).size,
        refused: refused.size,
        summaryNotices: notices,
      },
    });
    return answer(created.length, added, { notices, batchId });
  }

  /**
   * Records a row's new facts on its project in date order, as POST /projects/:id/events would (the
   * workflow checks each); a refused one is reported on its column and ends the row's additions.
   */
  private async supplement(
    principal: Principal,
    { projectId, item, adds }: { projectId: string; item: ImportRow; adds: Supplement[] },
    report: (found: RowProblem[]) => void,
  ): Promise<Supplement[]> {
    const done: Supplement[] = [];
    for (const add of [...adds].sort((a, b) => a.on.localeCompare(b.on))) {
      try {
        await this.commands.run(
          principal,
          projectId,
          { kind: 'record', event: { type: add.type, on: add.on } as never },
          `import:${add.type}:${add.on}`,
        );
        done.push(add);
      } catch (error) {
        if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
        const message = error instanceof LocalizedException ? error.words('zh') : error.message;
        report([{ row: item.row, column: add.column, problem: `补录 ${add.on} 未被接受：${message}` }]);
        break;
      }
    }
    return done;
  }
}

/** A refusal of registration, said on the row and the column it comes from. */
function rowProblems(item: ImportRow, error: unknown): RowProblem[] {
  if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
  const rejections = rejectionsOf(error);
  if (rejections?.length) {
    return rejections.map((r) => {
      const column = item.eventColumns[r.event] ?? '项目编号';
      const event = item.dto.events?.[r.event];
      const what = event ? `${event.on} 的「${EVENT_LABELS[event.type]}」` : '该事实';
      return { row: item.row, column, problem: `${what}不被办法接受：${r.reason}` };
    });
  }
  // An import report is read in Chinese, whatever the uploader's browser asks for.
  const message = error instanceof LocalizedException ? error.words('zh') : error.message;
  const column =
    error.getStatus() === 404
      ? '部门'
      : error.getStatus() === 409
        ? '项目编号'
        : message.includes('「category」')
          ? '类别'
          : '适用办法';
  return [{ row: item.row, column, problem: message }];
}

async function inParallel<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane));
  return out;
}
