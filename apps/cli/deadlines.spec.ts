import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import examples from '../../test/fixtures/examples.json';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'deadlines-'));

/** The command exactly as a user types it (spec §6). */
function deadlines(args: string[], input?: string) {
  const run = spawnSync('npm', ['run', '--silent', 'deadlines', '--', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, json: () => JSON.parse(run.stdout) };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('npm run --silent deadlines', () => {
  it('reproduces every worked example from one batch file, in order', () => {
    const out = deadlines([
      file(
        'all.json',
        examples.map((e) => e.case),
      ),
    ]);
    expect(out.code).toBe(0);
    const results = out.json();
    expect(results).toHaveLength(examples.length);
    examples.forEach((example, i) => {
      const got = results[i];
      expect(
        got.obligations.map((o: Record<string, unknown>) => ({
          key: o.key,
          opensOn: o.opensOn,
          dueOn: o.dueOn,
          status: o.status,
          provisional: o.provisional,
        })),
      ).toEqual(example.expected.obligations);
      expect(got.requirements.map((r: { key: string }) => r.key)).toEqual(example.expected.requirements);
      expect(
        got.changes.map(({ event, path }: { event: number; path: string }) => ({ event, path })),
      ).toEqual(example.expected.changes);
      expect(got.rejected).toEqual(example.expected.rejected);
    });
  });

  it('reads one case from standard input and prints one result', () => {
    const out = deadlines(['-'], JSON.stringify(examples[0]?.case));
    expect(out.code).toBe(0);
    expect(out.json().obligations[1]).toMatchObject({
      key: 'contract.filing',
      dueOn: '2023-10-09',
      basis: 'Shandong 第十三条',
    });
  });

  it('puts { error } in place of an unreadable case and exits non-zero, without a stack trace', () => {
    const out = deadlines([
      file('mixed.json', [
        examples[0]?.case,
        { policy: 'nowhere', project: {}, events: [], asOf: '2024-01-01' },
      ]),
    ]);
    expect(out.code).toBe(1);
    const [first, second] = out.json();
    expect(first.obligations).toHaveLength(2);
    expect(second).toEqual({
      error: 'unknown policy "nowhere"; known: jilin, wuhan, shandong, yunfu, jinhu',
    });
    expect(out.stdout).not.toMatch(/\n\s+at /);
  });

  it('refuses an impossible date in a case or a notice, naming the field', () => {
    const bad = { ...examples[0]?.case, events: [{ type: 'contract.signed', on: '2026-09-31' }] };
    const out = deadlines(['-'], JSON.stringify(bad));
    expect(out.code).toBe(1);
    expect(out.json()).toEqual({
      error: '「events[0].on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2026-09-31',
    });
    const notice = file('impossible-notice.json', {
      year: 2027,
      days: [{ name: '元旦', date: '2027-02-30', isOffDay: true }],
    });
    const refused = deadlines(['--notice', notice, file('y.json', examples[0]?.case)]);
    expect(refused.code).not.toBe(0);
    expect(refused.json().error).toContain('「days[0].date」不是有效的日期');
  });

  it('reports a file that is not JSON as an error', () => {
    const out = deadlines([file('broken.json', '{ "policy": ')]);
    expect(out.code).not.toBe(0);
    expect(out.json().error).toContain('is not valid JSON');
  });

  it('reports a missing file as an error', () => {
    const out = deadlines([join(dir, 'missing.json')]);
    expect(out.code).not.toBe(0);
    expect(out.json().error).toContain('cannot read case file');
  });

  it('takes a newly published year with --notice, which then wins over the provisional rules', () => {
    const kase = {
      policy: 'shandong',
      project: { planYear: 2026, investment: 1 },
      events: [{ type: 'construction.completed', on: '2026-10-04' }],
      asOf: '2026-11-23',
    };
    const input = file('2027-case.json', kase);
    const before = deadlines([input])
      .json()
      .obligations.find((o: { key: string }) => o.key === 'acceptance.application');
    expect(before).toMatchObject({ dueOn: '2027-01-04', provisional: true });
    const notice = join(root, 'test', 'fixtures', 'notices', '2027-test.json');
    const after = deadlines(['--notice', notice, input])
      .json()
      .obligations.find((o: { key: string }) => o.key === 'acceptance.application');
    expect(after).toMatchObject({ dueOn: '2027-01-05', provisional: false });
    expect(after.explanation.due.calendar).toEqual([{ year: 2027, official: true, source: notice }]);
  });

  it('refuses a bad notice file, naming the entry', () => {
    const bad = file('bad-notice.json', {
      year: 2027,
      days: [{ name: '元旦', date: '2027-01-01', isOffDay: 1 }],
    });
    const out = deadlines(['--notice', bad, file('x.json', examples[0]?.case)]);
    expect(out.code).not.toBe(0);
    expect(out.json().error).toContain('days[0] (元旦, 2027-01-01): isOffDay must be true or false, got 1');
  });
});
