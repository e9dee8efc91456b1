/** The administration pages in a real browser against the real stack, each screenshotted and axe-checked. */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { CalendarYearEntity } from '../../db/entities';
import { addDays, shanghaiDateOf, yearOf } from '../../domain';
import { csvText, generatedProject } from '../api/import-workbooks';
import { axeCheck, screenshot, signIn, useBrowserSystem } from './browser-harness';

const system = useBrowserSystem();
const tag = randomBytes(3).toString('hex');
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
let page: Page;

async function register(body: Record<string, unknown>): Promise<string> {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('dept-a'))
    .send(body)
    .expect(201);
  return res.body.id as string;
}

const statusOf = async (id: string) =>
  (
    await system
      .http()
      .get(`/api/v1/projects/${id}`)
      .set(await as('admin'))
      .expect(200)
  ).body.status as string;

beforeAll(async () => {
  page = (await system.newPage()).page;
  await signIn(page, 'admin');
});

it('creates a department and an account, showing its one-time password once', async () => {
  await page.goto('/admin/departments');
  await page.getByRole('heading', { name: '部门管理' }).waitFor();
  await page.getByRole('button', { name: '新建部门' }).click();
  await page.getByLabel('部门编号').fill(`dept-ui${tag}`);
  await page.getByLabel('部门名称').fill(`浏览器测试局${tag}`);
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await page.getByText(`已创建部门「浏览器测试局${tag}」`).waitFor();
  // Other files' departments share the database: the new one is found by searching, as a person would.
  await page.getByLabel('搜索部门（编号或名称）').fill(`浏览器测试局${tag}`);
  await page.getByRole('cell', { name: `dept-ui${tag}`, exact: true }).waitFor();
  expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
  await screenshot(page, 'admin-departments');
  await axeCheck(page);

  await page.goto('/admin/users');
  await page.getByRole('heading', { name: '用户管理' }).waitFor();
  await page.getByRole('button', { name: '新建用户' }).click();
  await page.getByLabel('用户名').fill(`ui.${tag}`);
  await page.getByLabel('姓名').fill('界面测试员');
  await page.getByLabel('所属部门').fill(`dept-ui${tag}`);
  await page.locator('.ant-select-item-option', { hasText: `dept-ui${tag}` }).click();
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  const secret = page.getByTestId('one-time-password');
  await secret.waitFor();
  expect((await secret.innerText()).trim().length).toBeGreaterThanOrEqual(12);
  await screenshot(page, 'admin-one-time-password');
  await axeCheck(page);
  await page.getByRole('button', { name: '我已记下' }).click();
  await page.getByLabel('搜索账号（登录名、名字或部门）').fill(`dept-ui${tag}`);
  await page.getByRole('cell', { name: `ui.${tag}`, exact: true }).waitFor();
  const users = await system
    .http()
    .get('/api/v1/users')
    .set(await as('admin'))
    .expect(200);
  expect(users.body.items).toContainEqual(
    expect.objectContaining({
      username: `ui.${tag}`,
      departmentId: `dept-ui${tag}`,
      mustChangePassword: true,
    }),
  );
  await screenshot(page, 'admin-users');
});

it('pauses and resumes a project with a reason, and shows a refused termination in Chinese', async () => {
  const name = `管控测试项目${tag}`;
  const id = await register({ name, policy: 'shandong', planYear: 2027, investment: 1 });
  await page.goto('/admin/projects');
  await page.getByLabel('按项目名称或项目编号搜索').fill(name);
  await page.getByRole('button', { name: /^搜\s*索$/ }).click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await row.getByRole('button', { name: /^暂\s*停$/ }).click();
  await page.getByLabel('原因').fill('等待资金到位');
  await page.getByRole('button', { name: '确认暂停' }).click();
  await page.getByText(`已暂停「${name}」`).waitFor();
  expect(await statusOf(id)).toBe('paused');
  await screenshot(page, 'admin-projects-paused');
  await axeCheck(page);
  await row.getByRole('button', { name: /^恢\s*复$/ }).click();
  await page.getByLabel('原因').fill('资金已到位');
  await page.getByRole('button', { name: '确认恢复' }).click();
  await page.getByText(`已恢复「${name}」`).waitFor();
  expect(await statusOf(id)).toBe('active');

  const jinhu = `金湖终止测试${tag}`;
  const jinhuId = await register({
    name: jinhu,
    policy: 'jinhu',
    planYear: 2027,
    investment: 1,
    category: 'general',
  });
  await page.getByLabel('按项目名称或项目编号搜索').fill(jinhu);
  await page.getByRole('button', { name: /^搜\s*索$/ }).click();
  await page
    .getByRole('row', { name: new RegExp(jinhu) })
    .getByRole('button', { name: /^终\s*止$/ })
    .click();
  await page.getByLabel('原因').fill('项目合并');
  const soon = addDays(shanghaiDateOf(Date.now()), 3);
  await page.getByLabel('生效日期').fill(soon);
  await page.getByLabel('生效日期').press('Enter');
  await page.getByRole('button', { name: '确认终止' }).click();
  const refusal = page.getByTestId('control-refusal');
  await refusal.waitFor();
  const text = await refusal.innerText();
  expect(text).toContain('第三十八条');
  expect(text).toContain('提前 1 个月');
  expect(text).toMatch(/请把生效日期改为 \d{4}-\d{2}-\d{2} 或之后/);
  await screenshot(page, 'admin-projects-refused');
  await axeCheck(page);
  await page.getByRole('button', { name: /^取\s*消$/ }).click();
  expect(await statusOf(jinhuId)).toBe('active');
});

