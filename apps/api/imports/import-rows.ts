import { dateProblem, type IsoDate } from '../../../domain';
import type { RegisterProjectDto } from '../projects/register-project.dto';
import type { RecordEventDto } from '../events/record-event.dto';
import { inputProblem } from '../common/input-guard';
import type { Cell, Sheet, SheetRow } from './import-file';
import { CATEGORIES, FACT_COLUMNS, normalHeader, policyNamed, PROJECT_COLUMNS } from './import-columns';

/** A problem a person fixes in the file: which row, which column, what is wrong — in Chinese. */
export interface RowProblem {
  row: number;
  column: string;
  problem: string;
}

/** A row read into a registration, with the column each of its facts came from. */
export interface ImportRow {
  row: number;
  code: string;
  dto: RegisterProjectDto;
  /** events[i] came from this column. */
  eventColumns: string[];
}

/** Departments by id and by name, so either can be written; a name two departments share maps to both. */
export type DepartmentLookup = Map<string, string[]>;

export function departmentLookup(departments: { id: string; name: string }[]): DepartmentLookup {
  const lookup: DepartmentLookup = new Map(departments.map((d) => [d.id, [d.id]]));
  const codes = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    // A code always names its own department, even where it is also some other department's name.
    if (codes.has(d.name)) continue;
    lookup.set(d.name, [...(lookup.get(d.name) ?? []), d.id]);
  }
  return lookup;
}

/** Which column holds which header; a required one missing is a problem of the whole file (row 1). */
export function columnsOf(sheet: Sheet): { index: Map<string, number>; problems: RowProblem[] } {
  const index = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    const known = [...PROJECT_COLUMNS, ...FACT_COLUMNS].find(
      (c) => normalHeader(c.header) === normalHeader(h),
    );
    if (known && !index.has(known.header)) index.set(known.header, i);
  });
  const problems = PROJECT_COLUMNS.filter((c) => c.required && !index.has(c.header)).map((c) => ({
    row: 1,
    column: c.header,
    problem: `缺少「${c.header}」列，请使用导入模板（GET /imports/template.xlsx）`,
  }));
  return { index, problems };
}

/** Reads one row; every problem found is reported, not only the first. */
export function readRow(
  sheetRow: SheetRow,
  index: Map<string, number>,
  departments: DepartmentLookup,
  ownDepartment: string | null,
): { item?: ImportRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const at = (column: string): Cell => {
    const i = index.get(column);
    const v = i === undefined ? null : (sheetRow.cells[i] ?? null);
    return typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v;
  };
  const fail = (column: string, problem: string) => problems.push({ row: sheetRow.row, column, problem });
  const text = (column: string, max: number): string | undefined => {
    const v = at(column);
    if (v === null) return undefined;
    const s = v instanceof Date ? isoOf(v) : String(v);
    if (s.length > max) fail(column, `「${column}」最多 ${max} 个字符，现有 ${s.length} 个`);
    const control = inputProblem(s, column);
    if (control) fail(column, control);
    return s;
  };
  const number = (column: string, integer: boolean): number | undefined => {
    const v = at(column);
    if (v === null) return undefined;
    const n = typeof v === 'number' ? v : Number(String(v).replace(/[,，]/g, ''));
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
      fail(column, `「${column}」应为${integer ? '整数' : '不小于 0 的数字'}：${String(v)}`);
      return undefined;
    }
    return n;
  };
  const date = (column: string): IsoDate | undefined => {
    const v = at(column);
    if (v === null) return undefined;
    const iso = v instanceof Date ? isoOf(v) : typeof v === 'number' ? serialDate(v) : normalDate(String(v));
    const problem = dateProblem(column, iso);
    if (problem) fail(column, problem);
    return problem ? undefined : iso;
  };

  const code = text('项目编号', 64);
  if (code === undefined) fail('项目编号', '「项目编号」不能为空');
  const name = text('项目名称', 200);
  if (name === undefined) fail('项目名称', '「项目名称」不能为空');
  const departmentText = text('部门', 200);
  const candidates = departmentText === undefined ? [] : (departments.get(departmentText) ?? []);
  const departmentId = candidates.length === 1 ? candidates[0] : undefined;
  if (candidates.length > 1) {
    fail('部门', `部门名称「${departmentText}」对应多个部门（${candidates.join('、')}），请改填部门编号`);
  } else if (departmentText !== undefined && departmentId === undefined) {
    fail('部门', `部门「${departmentText}」不存在或不在您的权限范围内，请填写部门编号或全称`);
  } else if (departmentText === undefined && ownDepartment === null) {
    fail('部门', '「部门」不能为空：局方人员导入须注明每个项目的部门');
  }
  const policyText = text('适用办法', 100);
  const pack = policyText === undefined ? undefined : policyNamed(policyText);
  if (policyText === undefined) fail('适用办法', '「适用办法」不能为空');
  else if (!pack) fail('适用办法', `没有名为「${policyText}」的办法，请从下拉列表中选择`);
  const planYear = number('计划年度', true);
  if (planYear === undefined && at('计划年度') === null) fail('计划年度', '「计划年度」不能为空');
  else if (planYear !== undefined && (planYear < 2005 || planYear > 2099)) {
    fail('计划年度', `「计划年度」应在 2005 至 2099 之间：${planYear}`);
  }
  const investment = number('总投资 (元)', false);
  if (investment === undefined && at('总投资 (元)') === null) fail('总投资 (元)', '「总投资 (元)」不能为空');
  const softwareDevelopment = number('软件开发费 (元)', false);
  const categoryText = text('类别', 10);
  const category = categoryText === undefined ? undefined : CATEGORIES[categoryText];
  if (categoryText !== undefined && !category) fail('类别', `「类别」应为 重点类 或 一般类：${categoryText}`);
  if (pack?.requiresCategory && categoryText === undefined) {
    fail('类别', `${pack.name}要求注明项目类别（重点类或一般类）`);
  }
  const plannedAcceptanceOn = date('计划验收日期');

  // Facts in the order they happened; facts on one day in the order a project goes through them.
  const facts = FACT_COLUMNS.flatMap((c, order) => {
    const on = date(c.header);
    return on ? [{ column: c.header, order, event: { type: c.type, on } as RecordEventDto }] : [];
  }).sort((a, b) => (a.event.on < b.event.on ? -1 : a.event.on > b.event.on ? 1 : a.order - b.order));

  if (problems.length || !code || !name || !pack || planYear === undefined || investment === undefined) {
    return { problems };
  }
  const dto: RegisterProjectDto = {
    name,
    ...(departmentId ? { departmentId } : {}),
    policy: pack.id,
    planYear,
    investment,
    ...(softwareDevelopment !== undefined ? { softwareDevelopment } : {}),
    ...(category ? { category } : {}),
    ...(plannedAcceptanceOn ? { plannedAcceptanceOn } : {}),
    ...(facts.length ? { events: facts.map((f) => f.event) } : {}),
  };
  return {
    item: { row: sheetRow.row, code, dto, eventColumns: facts.map((f) => f.column) },
    problems,
  };
}

/** exceljs reads a date cell as midnight UTC of the day shown. */
function isoOf(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 10);
}

/** A date typed as a number in a cell formatted as a number: Excel's day serial (1900 system). */
function serialDate(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 2958465) return String(n);
  return isoOf(new Date(Date.UTC(1899, 11, 30) + n * 86_400_000));
}

/** 2026/3/5, 2026.3.5 and 2026年3月5日 are how people type dates; the check itself is dateProblem's. */
function normalDate(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}
