// Output helpers shared by commands: tables for people, CSV/JSONL for machines.

/** Display width: East Asian wide characters take two columns in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd))
      ? 2
      : 1;
  }
  return w;
}

/** Cuts to at most `width` display columns, with an ellipsis when cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A plain aligned table; numeric columns right-aligned. */
export function formatTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => formatCell(r[c])));
  const numeric = cols.map((_, i) => rows.every((r) => typeof r[cols[i]!] === 'number' || r[cols[i]!] == null));
  const widths = cols.map((c, i) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (vals: string[]): string => vals.map((v, i) => pad(v, widths[i]!, numeric[i]!)).join('  ').trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

function formatCell(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\s+/g, ' ');
}

/**
 * A spreadsheet reads a cell that begins with = + - @ (or a tab or CR before one) as a formula: a feedback text
 * such as `=HYPERLINK(...)` would run when a support lead opens the export. As OWASP advises ("CSV Injection"),
 * such a text cell is prefixed with a single quote, which Excel and LibreOffice show as text. Numbers are numbers
 * (a negative score stays -0.5); leading spaces do not hide a formula from the check.
 */
const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export interface CsvOptions {
  /** Leave cells as they are (no formula neutralisation): for tools, not spreadsheets. */
  raw?: boolean;
}

/** RFC 4180 CSV field; text that a spreadsheet would run as a formula is neutralised unless `raw`. */
export function csvField(v: unknown, options: CsvOptions = {}): string {
  if (v == null) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (!options.raw && typeof v !== 'number') s = neutraliseFormula(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[], options: CsvOptions = {}): string {
  return values.map((v) => csvField(v, options)).join(',') + '\r\n';
}

/** Writes and waits for the stream to drain, so large exports keep memory flat. */
export async function writeOut(stream: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}
