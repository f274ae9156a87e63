import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { Db } from './open-store.js';

/** Where the named `.sql` files live (shipped as data beside the code, like migrations). */
export const QUERIES_DIR = path.join(PACKAGE_ROOT, 'src', 'store', 'queries');

/** `text`, `int`, `real`, `date` (YYYY-MM-DD) or an enumeration written `a|b|c`. */
export type ParamType = 'text' | 'int' | 'real' | 'date' | { oneOf: string[] };

export type ParamValue = string | number | null;

export interface NamedQueryParam {
  name: string;
  type: ParamType;
  required: boolean;
  /** Default when not given (null = SQL NULL, e.g. "no filter"). Undefined when required. */
  defaultValue?: ParamValue;
  description: string;
}

export interface NamedQueryColumn {
  name: string;
  description: string;
}

export interface NamedQuery {
  name: string;
  /** First line of the header: one sentence. */
  summary: string;
  /** The whole header prose (summary and notes). */
  description: string;
  params: NamedQueryParam[];
  columns: NamedQueryColumn[];
  sql: string;
  file: string;
}

export interface NamedQueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

/** A caller mistake (unknown query, unknown or missing parameter, bad value): the message is for the user. */
export class NamedQueryError extends Error {
  override name = 'NamedQueryError';
}

const PARAM_LINE = /^--\s*@param\s+([a-z_][a-z0-9_]*)\s+(\S+)\s+(\(required\)|=\s*(\S+))\s*(.*)$/i;
const COLUMN_LINE = /^--\s*@column\s+([a-z_][a-z0-9_]*)\s*(.*)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseType(raw: string, file: string): ParamType {
  if (raw === 'text' || raw === 'int' || raw === 'real' || raw === 'date') return raw;
  if (raw.includes('|')) return { oneOf: raw.split('|') };
  throw new Error(`${file}: unknown parameter type "${raw}" (text, int, real, date or a|b|c)`);
}

function describeType(type: ParamType): string {
  return typeof type === 'string' ? type : type.oneOf.join('|');
}

/** Turns a user's string (or a library caller's value) into the bound value, checking its type. */
function coerce(query: string, param: NamedQueryParam, value: ParamValue): ParamValue {
  if (value === null) return null;
  const text = String(value);
  const fail = (expected: string): never => {
    throw new NamedQueryError(`query ${query}: parameter ${param.name} must be ${expected}, got "${text}"`);
  };
  const { type } = param;
  if (type === 'int') return /^-?\d+$/.test(text) ? Number(text) : fail('an integer');
  if (type === 'real') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : fail('a number');
  if (type === 'date') return DATE.test(text) && !Number.isNaN(Date.parse(text)) ? text : fail('a date YYYY-MM-DD');
  if (typeof type === 'object') return type.oneOf.includes(text) ? text : fail(`one of ${type.oneOf.join(', ')}`);
  return text;
}

/** Parses one query file: header comments (prose, `@param`, `@column`), then the SQL. */
export function parseNamedQuery(name: string, source: string, file = `${name}.sql`): NamedQuery {
  const prose: string[] = [];
  const params: NamedQueryParam[] = [];
  const columns: NamedQueryColumn[] = [];
  for (const line of source.split('\n')) {
    if (!line.startsWith('--')) {
      if (line.trim() === '') continue;
      break;
    }
    const p = PARAM_LINE.exec(line);
    const c = COLUMN_LINE.exec(line);
    if (p) {
      const [, pname, ptype, req, def, desc] = p;
      const param: NamedQueryParam = {
        name: pname!,
        type: parseType(ptype!, file),
        required: req === '(required)',
        description: (desc ?? '').trim(),
      };
      if (!param.required) param.defaultValue = def === 'null' ? null : coerce(name, param, def ?? null);
      params.push(param);
    } else if (c) {
      columns.push({ name: c[1]!, description: (c[2] ?? '').trim() });
    } else if (/^--\s*@/.test(line)) {
      throw new Error(`${file}: cannot read header line "${line}"`);
    } else {
      prose.push(line.replace(/^--\s?/, '').trim());
    }
  }
  const description = prose.join('\n').trim();
  return {
    name,
    summary: description.split('\n')[0] ?? '',
    description,
    params,
    columns,
    sql: source,
    file,
  };
}

/** Every named query, sorted by name. */
export function listNamedQueries(dir = QUERIES_DIR): NamedQuery[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      return parseNamedQuery(f.replace(/\.sql$/, ''), fs.readFileSync(file, 'utf8'), file);
    });
}

