import { inputProblem, MAX_DEPTH } from './input-guard';

describe('inputProblem: what no input may carry', () => {
  it.each([
    [{ name: 'a\u0000b' }, '「name」含有控制字符（如 NUL），请删除后重试'],
    [{ days: [{ name: '元旦\u001b' }] }, '「days[0].name」含有控制字符（如 NUL），请删除后重试'],
    ['\u007f', '「请求体」含有控制字符（如 NUL），请删除后重试'],
    [{ 'a\u0001': 1 }, '「请求体」的字段名 "a\\u0001" 含有控制字符，请删除后重试'],
  ])('refuses %j, naming the field', (value, message) => {
    expect(inputProblem(value)).toBe(message);
  });

  it('refuses nesting deeper than any body needs, without recursing through all of it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(inputProblem(deep)).toMatch(new RegExp(`嵌套过深（最多 ${MAX_DEPTH} 层）`));
  });

  it('accepts ordinary input, line breaks and tabs in free text included', () => {
    expect(
      inputProblem({ reason: '第一行\n第二行\t完', events: [{ type: 'x', actor: { role: 'admin' } }] }),
    ).toBeNull();
  });
});
