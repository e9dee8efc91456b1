import { Workbook } from 'exceljs';
import { POLICIES } from '../../../domain';
import { MAX_ROWS } from './import-file';
import {
  CATEGORIES,
  FACT_COLUMNS,
  FACT_LABEL,
  FACTS_LEFT_OUT,
  PROJECT_COLUMNS,
  regionOf,
} from './import-columns';

/** exceljs keeps range validations in this model; its type declarations only know the per-cell one. */
interface RangeValidations {
  add(range: string, validation: object): void;
}

const column = (n: number) => {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

/**
 * The workbook a department fills in: sheet 项目 with the headers and a drop-down or date check on every
 * column that has one, 说明 explaining each column, and the lists themselves on a hidden sheet (a list
 * written into the validation itself is limited to 255 characters and breaks on commas in a name).
 */
export async function buildTemplate(departments: { id: string; name: string }[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '期限监管';
  const ws = wb.addWorksheet('项目', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...PROJECT_COLUMNS.map((c) => c.header), ...FACT_COLUMNS.map((c) => c.header)];
  ws.columns = headers.map((h) => ({ header: h, key: h, width: Math.max(12, h.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };

  const lists = wb.addWorksheet('列表', { state: 'hidden' });
  lists.getColumn(1).values = ['适用办法', ...POLICIES.map((p) => p.name)];
  lists.getColumn(2).values = ['部门', ...departments.map((d) => d.name)];
  lists.getColumn(3).values = ['类别', ...Object.keys(CATEGORIES)];
  const listRange = (col: string, n: number) => `'列表'!$${col}$2:$${col}$${Math.max(2, n + 1)}`;

  const validations = (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
  const last = MAX_ROWS + 1;
  const at = (header: string) => column(headers.indexOf(header) + 1);
  const list = (header: string, formula: string, error: string) =>
    validations.add(`${at(header)}2:${at(header)}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: header,
      error,
    });
  list('适用办法', listRange('A', POLICIES.length), '请从列表中选择适用的办法');
  list('部门', listRange('B', departments.length), '请从列表中选择部门，或填写部门编号');
  list('类别', listRange('C', 2), '请选择 重点类 或 一般类');
  for (const header of ['计划验收日期', ...FACT_COLUMNS.map((c) => c.header)]) {
    validations.add(`${at(header)}2:${at(header)}${last}`, {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
      showErrorMessage: true,
      errorTitle: header,
      error: '请填写真实存在的日期（YYYY-MM-DD）',
    });
    ws.getColumn(header).numFmt = 'yyyy-mm-dd';
  }
  // 部门 also takes a code, which the list does not offer: a warning, not a stop.
  ws.getColumn('部门').width = 28;
  ws.getColumn('适用办法').width = 40;

  const notes = wb.addWorksheet('说明');
  notes.columns = [
    { header: '列', key: 'column', width: 22 },
    { header: '说明', key: 'note', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of PROJECT_COLUMNS)
    notes.addRow({ column: c.header, note: `${c.required ? '必填。' : ''}${c.note}` });
  notes.addRow({
    column: '适用办法可选',
    note: POLICIES.map((p) => `${regionOf(p)}：${p.name}`).join('；'),
  });
  for (const c of FACT_COLUMNS) {
    notes.addRow({
      column: c.header,
      note: `「${FACT_LABEL(c.type)}」发生的日期（YYYY-MM-DD），未发生则留空；会按办法逐条检查，不符合的会写明条款`,
    });
  }
  notes.addRow({});
  notes.addRow({
    column: '未列入的事实',
    note: '以下事实不能只用一个日期表达，请在导入后逐个项目登记（POST /projects/:id/events）：',
  });
  for (const f of FACTS_LEFT_OUT) notes.addRow({ column: FACT_LABEL(f.type), note: f.why });
  notes.addRow({});
  notes.addRow({
    column: '导入方式',
    note: `每次最多 ${MAX_ROWS} 行、5 MB；也可另存为 CSV（UTF-8 或 GB18030）。先试导入（dryRun）查看逐行问题，再正式导入；同一文件重复导入不会重复登记，也不会重复通知。`,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
