/**
 * The README's walkthrough for a new administrator, run exactly as it is written there: its shell block
 * is read from README.md and run with bash against the API listening on a port, with the workbook the
 * administrator would have filled in. If a step in the README is wrong, this fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { UserEntity, DepartmentEntity, ProjectEntity } from '../../db/entities';
import { useSystem } from './api-harness';
import { run } from './child-process';
import { generatedProject, HEADERS, workbook } from './import-workbooks';

const system = useSystem();
const ROOT = join(__dirname, '..', '..');
// Inside the checkout (npm finds the project from there) and ignored by git.
const dir = join(ROOT, '.data', `walkthrough-${randomBytes(3).toString('hex')}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shell block between the README's walkthrough markers. */
function walkthrough(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no walkthrough block');
  return block[1] as string;
}

function bash(script: string, env: NodeJS.ProcessEnv) {
  return run('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env });
}

it("follows the README's steps: first administrator, sign-in, a department, an account, the template, a dry run and an import, the list", async () => {
  const server = system.app.getHttpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(dir, { recursive: true });
  // What the administrator typed into the template: five projects of the new department, one by its name.
  const rows = Array.from({ length: 5 }, (_, i) => ({
    ...generatedProject('NR', i),
    部门: i === 1 ? '市自然资源和规划局' : 'dept-nr',
  }));
  Object.assign(rows[3]!, { 合同签订日期: '2025-04-31' }); // sheet row 5: no such day
  writeFileSync(join(dir, 'projects.xlsx'), await workbook(rows));

  const run = await bash(walkthrough(), {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: process.env.DATABASE_URL,
    API: api,
    WORKBOOK: 'projects.xlsx',
  });
  expect({ code: run.code, stderr: run.stderr, stdout: run.code ? run.stdout : '' }).toEqual({
    code: 0,
    stderr: '',
    stdout: '',
  });
  const out = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(out[0]).toEqual({ code: 'dept-nr', name: '市自然资源和规划局' });
  expect(out[1]).toMatchObject({ username: 'zhang.san', role: 'department', departmentId: 'dept-nr' });
  expect(out[1]!.oneTimePassword).toEqual(expect.any(String));
  expect(out[2]).toEqual({
    dryRun: true,
    rows: 5,
    created: 4,
    refused: 1,
    problems: [{ row: 5, column: '合同签订日期', problem: expect.stringContaining('2025-04-31') }],
  });
  expect(out[3]).toEqual({ dryRun: false, rows: 5, created: 4, refused: 1 });
  const listed = out.slice(4);
  expect(listed.map((p) => p.code).sort()).toEqual(['NR-0000', 'NR-0001', 'NR-0002', 'NR-0004']);

  // What the steps left behind: the administrator with a password of their own, the department, the
  // account that must change its one-time password, the template and the projects.
  const chen = await system.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'chen.admin' });
  expect(chen).toMatchObject({ role: 'admin', mustChangePassword: false });
  await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username: 'chen.admin', password: 'Chen-Admin-2026!' })
    .expect(200);
  const zhang = await system.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'zhang.san' });
  expect(zhang).toMatchObject({ departmentId: 'dept-nr', mustChangePassword: true });
  expect(await system.dataSource.getRepository(DepartmentEntity).findOneBy({ id: 'dept-nr' })).toMatchObject({
    name: '市自然资源和规划局',
  });
  const template = new Workbook();
  await template.xlsx.readFile(join(dir, '项目导入模板.xlsx'));
  const headers = (template.getWorksheet('项目')?.getRow(1).values as unknown[]).slice(1);
  expect(headers).toEqual(HEADERS);
  const projects = await system.dataSource.getRepository(ProjectEntity).findBy({ departmentId: 'dept-nr' });
  expect(projects.map((p) => p.code).sort()).toEqual(['NR-0000', 'NR-0001', 'NR-0002', 'NR-0004']);
}, 120_000);
