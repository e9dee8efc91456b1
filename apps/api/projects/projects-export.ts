import { Workbook } from 'exceljs';
import type { ProjectEntity } from '../../../db/entities';
import { findPolicy, type ProjectAttributes } from '../../../domain';
import { toCsv } from '../common/csv';

/** As many rows as the oversight CSV export gives; the full count travels in X-Total-Count. */
export const EXPORT_LIMIT = 10_000;

const STATUS: Record<string, string> = {
  active: '进行中',
  paused: '已暂停',
  terminated: '已终止',
  completed: '已完成',
};

/** The headers an import reads come first and read the same, so an export can be filled in and imported. */
export const EXPORT_COLUMNS = [
  { key: 'code', label: '项目编号' },
  { key: 'name', label: '项目名称' },
  { key: 'department', label: '部门' },
  { key: 'policy', label: '适用办法' },
  { key: 'planYear', label: '计划年度' },
  { key: 'investment', label: '总投资 (元)' },
  { key: 'status', label: '状态' },
  { key: 'nextDueOn', label: '下一期限' },
  { key: 'overdueCount', label: '逾期事项数' },
  { key: 'createdAt', label: '登记时间' },
  { key: 'id', label: '系统编号' },
];

export function exportRows(items: ProjectEntity[], departments: Map<string, string>) {
  return items.map((p) => {
    const attributes = p.attributes as unknown as ProjectAttributes;
    return {
      code: p.code ?? '',
      name: p.name,
      department: departments.get(p.departmentId) ?? p.departmentId,
      policy: findPolicy(p.policyId)?.name ?? p.policyId,
      planYear: attributes.planYear,
      investment: attributes.investment,
      status: STATUS[p.status] ?? p.status,
      nextDueOn: p.nextDueOn ?? '',
      overdueCount: p.overdueCount,
      createdAt: p.createdAt.toISOString(),
      id: p.id,
    };
  });
}

export type ExportRow = ReturnType<typeof exportRows>[number];

export function projectsCsv(rows: ExportRow[]): string {
  return toCsv(EXPORT_COLUMNS, rows);
}

export async function projectsXlsx(rows: ExportRow[]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('项目', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({
    header: c.label,
    key: c.key,
    width: c.key === 'name' ? 40 : 16,
  }));
  ws.getRow(1).font = { bold: true };
  // Cells are written as values, never formulas, so nothing a project's name holds runs in Excel.
  ws.addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
