/**
 * A department's day in the console: register a project through the form, open its page, record facts
 * (one the regulation refuses, answered in place), read the timeline and its explanations, ask for a
 * correction and copy the calendar feed's link. Every page is screenshot and checked with axe.
 */
import type { Locator, Page } from 'playwright-core';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { axeCheck, choose, screenshot, signIn, useBrowserSystem } from './browser-harness';

const system = useBrowserSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
// Signed the working day before the last National Day that is well past: its 5-working-day filing
// skips the holiday by name, and the fact is entered long after it happened (补录).
const year = Number(today.slice(0, 4)) - (today >= `${today.slice(0, 4)}-10-20` ? 0 : 1);
const signedOn = cal.subtractWorkingDays(`${year}-10-01`, 1);
const name = `浏览器登记测试项目-${Date.now().toString(36)}`;

async function pickDate(page: Page, label: string, date: string, within?: Locator): Promise<void> {
  const input = (within ?? page).getByLabel(label, { exact: true });
  // Typed and confirmed as a person does; on a loaded machine the picker may drop the first keystrokes,
  // so the value is read back (and typed again) before the form is sent.
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    if ((await input.inputValue()) === date) break;
  }
  expect(await input.inputValue()).toBe(date);
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
}

async function detail(id: string) {
  const token = await system.token('dept-a');
  const res = await system.http().get(`/api/v1/projects/${id}`).set('Authorization', `Bearer ${token}`);
  return res.body as {
    facts: { type: string; on: string; history: { corrections: { status: string }[] } }[];
  };
}

