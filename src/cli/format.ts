// Output helpers shared by commands: tables for people, CSV/JSONL for machines.
import type { CliIo } from './command.js';
import type { RowFormat } from './options.js';

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

function tableCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // Numbers as people write them: no trailing zeros, at most 4 decimals.
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\s+/g, ' ');
}

/** An aligned table for a terminal (wide characters count double); numeric columns right-aligned. */
export function formatTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cells = rows.map((r) => columns.map((c) => tableCell(r[c])));
  const numeric = columns.map((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - displayWidth(v)));
        return numeric[i] ? fill + v : v + fill;
      })
      .join('  ')
      .trimEnd();
  return `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
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

/**
 * Writes rows as an aligned table, CSV (header + CRLF) or JSON lines (keys in column order): only `columns` of each
 * row, so a record type (a theme listing) can be passed as it is.
 */
export async function writeRows(
  io: CliIo,
  format: RowFormat,
  columns: readonly string[],
  records: readonly object[],
): Promise<void> {
  if (format === 'table') {
    await writeOut(io.stdout, formatTable(columns, records as readonly Record<string, unknown>[]));
    return;
  }
  await writeRowChunks(io, format, columns, [records]);
}

/** CSV (one header) or JSON lines, chunk by chunk: a long listing is never held whole. */
export async function writeRowChunks(io: CliIo, format: 'csv' | 'jsonl', columns: readonly string[], chunks: Iterable<readonly object[]>): Promise<void> {
  if (format === 'csv') await writeOut(io.stdout, csvLine([...columns]));
  for (const chunk of chunks) {
    let out = '';
    for (const record of chunk) {
      const r = record as Record<string, unknown>;
      out += format === 'csv' ? csvLine(columns.map((c) => r[c])) : `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))}\n`;
      if (out.length >= 1 << 20) {
        await writeOut(io.stdout, out);
        out = '';
      }
    }
    if (out) await writeOut(io.stdout, out);
  }
}
