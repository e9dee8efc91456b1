import { escapeText, toIcs } from './ics';

describe('iCalendar text', () => {
  it('escapes backslash, semicolon and comma', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
  });

  it.each([
    ['CRLF', 'a\r\nb'],
    ['LF', 'a\nb'],
    ['bare CR', 'a\rb'],
  ])('turns a %s into an escaped newline', (_, text) => {
    expect(escapeText(text)).toBe('a\\nb');
  });

  it('never lets a raw CR or control character into a property', () => {
    const ics = toIcs(
      '名称\rX-INJECTED:1',
      [{ uid: 'u1', date: '2026-12-01', summary: '合同备案\rATTENDEE:evil', description: 'x\u0000\u001by' }],
      new Date('2026-11-24T00:00:00Z'),
    );
    // Every CR in the document belongs to a CRLF line ending.
    // eslint-disable-next-line no-control-regex -- looking for the control characters themselves
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\u0000\u001b]/);
    const lines = ics.split('\r\n').map((l) => l.split(':')[0]);
    expect(lines).not.toContain('X-INJECTED');
    expect(lines).not.toContain('ATTENDEE');
  });
});
