const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs show the Chinese text correctly. */
export function toCsv(columns: { key: string; label: string }[], rows: Record<string, unknown>[]): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    // A leading = + - @ would run as a formula in a spreadsheet, and Excel also skips a leading TAB or CR
    // before reading one (OWASP CSV injection): prefix an apostrophe so the cell stays text.
    const safe = FORMULA_START.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    columns.map((c) => cell(c.label)).join(','),
    ...rows.map((r) => columns.map((c) => cell(r[c.key])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function wantsCsv(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('text/csv');
}
