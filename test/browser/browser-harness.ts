/**
 * Browser tests: the real stack (api-harness's useSystem) with the API listening on a port and
 * serving the console's build, and Debian's chromium (headless, 1366×768) driven by playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ApiConfig } from '../../apps/api/config/api-config';
import { PASSWORD, useSystem, type System } from '../api/api-harness';

const ROOT = join(__dirname, '..', '..');
const WEB_SRC = join(ROOT, 'apps', 'web');
const WEB_DIST = join(ROOT, 'dist', 'web');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const VIEWPORT = { width: 1366, height: 768 };

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the console unless dist/web is newer than every source file (npm test builds it first). */
export function ensureWebBuild(): void {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(WEB_SRC)) return;
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
}

export function ensureChromium(): string {
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface BrowserSystem extends System {
  /** http://127.0.0.1:<port> where the API and the console answer. */
  baseUrl: string;
  browser: Browser;
  /** A fresh context (own sessionStorage, downloads accepted) and page at 1366×768. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
}

export function useBrowserSystem(config: Partial<ApiConfig> = {}): BrowserSystem {
  const system = useSystem(config) as BrowserSystem;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    ensureWebBuild();
    const executablePath = ensureChromium();
    const server = system.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    system.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    system.browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'],
    });
    system.newPage = async () => {
      const context = await system.browser.newContext({
        viewport: VIEWPORT,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
        baseURL: system.baseUrl,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      return { context, page };
    };
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await system.browser?.close();
  });
  return system;
}

/** Signs in through the sign-in page, as a person would, and waits for the console. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退出登录/ }).waitFor();
}

/** Picks an option of an Ant Design Select by its label (its listbox is rendered apart from the field). */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  // A long list (hundreds of departments) renders only what is in view: typing narrows it, as a person
  // would; a select without search ignores the keys.
  await page.keyboard.type(option);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

/** Saves a full-page screenshot to test-artifacts/screenshots/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; fails on any serious or critical violation, naming each and where. */
export async function axeCheck(page: Page): Promise<void> {
  // What a person sees at rest: a button the test just clicked is still hovered (Ant Design's hover
  // blue on white is below 4.5:1 while it fades), so the pointer moves off and transitions finish first.
  await page.mouse.move(0, 0);
  // Only finite ones: a spinner runs forever.
  await page.evaluate(
    `Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined)))`,
  );
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // A string, not a function: the test's tsconfig has no DOM types, and this runs in the page.
  const violations = (await page.evaluate(
    `window.axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(report).toEqual([]);
}
