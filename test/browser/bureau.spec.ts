/** An operator's round in the console: dashboard, overdue list with filter and exports, inbox. */
import { readFileSync } from 'node:fs';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { axeCheck, screenshot, signIn, useBrowserSystem } from './browser-harness';

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
