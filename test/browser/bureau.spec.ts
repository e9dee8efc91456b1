/** An operator's round in the console: dashboard, overdue list with filter and exports, inbox. */
import { readFileSync } from 'node:fs';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { axeCheck, choose, screenshot, signIn, useBrowserSystem } from './browser-harness';

const system = useBrowserSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());

beforeAll(async () => {
  const auth = { Authorization: `Bearer ${await system.token('operator')}` };
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(auth)
    .send({
      departmentId: 'dept-b',
      name: '浏览器测试逾期项目',
      policy: 'shandong',
      planYear: 2027,
      investment: 2_400_000,
    })
    .expect(201);
  await system
    .http()
    .post(`/api/v1/projects/${res.body.id}/events`)
    .set(auth)
    .send({ type: 'contract.signed', on: cal.subtractWorkingDays(today, 8) })
    .expect(200);
  // Due within the yellow window: its filing is due 5 working days after today's signing.
  for (const [departmentId, name] of [
    ['dept-b', '浏览器测试临期项目'],
    ['dept-a', '浏览器测试他部门临期项目'],
  ] as const) {
    const soon = await system
      .http()
      .post('/api/v1/projects')
      .set(auth)
      .send({ departmentId, name, policy: 'shandong', planYear: 2027, investment: 2_400_000 })
      .expect(201);
    await system
      .http()
      .post(`/api/v1/projects/${soon.body.id}/events`)
      .set(auth)
      .send({ type: 'contract.signed', on: today })
      .expect(200);
  }
});

it('signs in, sees the department red, filters the overdue list, exports it and opens the inbox', async () => {
  const { page } = await system.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('用户名').waitFor();
  await screenshot(page, 'sign-in');
  await axeCheck(page);
  await signIn(page, 'operator');
  await page.getByRole('heading', { name: '监管总览' }).waitFor();
  const row = page.getByRole('row', { name: /市自然资源和规划局信息中心/ });
  await row.getByText(/项逾期/).waitFor();
  await screenshot(page, 'dashboard');
  await axeCheck(page);

  await row.getByRole('button', { name: /项逾期/ }).click();
  await page.getByRole('heading', { name: '逾期事项' }).waitFor();
  expect(page.url()).toContain('department=dept-b');
  await page.getByLabel('搜索项目名称').fill('浏览器测试');
  await page.getByLabel('搜索项目名称').press('Enter');
  await page.getByRole('link', { name: '浏览器测试逾期项目' }).waitFor();
  await screenshot(page, 'overdue');
  await axeCheck(page);

  for (const kind of ['xlsx', 'csv'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: kind === 'xlsx' ? /导出 Excel/ : /导出 CSV/ }).click(),
    ]);
    const path = await download.path();
    expect(download.suggestedFilename()).toMatch(new RegExp(`^overdue-.+\\.${kind}$`));
    const bytes = readFileSync(path);
    if (kind === 'csv')
      expect(bytes.toString('utf8')).toContain('市自然资源和规划局信息中心,浏览器测试逾期项目');
    else expect(bytes.subarray(0, 2).toString()).toBe('PK');
  }

  await page.getByRole('menuitem', { name: /消息/ }).click();
  await page.getByRole('heading', { name: '消息' }).waitFor();
  await screenshot(page, 'inbox');
  await axeCheck(page);
});

it('filters the due-soon list by department and regulation, searches it and exports what it shows', async () => {
  const { page } = await system.newPage();
  await signIn(page, 'operator');
  await page.getByRole('menuitem', { name: /即将到期/ }).click();
  await page.getByRole('heading', { name: '即将到期' }).waitFor();
  await page.getByRole('link', { name: '浏览器测试他部门临期项目' }).waitFor();

  await choose(page, '部门', '市自然资源和规划局信息中心');
  await page.waitForURL(/department=dept-b/);
  await choose(page, '办法', '山东省');
  await page.waitForURL(/regulation=shandong/);
  await page.getByLabel('搜索项目名称').fill('浏览器测试');
  await page.getByLabel('搜索项目名称').press('Enter');
  const row = page.getByRole('row', { name: /浏览器测试临期项目/ }).filter({ hasText: '合同备案' });
  await row.waitFor();
  await row.getByText(/还剩 \d+ 天/).waitFor();
  // 依据 as a person reads it, never the stored English short name.
  await row.getByText('《山东省政务信息系统项目管理办法》第十三条').waitFor();
  expect(await page.getByRole('link', { name: '浏览器测试他部门临期项目' }).count()).toBe(0);
  await page.mouse.move(0, 0);
  await screenshot(page, 'due-soon');
  await axeCheck(page);

  for (const kind of ['xlsx', 'csv'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: kind === 'xlsx' ? /导出 Excel/ : /导出 CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^due-soon-.+\\.${kind}$`));
    const bytes = readFileSync(await download.path());
    if (kind === 'xlsx') {
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      continue;
    }
    const lines = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('部门,项目,办法,事项,期限,剩余天数,依据,项目编号,部门编号');
    // The export holds what the filters show: this department's, none of the other's.
    expect(lines.some((l) => l.startsWith('市自然资源和规划局信息中心,浏览器测试临期项目,'))).toBe(true);
    expect(lines.some((l) => l.includes('浏览器测试他部门临期项目'))).toBe(false);
    expect(lines.find((l) => l.includes('浏览器测试临期项目,') && l.includes('合同备案'))).toContain(
      '《山东省政务信息系统项目管理办法》第十三条',
    );
  }
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByRole('link', { name: '浏览器测试他部门临期项目' }).waitFor();
});