it('registers, records (a refusal in place), explains, asks a correction and copies the feed link', async () => {
  const { context, page } = await system.newPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.baseUrl });
  await signIn(page, 'dept-a');
  // The header names the department as its people know it, not by its code.
  await expectVisible(page.locator('header').getByText(/部门联络员·市数据局政务服务处/));

  // The list: filters, search, export.
  await page.goto('/projects');
  await page.getByRole('heading', { level: 1, name: '项目' }).waitFor();
  await expectVisible(page.getByLabel('按适用办法筛选'));
  await screenshot(page, 'department-projects-list');
  await axeCheck(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('projects.csv');

  // Registration: a regulation out of force needs the confirmation; one in force does not.
  await page.getByRole('button', { name: '登记项目' }).click();
  await page.getByRole('heading', { level: 1, name: '登记项目' }).waitFor();
  await page.getByLabel('项目名称').fill(name);
  await choose(page, '适用办法', '云浮');
  await expectVisible(page.getByText('我确认按不在施行期内的办法登记该项目'));
  await choose(page, '适用办法', '山东');
  expect(await page.getByText('我确认按不在施行期内的办法登记该项目').count()).toBe(0);
  await page.getByLabel('总投资（元）').fill('2400000');
  await screenshot(page, 'department-register');
  await axeCheck(page);
  await page.getByRole('button', { name: /^登\s*记$/ }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop() as string;
  await page.getByRole('heading', { level: 1, name }).waitFor();

  // A fact accepted (entered late: 补录), then one the regulation refuses.
  await choose(page, '事项', '签订合同');
  await pickDate(page, '发生日期', signedOn);
  await page.getByRole('button', { name: '登记事实' }).click();
  await expectVisible(page.getByText(`已登记“签订合同”（${signedOn}）`));
  await expectVisible(page.getByRole('cell', { name: '签订合同' }));
  await expectVisible(page.getByText(/补录：晚 \d+ 天登记/));

  await choose(page, '事项', '提交竣工验收申请');
  await pickDate(page, '发生日期', today);
  await page.getByRole('button', { name: '登记事实' }).click();
  const refusal = page.getByTestId('fact-refusal');
  await expectVisible(refusal);
  const refusalText = await refusal.innerText();
  expect(refusalText).toContain('请先登记“完成建设任务”');
  expect(refusalText).toContain('《山东省政务信息系统项目管理办法》第二十三条');
  expect(refusalText).not.toContain('Shandong');
  expect((await detail(id)).facts.map((f) => f.type)).toEqual(['contract.signed']);

  // The timeline and the explanation of the filing's due date: holiday skipped by name, article cited.
  const filing = page.getByRole('button', { name: /合同备案/ }).first();
  await filing.click();
  const explanation = page.locator('.dk-explanation').first();
  await expectVisible(explanation);
  const why = await explanation.innerText();
  expect(why).toContain(`自 ${signedOn}（签订合同）次日起算第 5 个工作日`);
  expect(why).toContain('国庆节');
  expect(why).toContain('《山东省政务信息系统项目管理办法》第十三条');
  expect(why).not.toContain('Shandong');
  await screenshot(page, 'department-project');
  await axeCheck(page);

  // A correction of the contract's date, asked through the dialog.
  await page.getByRole('button', { name: '申请更正第 1 条事实：签订合同' }).click();
  const dialog = page.getByRole('dialog');
  await expectVisible(dialog);
  // Sent empty, each field says what it needs; once filled, its message goes (none left behind).
  await dialog.getByRole('button', { name: '提交更正申请' }).click();
  await expectVisible(dialog.getByText('请选择正确的日期'));
  await expectVisible(dialog.getByText('更正须说明原因'));
  // A date after today is refused by the API, shown in the dialog, and dropped once the date changes.
  await pickDate(page, '正确的日期', cal.addWorkingDays(today, 3), dialog);
  await dialog.getByLabel('更正原因').fill('合同签订日期录入错误');
  await dialog.getByRole('button', { name: '提交更正申请' }).click();
  await expectVisible(dialog.getByRole('alert').filter({ hasText: '未能提交更正申请' }));
  // Typed and left with Tab: Enter in a field would submit the dialog at once.
  const date = dialog.getByLabel('正确的日期', { exact: true });
  await date.click();
  await date.fill(cal.subtractWorkingDays(signedOn, 1));
  await date.press('Tab');
  await dialog.getByRole('alert').filter({ hasText: '未能提交更正申请' }).waitFor({ state: 'detached' });
  await expectVisible(dialog);
  expect(await date.inputValue()).toBe(cal.subtractWorkingDays(signedOn, 1));
  expect(await dialog.getByText('请选择正确的日期').count()).toBe(0);
  expect(await dialog.getByText('更正须说明原因').count()).toBe(0);
  await screenshot(page, 'department-correction');
  await axeCheck(page);
  await dialog.getByRole('button', { name: '提交更正申请' }).click();
  await expectVisible(page.getByText('已提交“签订合同”的更正申请，等待局方审批'));
  await expectVisible(page.getByText('更正待审批'));
  expect((await detail(id)).facts[0]?.history.corrections).toEqual([
    expect.objectContaining({ status: 'pending' }),
  ]);

  // The audit trail names what happened in Chinese, the refusal included.
  const trail = page.locator('.ant-card', { hasText: '审计记录' });
  await expectVisible(trail.getByText('申请更正事实'));
  await expectVisible(trail.getByText('登记事实被拒绝'));
  await expectVisible(trail.getByText('登记“签订合同”'));

  // The department's calendar feed: the link is copied, and it serves the project's due dates.
  await page.getByRole('button', { name: '生成并复制订阅链接' }).click();
  await expectVisible(page.getByText('订阅链接已复制到剪贴板'));
  // Runs in the page, where the clipboard is; the test's Node types know no navigator.
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(await page.getByTestId('feed-link').inputValue());
  expect(copied).toMatch(/\/api\/v1\/feeds\/[\w-]+\/calendar\.ics$/);
  const feed = await system.http().get(new URL(copied).pathname).expect(200);
  expect(feed.text).toContain(name);
  await screenshot(page, 'department-project-after');
  await axeCheck(page);
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch (error) {
    // What the page showed instead is the first thing to look at when this fails.
    await screenshot(locator.page(), `department-failure-${Date.now()}`);
    throw error;
  }
}
