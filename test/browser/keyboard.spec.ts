/**
 * The console without a mouse: a person signs in, moves through the main menu and exports a list with
 * the keyboard alone (Tab, arrow keys, Enter), as 等级保护 and accessibility reviews expect.
 */
import type { Page } from 'playwright-core';
import { PASSWORD } from '../api/api-harness';
import { axeCheck, screenshot, useBrowserSystem } from './browser-harness';

const system = useBrowserSystem();

/** What has the keyboard focus, as a person would name it: its label, else its text. */
const focused = (page: Page) =>
  page.evaluate<string>(
    `(() => { const e = document.activeElement; if (!e || e === document.body) return '';
      if (e.getAttribute('role') === 'menu') return '[menu]';
      const id = e.getAttribute('id'); const label = id && document.querySelector('label[for="' + id + '"]');
      return (e.getAttribute('aria-label') || (label && label.textContent) || e.textContent || '').trim(); })()`,
  );

/** Presses Tab until the focus is on what `matches` names; fails if it is never reached. */
async function tabTo(page: Page, matches: RegExp, max = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const name = await focused(page);
    if (matches.test(name)) return;
    seen.push(name);
  }
  throw new Error(`Tab never reached ${matches}; focus went through: ${seen.join(' | ')}`);
}

it('signs in, moves through the menu and exports the overdue list with the keyboard alone', async () => {
  const { page } = await system.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('用户名').waitFor();
  await tabTo(page, /^用户名$/);
  await page.keyboard.type('operator');
  await tabTo(page, /^密码$/);
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /退出登录/ }).waitFor();

  // The main menu takes the focus once and moves between its items with the arrow keys.
  await tabTo(page, /^\[menu\]$/);
  for (let i = 0; i < 5 && !/^逾期事项$/.test(await focused(page)); i++)
    await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('逾期事项');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/overdue/);
  await page.getByRole('heading', { level: 1, name: '逾期事项' }).waitFor();

  await tabTo(page, /导出 ?CSV/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await screenshot(page, 'keyboard-overdue');
  await axeCheck(page);
});