it('previews a holiday notice, then loads it', async () => {
  const name = `节假日预览项目${tag}`;
  const id = await register({ name, policy: 'wuhan', planYear: 2027, investment: 900_000 });
  const recorded = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(await as('dept-a'))
    .send({ type: 'operation.started', on: shanghaiDateOf(Date.now()) })
    .expect(200);
  const selfEvaluation = recorded.body.obligations.find((o: { key: string }) => o.key === 'self-evaluation');
  const year = yearOf(selfEvaluation.dueOn);
  const notice = { year, days: [{ name: '国庆节', date: selfEvaluation.dueOn, isOffDay: true }] };
  try {
    await page.goto('/admin/holidays');
    await page.getByRole('heading', { name: '节假日安排' }).waitFor();
    await page.getByLabel('节假日安排 JSON').fill(JSON.stringify(notice, null, 2));
    await page.getByRole('button', { name: '预览变动' }).click();
    await page.getByRole('heading', { name: `预览：${year} 年` }).waitFor();
    await page.getByRole('cell', { name }).waitFor();
    await page.getByText(selfEvaluation.title).first().waitFor();
    expect(await system.dataSource.getRepository(CalendarYearEntity).countBy({ year })).toBe(0);
    await screenshot(page, 'admin-holidays-preview');
    await axeCheck(page);
    await page.getByRole('button', { name: '确认载入' }).click();
    await page.getByText(`已载入 ${year} 年节假日安排`).waitFor();
    expect(await system.dataSource.getRepository(CalendarYearEntity).countBy({ year })).toBe(1);
    await screenshot(page, 'admin-holidays-loaded');
  } finally {
    await system.dataSource.getRepository(CalendarYearEntity).delete({ year });
  }
});

it('checks an import and shows its problems by row and column', async () => {
  const good = generatedProject(`ui${tag}`, 1);
  const bad = { ...generatedProject(`ui${tag}`, 2), 合同签订日期: '2025-02-30' };
  const unknown = { ...generatedProject(`ui${tag}`, 4), 部门: '不存在的部门' };
  await page.goto('/admin/imports');
  await page.getByRole('heading', { name: '导入项目' }).waitFor();
  await page.locator('input[type=file]').setInputFiles({
    name: 'projects.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csvText([good, bad, unknown]), 'utf8'),
  });
  await page.getByRole('button', { name: '检查（不导入）' }).click();
  await page.getByText('检查完成（尚未导入）').waitFor();
  const problems = page.locator('table', { has: page.getByText('问题清单（按行、列）') });
  await problems.getByRole('cell', { name: '合同签订日期', exact: true }).waitFor();
  await problems.getByRole('cell', { name: '部门', exact: true }).waitFor();
  expect(await problems.innerText()).toContain('2025-02-30');
  await screenshot(page, 'admin-imports');
  await axeCheck(page);
});

it('shows dead letters, incidents and channels', async () => {
  await page.goto('/admin/deliveries');
  await page.getByRole('heading', { name: '投递失败的通知' }).waitFor();
  await page.getByRole('heading', { name: '流程故障' }).waitFor();
  await screenshot(page, 'admin-deliveries');
  await axeCheck(page);
  await page.goto('/admin/channels');
  await page.getByRole('heading', { name: 'Webhook 内网白名单' }).waitFor();
  await screenshot(page, 'admin-channels');
  await axeCheck(page);
});
