import { toCsv } from './csv';

const row = (value: string): string =>
  toCsv([{ key: 'v', label: '值' }], [{ v: value }]).split('\r\n')[1] ?? '';

describe('toCsv', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('neutralises a cell starting with %j', (start) => {
    const cell = row(`${start}HYPERLINK("http://x")`);
    // The cell, once unquoted, begins with an apostrophe: a spreadsheet shows it as text.
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted.startsWith(`'${start}`)).toBe(true);
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(row('市数据局')).toBe('市数据局');
    expect(toCsv([{ key: 'n', label: 'n' }], [{ n: 12 }]).split('\r\n')[1]).toBe('12');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(row('a,"b"\nc')).toBe('"a,""b""\nc"');
  });

  it('starts with a byte-order mark so Excel reads UTF-8', () => {
    expect(toCsv([{ key: 'v', label: '值' }], []).charCodeAt(0)).toBe(0xfeff);
  });
});
