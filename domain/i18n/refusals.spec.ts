import { run } from '../../test/engine-helpers';
import type { RefusalCode } from '../engine/refusal';
import { languageOf, renderRefusal } from '.';

const completed = { type: 'construction.completed', on: '2024-03-01' };

function refused(policy: string, project: object, events: object[], asOf = '2024-12-01') {
  const result = run(policy, project, events as never, asOf);
  const r = result.rejected.find((x) => x.event === events.length - 1);
  if (!r) throw new Error('not refused');
  return { ...r, zh: r.reason, en: renderRefusal(r, 'en') };
}

describe('refusals in Chinese (default) and English', () => {
  it('a fact out of order names both facts by their 事项名称, the article and what to do next', () => {
    const r = refused('shandong', {}, [{ type: 'acceptance.applied', on: '2024-03-01' }]);
    expect(r).toMatchObject({
      code: 'requires',
      params: { type: 'acceptance.applied', required: 'construction.completed', on: '2024-03-01' },
      basis: 'Shandong 第二十三条',
    });
    expect(r.zh).toBe(
      '尚未登记“完成建设任务”，不能登记“提交竣工验收申请”：请先登记“完成建设任务”（《山东省政务信息系统项目管理办法》第二十三条），再登记“提交竣工验收申请”；“完成建设任务”的日期应不晚于 2024-03-01',
    );
    expect(r.en).toBe(
      'acceptance.applied needs construction.completed to be recorded first (on or before 2024-03-01)',
    );
  });

  it('a fact recorded twice', () => {
    const events = [
      { type: 'contract.signed', on: '2024-01-02' },
      { type: 'contract.signed', on: '2024-01-03' },
    ];
    const r = refused('shandong', {}, events);
    expect(r.zh).toBe('“签订合同”已于 2024-01-02 登记（事件 0），不能重复登记');
    expect(r.en).toBe('contract.signed was already recorded on 2024-01-02 (event 0)');
  });

  it('a fact its recorder may not record names the roles in Chinese', () => {
    const r = refused('jilin', {}, [
      completed,
      { type: 'acceptance.passed', on: '2024-04-01', actor: { role: 'department' } },
    ]);
    expect(r.code).toBe('not-permitted');
    expect(r.zh).toBe('部门无权登记“竣工验收通过”，该事实由局经办人员、系统管理员登记');
    expect(r.en).toBe('a department may not record acceptance.passed; it is recorded by: operator, admin');
  });

  it('a policy rule cites its article in both languages (Jilin 第二十五条, too early)', () => {
    const r = refused('jilin', {}, [
      { type: 'construction.completed', on: '2023-08-10' },
      { type: 'trial-run.started', on: '2023-08-11' },
      { type: 'acceptance.preliminary.passed', on: '2023-09-01' },
      { type: 'trial-run.stable', on: '2023-09-04' },
      { type: 'acceptance.applied', on: '2023-10-08' },
    ]);
    expect(r).toMatchObject({ code: 'too-early', basis: 'Jilin 第二十五条' });
    expect(r.zh).toBe(
      '“竣工验收申请”自 2023-10-09 起才能办理（《吉林省政务信息系统项目管理办法（试行）》第二十五条）；2023-10-08 登记“提交竣工验收申请”过早，请在 2023-10-09 或之后再登记',
    );
    expect(r.en).toBe(
      'Jilin 第二十五条: acceptance.application opens on 2023-10-09; acceptance.applied on 2023-10-08 is too early',
    );
  });

  it('policy checks and gates carry their article (Jinhu 第三十八条, 第二十七条; Jilin 第二十五条 gate)', () => {
    const short = refused('jinhu', { category: 'key' }, [
      { type: 'termination.requested', on: '2024-03-15', effectiveOn: '2024-04-14' },
    ]);
    expect(short).toMatchObject({ code: 'termination-notice', basis: 'Jinhu 第三十八条' });
    expect(short.zh).toContain(
      '（《金湖县政务信息化项目建设管理办法（征求意见稿）》第三十八条）：生效日期 2024-04-14 早于 2024-04-15，请把生效日期改为 2024-04-15 或之后',
    );
    const use = refused('jinhu', { category: 'general' }, [
      completed,
      { type: 'operation.started', on: '2024-04-01' },
    ]);
    expect(use.zh).toBe(
      '未经验收或验收不合格的项目不得投入使用（《金湖县政务信息化项目建设管理办法（征求意见稿）》第二十七条）：请先登记“竣工验收通过”，再登记“投入运行”',
    );
    const gate = refused('jilin', {}, [completed, { type: 'acceptance.applied', on: '2024-05-01' }]);
    expect(gate).toMatchObject({ code: 'acceptance-not-ready', basis: 'Jilin 第二十五条' });
    expect(gate.zh).toContain('请先登记“初步验收通过”和“试运行达到稳定状态”');
    expect(gate.en).toMatch(/^Jilin 第二十五条: apply for completion acceptance/);
  });

  it('every code words itself in both languages without leaking "undefined"', () => {
    const codes: RefusalCode[] = [
      'unknown-event-type',
      'in-future',
      'missing-field',
      'requires-any',
      'no-such-obligation',
      'meets-nothing',
      'before-trigger',
      'self-evaluation-after-operation',
    ];
    for (const code of codes) {
      for (const lang of ['zh', 'en'] as const) {
        const text = renderRefusal(
          {
            code,
            params: { type: 'contract.filed', field: 'year', on: '2024-01-02' },
            basis: 'Wuhan 第二十二条',
          },
          lang,
        );
        expect(text).not.toMatch(/undefined|^$/);
      }
    }
  });
});

describe('languageOf(Accept-Language)', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['*', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0, zh', 'zh'],
  ])('%p → %s', (header, lang) => {
    expect(languageOf(header)).toBe(lang);
  });
});
