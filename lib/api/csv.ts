// CSV as RFC 4180 reads it: comma-separated, CRLF line ends, a cell quoted when it holds a comma,
// quote or line break, quotes doubled. A cell a spreadsheet would run as a formula (= + - @, tab
// or CR first) starts with an apostrophe, so an exported audit log cannot carry a formula that a
// user typed into, say, a token tag (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