/** One named query; an unknown name fails listing the valid ones. */
export function getNamedQuery(name: string, dir = QUERIES_DIR): NamedQuery {
  const all = listNamedQueries(dir);
  const found = all.find((q) => q.name === name);
  if (!found) {
    throw new NamedQueryError(`unknown query "${name}"; known queries: ${all.map((q) => q.name).join(', ')}`);
  }
  return found;
}

/** The parameters as they will be bound: defaults filled in, unknown names and missing required ones refused. */
export function bindParams(query: NamedQuery, given: Record<string, ParamValue>): Record<string, ParamValue> {
  const known = new Set(query.params.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    const valid = query.params.map((p) => p.name).join(', ') || '(none)';
    throw new NamedQueryError(`query ${query.name}: unknown parameter ${unknown.join(', ')}; its parameters: ${valid}`);
  }
  const bound: Record<string, ParamValue> = {};
  for (const p of query.params) {
    const value = given[p.name];
    if (value === undefined) {
      if (p.required) {
        throw new NamedQueryError(
          `query ${query.name}: missing parameter ${p.name} (${describeType(p.type)}: ${p.description}); ` +
            `give it as --param ${p.name}=VALUE`,
        );
      }
      bound[p.name] = p.defaultValue ?? null;
    } else {
      bound[p.name] = coerce(query.name, p, value);
    }
  }
  return bound;
}

/** Runs a named query with its parameters bound by SQLite (never interpolated into the SQL text). */
export function runNamedQuery(
  db: Db,
  name: string,
  params: Record<string, ParamValue> = {},
  dir = QUERIES_DIR,
): NamedQueryResult {
  const query = getNamedQuery(name, dir);
  const bound = bindParams(query, params);
  const stmt = db.prepare(query.sql);
  const columns = stmt.columns().map((c) => c.name);
  const rows = stmt.all(bound) as Record<string, unknown>[];
  return { columns, rows };
}

/** Parses `name=value` pairs as given on the command line (`--param since=2026-06-01`). */
export function parseParamArgs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new NamedQueryError(`--param takes NAME=VALUE, got "${pair}"`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

/** A readable description of a query, for `koe query NAME --describe` and the README. */
export function describeNamedQuery(query: NamedQuery): string {
  const lines = [`${query.name}: ${query.description.replace(/\n/g, '\n  ')}`, '', 'Parameters:'];
  if (query.params.length === 0) lines.push('  (none)');
  for (const p of query.params) {
    const dflt = p.required ? 'required' : `default ${p.defaultValue === null ? 'none' : String(p.defaultValue)}`;
    lines.push(`  ${p.name.padEnd(12)} ${describeType(p.type).padEnd(16)} ${dflt.padEnd(22)} ${p.description}`);
  }
  lines.push('', 'Columns:');
  for (const c of query.columns) lines.push(`  ${c.name.padEnd(18)} ${c.description}`);
  return lines.join('\n');
}

/** The queries' reference in Markdown (src/store/queries/README.md is this, checked by a test). */
export function namedQueriesMarkdown(queries: readonly NamedQuery[] = listNamedQueries()): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    '# Named queries',
    '',
    'The public query surface of a koe database. Each `.sql` file here has a header (description, `@param`,',
    '`@column`) and `:named` parameters that SQLite binds (values are never pasted into the SQL).',
    '',
    '```sh',
    'koe query --list',
    'koe query theme-trend --db koe.db --param theme=t3 --param period=month --format csv',
    '```',
    '',
    'From the library: `runNamedQuery(db, "theme-trend", { theme: "t3" })` → `{ columns, rows }`.',
    'For your own SQL the database has views: `v_documents` (one row per document with its analysis and primary',
    'theme), `v_theme_documents` (every document–theme membership), `v_ratings` (ratings read on their scale:',
    '`nps_group`, `csat_satisfied`, `ces_score`) and `v_followups` (feedback that asks for an answer, with its mark).',
    'Dates are UTC days (`YYYY-MM-DD`), `since` and `until` both included. This file is generated from the',
    'headers: `KOE_UPDATE_DOCS=1 npx vitest run test/store/named-queries.test.ts`.',
  ];
  for (const q of queries) {
    out.push('', `## ${q.name}`, '', q.description, '', '| parameter | type | default | meaning |', '|---|---|---|---|');
    if (q.params.length === 0) out.push('| (none) | | | |');
    for (const p of q.params) {
      const dflt = p.required ? '**required**' : p.defaultValue === null ? '(none)' : `\`${String(p.defaultValue)}\``;
      out.push(`| \`${p.name}\` | ${cell(describeType(p.type))} | ${dflt} | ${cell(p.description)} |`);
    }
    out.push('', '| column | meaning |', '|---|---|');
    for (const c of q.columns) out.push(`| \`${c.name}\` | ${cell(c.description)} |`);
  }
  return `${out.join('\n')}\n`;
}
