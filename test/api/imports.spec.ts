/**
 * Bringing in projects already under way: a 300-project workbook checked row by row in Chinese,
 * committed with every history at once, a re-upload changing nothing, one summary notice per department
 * instead of a notice per overdue obligation; CSV in GB18030 and in UTF-8 with a BOM; the template.
 */
import { Workbook } from 'exceljs';
import * as iconv from 'iconv-lite';
import { randomBytes } from 'node:crypto';
import { In, MoreThanOrEqual } from 'typeorm';
import { NotificationEntity, ProjectEntity } from '../../db/entities';
import { binary, useSystem } from './api-harness';
import { csvText, day, generatedProject, type ImportCells, workbook } from './import-workbooks';

const system = useSystem();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const upload = async (who: string, file: Buffer, dryRun: boolean, name = 'projects.xlsx') =>
  system
    .http()
    .post(`/api/v1/imports${dryRun ? '?dryRun=true' : ''}`)
    .set(await as(who))
    .attach('file', file, name);

const prefix = `IMP${randomBytes(3).toString('hex')}`;
const projects: ImportCells[] = Array.from({ length: 300 }, (_, i) => generatedProject(prefix, i));
// Row n of the sheet is project n - 2 (row 1 holds the headers).
Object.assign(projects[3]!, { 合同签订日期: '2026-02-30' }); // row 5: no such day
Object.assign(projects[9]!, { 部门: '不存在的部门' }); // row 11
Object.assign(projects[15]!, {
  // row 17: Shandong wants the self-evaluation 12 to 24 months after operation started
  适用办法: '山东省',
  投入运行日期: day('2025-10-01'),
  自评价报告提交日期: day('2025-11-01'),
});
// row 22 repeats row 20's code (the same department: codes are unique within one)
Object.assign(projects[20]!, { 项目编号: projects[18]!.项目编号 });
const codes = projects.map((p) => String(p.项目编号));

const counts = async () => ({
  projects: await system.dataSource.getRepository(ProjectEntity).countBy({ code: In(codes) }),
  notices: await system.dataSource.getRepository(NotificationEntity).count(),
});

describe('a 300-project workbook', () => {
  let file: Buffer;
  beforeAll(async () => {
    file = await workbook(projects);
  });

  it('is checked row by row without registering anything', async () => {
    const res = await upload('admin', file, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 300, created: 296, unchanged: 0, refused: 4 });
    const at = (row: number) => res.body.problems.filter((p: { row: number }) => p.row === row);
    expect(at(5)).toEqual([
      { row: 5, column: '合同签订日期', problem: expect.stringContaining('2026-02-30') },
    ]);
    expect(at(5)[0].problem).toContain('不是有效的日期');
    expect(at(11)).toEqual([{ row: 11, column: '部门', problem: expect.stringContaining('不存在的部门') }]);
    expect(at(17)).toEqual([
      {
        row: 17,
        column: '自评价报告提交日期',
        problem: expect.stringMatching(/^2025-11-01 的「提交自评价报告」不被办法接受.*第二十四条/),
      },
    ]);
    expect(at(22)).toEqual([
      { row: 22, column: '项目编号', problem: `项目编号「${codes[20]}」与第 20 行重复` },
    ]);
    expect(res.body.problems).toHaveLength(4);
    expect((await counts()).projects).toBe(0);
  });

  it('registers every accepted row with its history, and a re-upload changes nothing', async () => {
    const before = await counts();
    // Other files' imports left their summaries in the shared database; only this upload's count.
    const started = new Date();
    const res = await upload('admin', file, false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 300, created: 296, unchanged: 0, refused: 4 });
    expect(res.body.problems).toHaveLength(4);
    const stored = await system.dataSource.getRepository(ProjectEntity).findBy({ code: In(codes) });
    expect(stored).toHaveLength(296);
    expect(stored.every((p) => p.status === 'active')).toBe(true);
    const byCode = new Map(stored.map((p) => [p.code, p]));
    expect(byCode.get(codes[1]!)?.departmentId).toBe('dept-b'); // named by its Chinese name
    expect(byCode.get(codes[3]!)).toBeUndefined();

    // One summary per department with overdue items, to the department and the bureau; no notice per item.
    const ids = stored.map((p) => p.id);
    const notices = await system.dataSource.getRepository(NotificationEntity).find({
      where: [{ kind: 'import-summary', writtenAt: MoreThanOrEqual(started) }, { projectId: In(ids) }],
    });
    expect(notices.map((n) => [n.kind, n.departmentId]).sort()).toEqual([
      ['import-summary', 'dept-a'],
      ['import-summary', 'dept-b'],
    ]);
    expect(res.body.notices).toBe(2);
    const a = notices.find((n) => n.departmentId === 'dept-a')!;
    expect(a.audience).toBe('department-and-bureau');
    expect((a.payload as { message: string }).message).toMatch(
      /^【导入汇总】本次导入为本部门登记了 \d+ 个项目/,
    );
    const overdueA = stored.filter((p) => p.departmentId === 'dept-a' && p.overdueCount > 0).length;
    expect((a.payload as { projects: unknown[] }).projects).toHaveLength(overdueA);
    const inbox = await system
      .http()
      .get('/api/v1/inbox')
      .set(await as('dept-a'));
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'import-summary')).toHaveLength(1);

    const after = await counts();
    expect(after.projects - before.projects).toBe(296);
    const again = await upload('operator', file, false);
    expect(again.body).toMatchObject({ created: 0, unchanged: 296, refused: 4, notices: 0 });
    expect(await counts()).toEqual(after);
    const dry = await upload('admin', file, true);
    expect(dry.body).toMatchObject({ created: 0, unchanged: 296, refused: 4 });
  });

  it('finds imported projects by 项目编号 and exports the filtered list', async () => {
    const list = await system
      .http()
      .get(`/api/v1/projects?q=${codes[2]}`)
      .set(await as('admin'));
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual([codes[2]]);

    const csv = await system
      .http()
      .get(`/api/v1/projects/export.csv?q=${prefix}&department=dept-a`)
      .set(await as('operator'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '项目编号,项目名称,部门,适用办法,计划年度,总投资 (元),状态,下一期限,逾期事项数,登记时间,系统编号',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(Number(csv.headers['x-total-count']));
    expect(rows.length).toBe(projects.filter((p, i) => i % 2 === 0 && ![3, 20].includes(i)).length);
    expect(rows.every((r) => r[2] === '市数据局政务服务处' && r[0]!.startsWith(prefix))).toBe(true);
    expect(new Set(rows.map((r) => r[3]))).toContain('山东省政务信息系统项目管理办法');

    const xlsx = await system
      .http()
      .get(`/api/v1/projects/export.xlsx?q=${prefix}&department=dept-b`)
      .set(await as('dept-b'))
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('项目')!;
    expect(ws.getRow(1).getCell(3).value).toBe('部门');
    const names = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 1) names.add(String(row.getCell(3).value));
    });
    expect([...names]).toEqual(['市自然资源和规划局信息中心']);
    expect(ws.rowCount - 1).toBe(Number(xlsx.headers['x-total-count']));
    // dept-b asking for dept-a's list gets the one answer for a department it may not name.
    const other = await system
      .http()
      .get('/api/v1/projects/export.csv?department=dept-a')
      .set(await as('dept-b'));
    expect(other.status).toBe(404);
  });
});

