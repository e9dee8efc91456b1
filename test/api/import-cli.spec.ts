/**
 * `npm run import` as a person runs it from the shell: a child process signing in over HTTP to the API
 * listening on a port, a dry run reporting the problems by row and column in Chinese with its progress,
 * then --commit registering the accepted rows, and a second --commit changing nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { In } from 'typeorm';
import { AuditEntryEntity, FactEntity, NotificationEntity, ProjectEntity } from '../../db/entities';
import { PASSWORD, useSystem } from './api-harness';
import { run } from './child-process';
import { csvText, day, generatedProject, type ImportCells, workbook } from './import-workbooks';

const system = useSystem();
const ROOT = join(__dirname, '..', '..');
let api = '';
let dir = '';

beforeAll(async () => {
  const server = system.app.getHttpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'dk-import-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'apps/cli/import.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DK_USERNAME: 'operator', DK_PASSWORD: PASSWORD, DK_API: api, ...env },
  });
}

const prefix = `CLI${randomBytes(3).toString('hex')}`;
const rows: ImportCells[] = Array.from({ length: 24 }, (_, i) => generatedProject(prefix, i));
// Row n of the sheet is project n - 2 (row 1 holds the headers).
Object.assign(rows[2]!, { 合同签订日期: '2025-02-30' }); // row 4: no such day
Object.assign(rows[6]!, { 部门: '不存在的部门' }); // row 8
const codes = rows.map((r) => String(r.项目编号));
const stored = () => system.dataSource.getRepository(ProjectEntity).findBy({ code: In(codes) });

it('dry-runs a workbook with a Chinese report by row and column, commits it, and a second commit changes nothing', async () => {
  const file = join(dir, '在建项目.xlsx');
  writeFileSync(file, await workbook(rows));

  const dry = await importCli([file]);
  expect(dry.code).toBe(1); // some rows have problems
  // Not a terminal: the progress is one line per quarter of the upload, then the server's work.
  expect(dry.stderr).toMatch(/^上传 \d+%$/m);
  expect(dry.stderr).toContain('上传 100%');
  const lines = dry.stdout.split('\n');
  expect(lines[0]).toBe(
    '试导入（未登记任何项目；加 --commit 正式导入）：共 24 行，将新登记 22，未变 0，有问题 2',
  );
  expect(lines[2]).toMatch(/^行\s+列\s+问题$/);
  expect(lines[3]).toMatch(/^4\s+合同签订日期\s+「合同签订日期」不是有效的日期.*2025-02-30$/);
  expect(lines[4]).toMatch(/^8\s+部门\s+.*不存在的部门/);
  expect(lines.filter((l) => /^\d+\s/.test(l))).toHaveLength(2);
  expect(await stored()).toHaveLength(0);

  const commit = await importCli([file, '--commit']);
  expect(commit.code).toBe(1);
  expect(commit.stdout.split('\n')[0]).toMatch(
    /^导入完成：共 24 行，新登记 22，未变 0，有问题 2，汇总通知 [12] 条$/,
  );
  expect(commit.stdout).toMatch(/^4\s+合同签订日期/m);
  expect(commit.stdout).toMatch(/^8\s+部门/m);
  const projects = await stored();
  expect(projects).toHaveLength(22);
  expect(new Set(projects.map((p) => p.departmentId))).toEqual(new Set(['dept-a', 'dept-b']));
  expect(projects.map((p) => p.code)).not.toContain(codes[2]);
  expect(projects.map((p) => p.code)).not.toContain(codes[6]);
  const imported = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action: 'projects.imported' }, order: { id: 'DESC' } });
  expect(imported).toMatchObject({ actorRole: 'operator', details: { created: 22, refused: 2 } });

  const notices = () => system.dataSource.getRepository(NotificationEntity).count();
  const noticesBefore = await notices();
  const facts = () =>
    system.dataSource.getRepository(FactEntity).countBy({ projectId: In(projects.map((p) => p.id)) });
  const factsBefore = await facts();
  expect(factsBefore).toBeGreaterThanOrEqual(22);
  const again = await importCli([file, '--commit']);
  expect(again.code).toBe(1);
  expect(again.stdout.split('\n')[0]).toBe('导入完成：共 24 行，新登记 0，未变 22，有问题 2，汇总通知 0 条');
  expect((await stored()).map((p) => p.id).sort()).toEqual(projects.map((p) => p.id).sort());
  expect(await facts()).toBe(factsBefore);
  expect(await notices()).toBe(noticesBefore);

  // 补录: a row that gained its contract filing date since records it, and the CLI says where.
  Object.assign(rows[3]!, { 合同备案日期: day('2025-04-30') }); // sheet row 5
  writeFileSync(file, await workbook(rows));
  const more = await importCli([file, '--commit']);
  expect(more.stdout.split('\n')[0]).toBe(
    '导入完成：共 24 行，新登记 0，未变 21，有问题 2，补录 1 行，汇总通知 0 条',
  );
  expect(more.stdout).toContain('补录：第 5 行「合同备案日期」2025-04-30\n');
  expect(await facts()).toBe(factsBefore + 1);
}, 120_000);

it('exits 0 when every row is accepted, and 2 with the reason in Chinese when it cannot sign in or read the file', async () => {
  const file = join(dir, 'clean.csv');
  writeFileSync(file, csvText([generatedProject(`${prefix}OK`, 1)]));
  const ok = await importCli([file]);
  expect(ok).toMatchObject({ code: 0 });
  expect(ok.stdout).toBe(
    '试导入（未登记任何项目；加 --commit 正式导入）：共 1 行，将新登记 1，未变 0，有问题 0\n',
  );

  const wrong = await importCli([file], { DK_PASSWORD: 'not-the-password' });
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/^登录失败（401）：/);
  expect(wrong.stdout).toBe('');

  const missing = await importCli([join(dir, '没有这个文件.xlsx')]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('无法读取');
});
