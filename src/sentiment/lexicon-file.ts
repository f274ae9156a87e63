// Reading koe's sentiment data files: TSV with `#` comments and a header line, checked row by row so that a bad
// entry fails with its file, line, field and value rather than silently scoring wrong.
import { readFileSync } from 'node:fs';

/** A bad line in a lexicon or rule file. */
export class LexiconFileError extends Error {
  override name = 'LexiconFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly value: string,
    reason: string,
  ) {
    super(`${file}:${line}: ${field} ${JSON.stringify(value)}: ${reason}`);
  }
}

/** One data row: its 1-based line and fields by header name (missing trailing fields are ''). */
export interface TsvRow {
  line: number;
  fields: Record<string, string>;
}

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read sentiment data file ${file}: ${(err as Error).message}`);
  }
}

/**
 * Parses TSV text whose first non-comment line must equal `columns`. Rows need at least `required` fields and at
 * most `columns.length`.
 */
export function parseTsv(text: string, file: string, columns: readonly string[], required: number): TsvRow[] {
  const rows: TsvRow[] = [];
  let headerSeen = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const parts = raw.split('\t');
    if (!headerSeen) {
      if (parts.join('\t') !== columns.join('\t')) {
        throw new LexiconFileError(file, lineNo, 'header', raw, `expected "${columns.join('\\t')}"`);
      }
      headerSeen = true;
      continue;
    }
    if (parts.length < required || parts.length > columns.length) {
      throw new LexiconFileError(
        file, lineNo, 'line', raw, `expected ${required} to ${columns.length} tab-separated fields, got ${parts.length}`,
      );
    }
    const fields: Record<string, string> = {};
    columns.forEach((c, k) => (fields[c] = parts[k] ?? ''));
    rows.push({ line: lineNo, fields });
  }
  if (!headerSeen) throw new LexiconFileError(file, 1, 'header', '', `missing header "${columns.join('\\t')}"`);
  return rows;
}

/** A number field within [min, max], or a LexiconFileError naming the row. */
export function numberField(row: TsvRow, file: string, name: string, min: number, max: number): number {
  const value = row.fields[name] ?? '';
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new LexiconFileError(file, row.line, name, value, `must be a number in [${min}, ${max}]`);
  }
  return n;
}

/** A non-empty field with no surrounding spaces. */
export function termField(row: TsvRow, file: string, name: string): string {
  const value = row.fields[name] ?? '';
  if (value === '' || value !== value.trim()) {
    throw new LexiconFileError(file, row.line, name, value, 'must be non-empty with no surrounding spaces');
  }
  return value;
}

/**
 * Reads a `term<TAB>score<TAB>note` valence file (koe's CX lexicons) into a map; scores in [-1, 1]; a term may
 * appear once. `normalizeTerm` maps the written term to the key used for matching.
 */
export function parseValenceTsv(
  text: string,
  file: string,
  normalizeTerm: (term: string) => string = (t) => t,
): Map<string, number> {
  const map = new Map<string, number>();
  const firstLine = new Map<string, number>();
  for (const row of parseTsv(text, file, ['term', 'score', 'note'], 2)) {
    const term = termField(row, file, 'term');
    const score = numberField(row, file, 'score', -1, 1);
    const key = normalizeTerm(term);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      throw new LexiconFileError(file, row.line, 'term', term, `duplicate of line ${earlier}`);
    }
    firstLine.set(key, row.line);
    map.set(key, score);
  }
  return map;
}