describe('CSV and department staff', () => {
  const row = (i: number, extra: ImportCells = {}) => ({
    ...generatedProject(`${prefix}C`, i),
    部门: null,
    项目名称: `数字政府一体化平台（第${i}期）`,
    ...extra,
  });

  it('reads GB18030 and UTF-8 with a byte-order mark alike', async () => {
    const gb = iconv.encode(csvText([row(1), row(2)]), 'gb18030');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText([row(3)]), 'utf8')]);
    const first = await upload('dept-a', gb, false, 'gbk.csv');
    expect(first.body).toMatchObject({ created: 2, refused: 0, problems: [] });
    const second = await upload('dept-a', utf8, false, 'utf8.csv');
    expect(second.body).toMatchObject({ created: 1, refused: 0, problems: [] });
    const names = (
      await system.dataSource
        .getRepository(ProjectEntity)
        .findBy({ code: In([1, 2, 3].map((i) => `${prefix}C-000${i}`)) })
    ).map((p) => [p.name, p.departmentId]);
    expect(names.sort()).toEqual([1, 2, 3].map((i) => [`数字政府一体化平台（第${i}期）`, 'dept-a']));
  });

  it("refuses another department's project and a bureau fact, naming row and column", async () => {
    const file = csvText([
      row(4, { 部门: 'dept-b' }),
      row(5, {
        验收申请日期: day('2025-12-01'),
        建成日期: day('2025-09-30'),
        验收通过日期: day('2025-12-20'),
      }),
    ]);
    const res = await upload('dept-a', Buffer.from(file), true, 'x.csv');
    expect(res.body.problems).toEqual([
      { row: 2, column: '部门', problem: expect.stringContaining('不在您的权限范围内') },
      { row: 3, column: '验收通过日期', problem: expect.stringContaining('「竣工验收通过」') },
    ]);
  });

  it('says in Chinese when the file is too large', async () => {
    const res = await upload('dept-a', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), true, 'big.csv');
    expect(res.status).toBe(413);
    expect(res.body.detail).toContain('文件大小超过 5 MB');
  });
});

it('hands out a template with its lists, date checks and notes', async () => {
  const res = await system
    .http()
    .get('/api/v1/imports/template.xlsx')
    .set(await as('dept-a'))
    .buffer(true)
    .parse(binary);
  expect(res.status).toBe(200);
  const wb = new Workbook();
  await wb.xlsx.load(res.body);
  const ws = wb.getWorksheet('项目')!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  expect(headers.slice(0, 9)).toEqual([
    '项目编号',
    '项目名称',
    '部门',
    '适用办法',
    '计划年度',
    '总投资 (元)',
    '软件开发费 (元)',
    '类别',
    '计划验收日期',
  ]);
  expect(headers).toEqual(
    expect.arrayContaining([
      '合同签订日期',
      '合同备案日期',
      '建成日期',
      '验收申请日期',
      '验收通过日期',
      '投入运行日期',
    ]),
  );
  const validations = Object.values(
    (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } })
      .dataValidations.model,
  );
  const lists = validations.filter((v) => v.type === 'list').map((v) => String(v.formulae[0]));
  expect(lists).toEqual(
    expect.arrayContaining([
      expect.stringContaining("'列表'!$A$2"),
      expect.stringContaining("'列表'!$B$2"),
      expect.stringContaining("'列表'!$C$2"),
    ]),
  );
  expect(validations.filter((v) => v.type === 'date').length).toBeGreaterThanOrEqual(13);
  const listSheet = wb.getWorksheet('列表')!;
  expect(listSheet.getColumn(1).values).toContain('山东省政务信息系统项目管理办法');
  // A department's template lists only itself.
  expect((listSheet.getColumn(2).values as unknown[]).filter(Boolean)).toEqual([
    '部门',
    '市数据局政务服务处',
  ]);
  const notes = wb.getWorksheet('说明')!;
  const noteText = JSON.stringify(notes.getSheetValues());
  expect(noteText).toContain('合同签订日期');
  expect(noteText).toContain('提交年度报告');
});
