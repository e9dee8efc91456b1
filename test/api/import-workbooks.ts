/** Workbooks and CSV files for the import tests and the import benchmark, made with exceljs as Excel would. */
import { Workbook } from 'exceljs';
import { FACT_COLUMNS, PROJECT_COLUMNS } from '../../apps/api/imports/import-columns';

export type ImportCells = Record<string, string | number | Date | null | undefined>;

export const HEADERS = [...PROJECT_COLUMNS.map((c) => c.header), ...FACT_COLUMNS.map((c) => c.header)];

/** A date cell as Excel stores one typed into a date-formatted cell. */
export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Project `i` of a generated set: two departments (one by code, one by name), three regulations, and
 * a history from the contract to operation; every fourth never filed its contract (overdue).
 */
export function generatedProject(prefix: string, i: number): ImportCells {
  const policy = ['山东省', '吉林省政务信息系统项目管理办法（试行）', '武汉市'][i % 3];
  const signed = `2025-0${1 + (i % 6)}-1${i % 10}`;
  const filed = `2025-0${1 + (i % 6)}-2${i % 8}`;
  return {
    项目编号: `${prefix}-${String(i).padStart(4, '0')}`,
    项目名称: `导入项目 ${prefix} 第${i}号`,
    部门: i % 2 === 0 ? 'dept-a' : '市自然资源和规划局信息中心',
    适用办法: policy,
    计划年度: 2025,
    '总投资 (元)': 1_000_000 + i * 1000,
    '软件开发费 (元)': 500_000,
    类别: '一般类',
    计划验收日期: day('2026-06-30'),
    合同签订日期: day(signed),
    ...(i % 4 === 3 ? {} : { 合同备案日期: day(filed) }),
    ...(i % 5 === 0 ? { 建成日期: day('2025-09-30') } : {}),
  };
}

export async function workbook(rows: ImportCells[], headers = HEADERS): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csvText(rows: ImportCells[], headers = HEADERS): string {
  const cell = (v: ImportCells[string]) => {
    const s =
      v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n'
  );
}
