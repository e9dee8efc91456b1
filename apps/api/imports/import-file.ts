import { Workbook, type CellValue } from 'exceljs';
import * as iconv from 'iconv-lite';
import { localized } from '../common/localized.exception';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 2000;

/** A cell as the rows are read: text, a number, or a date Excel stored as one. */
export type Cell = string | number | Date | null;

export interface SheetRow {
  /** The row number a person sees: in Excel's numbering, or the CSV line, the header being 1. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** Reads an .xlsx (a zip, whatever its name) or a CSV in UTF-8 or GB18030. */
export async function readSheet(buffer: Buffer): Promise<Sheet> {
  if (buffer.length > MAX_FILE_BYTES)
    throw localized(
      413,
      '文件大小超过 5 MB，请拆分后分批导入',
      'the file is larger than 5 MB; split it and import in parts',
    );
  const sheet = isZip(buffer) ? await readXlsx(buffer) : readCsv(decodeText(buffer));
  if (sheet.rows.length > MAX_ROWS) {
    throw localized(
      413,
      `文件共有 ${sheet.rows.length} 行项目，超过每次 ${MAX_ROWS} 行的上限，请拆分后分批导入`,
      `the file has ${sheet.rows.length} project rows, more than the ${MAX_ROWS} an import takes; split it and import in parts`,
    );
  }
  return sheet;
}

function isZip(buffer: Buffer): boolean {
  return buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

/**
 * Valid UTF-8 is taken as UTF-8 (a byte-order mark dropped); anything else is what Excel on a Chinese
 * Windows writes, GB18030 (a superset of GBK and GB2312). GB18030 bytes are almost never valid UTF-8.
 */
export function decodeText(buffer: Buffer): string {
  if (buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw localized(
      415,
      '「file」不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
      'file: old .xls workbooks are not read; save it as .xlsx or CSV in Excel and import that',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw localized(
      400,
      '「file」无法读取这个 .xlsx 文件，请确认它是用 Excel 或 WPS 保存的工作簿',
      'file: this .xlsx cannot be read; save it again in Excel or WPS',
    );
  }
  const ws = workbook.getWorksheet('项目') ?? workbook.worksheets[0];
  if (!ws)
    throw localized(
      400,
      '「file」工作簿中没有工作表，请使用导入模板',
      'file: the workbook has no sheet; use the import template',
    );
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = textOf(plain(cell.value));
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = headers.map((_, i) => plain(row.getCell(i + 1).value));
    if (cells.some((c) => c !== null && c !== '')) rows.push({ row: number, cells });
  });
  return { headers, rows };
}

/** Formulas give their result, rich text its text, hyperlinks their text. */
function plain(value: CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return plain((value.result ?? null) as CellValue);
    if ('text' in value) return plain(value.text as CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

const textOf = (cell: Cell) =>
  cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell);

/** RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; the header row first. */
function readCsv(text: string): Sheet {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const [header, ...rest] = records;
  const headers = header?.fields ?? [];
  const rows = rest
    .map((r) => ({ row: r.line, cells: headers.map((_, i) => unneutralised(r.fields[i] ?? '')) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers, rows };
}

/** Our own exports prefix a cell that would start a formula with ' (csv.ts); reading one back undoes it. */
function unneutralised(text: string): Cell {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out;
}
