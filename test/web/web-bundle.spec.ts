import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstPageAssets } from '../../bench/web-bundle';

/**
 * The sign-in page is what every person downloads first, often on a government office's thin line.
 * Before the routes were split it was one 1.94 MB chunk (612 KB gzip); now it must stay under budget (gzip),
 * with ECharts and the other pages left to their routes' lazy chunks.
 */
const SIGN_IN_BUDGET_GZIP = 260 * 1024;

describe('the console bundle', () => {
  let dist: string;
  beforeAll(() => {
    // Its own build, so the measurement is of the source under test, not a stale dist/web.
    dist = mkdtempSync(join(tmpdir(), 'web-bundle-'));
    const build = spawnSync(
      'npx',
      ['vite', 'build', '-c', 'apps/web/vite.config.mts', '--logLevel', 'error', '--outDir', dist],
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      { encoding: 'utf8', cwd: join(__dirname, '..', '..'), env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr || build.stdout}`);
  }, 180_000);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('the sign-in page downloads less than the budget (gzip)', () => {
    const assets = firstPageAssets(dist);
    expect(assets.files.length).toBeGreaterThan(1);
    expect(assets.gzip).toBeLessThan(SIGN_IN_BUDGET_GZIP);
  });

  it('keeps ECharts and the pages out of the first download', () => {
    const first = firstPageAssets(dist).files.map((f) => f.file);
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      { file: string; name?: string; isDynamicEntry?: boolean }
    >;
    const lazy = Object.values(manifest).filter((c) => c.isDynamicEntry);
    const dashboard = lazy.find((c) => c.name === 'dashboard.page');
    expect(dashboard).toBeDefined();
    expect(first).not.toContain(dashboard?.file);
    expect(first.some((f) => /echarts/.test(f))).toBe(false);
    // Every page of the console is its own lazy chunk: 4 core, 3 project, 7 administration pages.
    expect(lazy.filter((c) => c.name?.endsWith('.page')).length).toBeGreaterThanOrEqual(14);
  });
});
