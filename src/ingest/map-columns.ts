import type { RatingScale } from '../types.js';
import { FIELD_NAMES, type FieldName } from './ingest-options.js';

/**
 * Column names accepted for `text` when there is no `text` column and no mapping — used only when exactly one
 * of them is present, so a file with both `comment` and `body` must say which one it means.
 */
export const TEXT_ALIASES: readonly string[] = [
  'body',
  'comment',
  'comments',
  'review',
  'message',
  'feedback',
  'content',
  'コメント',
  '本文',
  '内容',
  'ご意見',
  '感想',
  'レビュー',
  'フィードバック',
  'メッセージ',
  '自由記述',
];

/** Where a field's value is: a column (or top-level JSONL key) and, for JSONL, a path inside it. */
export interface ColumnRef {
  index: number;
  /** Keys below the column's value (`message.body` → column `message`, path `['body']`); empty for a plain column. */
  path: string[];
}

export interface ColumnPlan {
  /** Where each koe field is, other than text (text may come from several columns). */
  fields: Partial<Record<Exclude<FieldName, 'text'>, ColumnRef>>;
  /** The text's columns, joined in this order. */
  text: ColumnRef[];
  /** Extra ratings: one column per scale. */
  ratings: { scale: RatingScale; ref: ColumnRef }[];
  /** Positions of the other columns: they go to metadata under their own names. */
  extra: number[];
  /** Paths below an extra column that were mapped (or dropped): left out of its metadata copy. */
  takenPaths: Map<number, string[][]>;
  /** Fields mapped in the options whose column is not there (warned about, the field stays empty). */
  missingMapped: string[];
  /** Why no text column was found (null when it was). */
  textProblem: string | null;
}

/** What the plan needs from the read options. */
export interface MappingOptions {
  fieldMap?: Partial<Record<FieldName, string | string[]>>;
  ratings?: Partial<Record<RatingScale, string>>;
  /** Fields given as constants: their columns are not looked for. */
  constants?: readonly string[];
  /** Fields whose mapping came from a preset: a missing column is not worth a warning. */
  presetFields?: ReadonlySet<string>;
  dropFields?: readonly string[];
}

function key(name: string): string {
  return name.trim().toLowerCase();
}

/** Several names in one mapping: an array, or a comma-separated string (`title,body`). */
export function fieldNames(mapped: string | string[]): string[] {
  const list = Array.isArray(mapped) ? mapped : mapped.split(',');
  return list.map((n) => n.trim()).filter((n) => n !== '');
}

/**
 * Matches column names (case-insensitively, trimmed) to koe fields: the mapping, else the field's own name.
 * A dotted name (`message.body`) that is not a column itself is a path into the column named by its first part.
 */
export function planColumns(names: readonly string[], options: MappingOptions = {}): ColumnPlan {
  const fieldMap = options.fieldMap ?? {};
  const byName = new Map<string, number>();
  names.forEach((name, i) => {
    const k = key(name);
    if (!byName.has(k)) byName.set(k, i);
  });
  const resolve = (name: string): ColumnRef | undefined => {
    const index = byName.get(key(name));
    if (index !== undefined) return { index, path: [] };
    const parts = name.split('.');
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      const head = byName.get(key(parts.slice(0, cut).join('.')));
      if (head !== undefined) return { index: head, path: parts.slice(cut) };
    }
    return undefined;
  };
  const constants = new Set(options.constants ?? []);
  const fields: ColumnPlan['fields'] = {};
  const text: ColumnRef[] = [];
  const missingMapped: string[] = [];
  let textProblem: string | null = null;
  for (const field of FIELD_NAMES) {
    if (constants.has(field)) continue;
    const mapped = fieldMap[field];
    if (field === 'text') {
      if (mapped !== undefined) {
        const wanted = fieldNames(mapped);
        const missing: string[] = [];
        for (const name of wanted) {
          const ref = resolve(name);
          if (ref) text.push(ref);
          else missing.push(name);
        }
        if (text.length === 0) {
          textProblem = `no column ${wanted.map((n) => JSON.stringify(n)).join(' or ')} for text (columns: ${names.join(', ')})`;
        } else if (missing.length > 0) {
          missingMapped.push(`text (${missing.join(', ')})`);
        }
        continue;
      }
      const own = resolve('text');
      if (own) {
        text.push(own);
        continue;
      }
      const found = TEXT_ALIASES.filter((alias) => byName.has(key(alias)));
      if (found.length === 1) text.push({ index: byName.get(key(found[0]!))!, path: [] });
      else if (found.length > 1) textProblem = `several columns could be the text (${found.join(', ')}): choose one with the text field mapping`;
      else textProblem = `no text column (columns: ${names.join(', ')}): name one with the text field mapping`;
      continue;
    }
    const name = mapped === undefined ? field : fieldNames(mapped)[0] ?? field;
    const ref = resolve(name);
    if (ref) fields[field] = ref;
    else if (mapped !== undefined && !options.presetFields?.has(field)) missingMapped.push(`${field} ("${name}")`);
  }
  const ratings: ColumnPlan['ratings'] = [];
  for (const [scale, column] of Object.entries(options.ratings ?? {}) as [RatingScale, string][]) {
    const ref = resolve(column);
    if (ref) ratings.push({ scale, ref });
    else if (!options.presetFields?.has(`ratings.${scale}`)) missingMapped.push(`${scale} rating ("${column}")`);
  }
  const taken = [...Object.values(fields), ...text, ...ratings.map((r) => r.ref)];
  const used = new Set<number>();
  const takenPaths = new Map<number, string[][]>();
  const takePath = (ref: ColumnRef): void => {
    if (ref.path.length === 0) used.add(ref.index);
    else takenPaths.set(ref.index, [...(takenPaths.get(ref.index) ?? []), ref.path]);
  };
  for (const ref of taken) takePath(ref);
  for (const name of options.dropFields ?? []) {
    const ref = resolve(name);
    if (ref) takePath(ref);
  }
  const extra: number[] = [];
  for (let i = 0; i < names.length; i++) if (!used.has(i)) extra.push(i);
  return { fields, text, ratings, extra, takenPaths, missingMapped, textProblem };
}

/** The value at `ref` in a row of cells (a path below a cell is followed only into objects). */
export function valueAt(cells: readonly unknown[], ref: ColumnRef): unknown {
  let v: unknown = cells[ref.index];
  for (const k of ref.path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** A copy of a nested value without the mapped (or dropped) paths, so the text is not kept twice in metadata. */
export function withoutPaths(value: unknown, paths: readonly string[][]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const deeper = new Map<string, string[][]>();
  for (const p of paths) {
    if (p.length === 1) delete out[p[0]!];
    else deeper.set(p[0]!, [...(deeper.get(p[0]!) ?? []), p.slice(1)]);
  }
  for (const [k, rest] of deeper) if (k in out) out[k] = withoutPaths(out[k], rest);
  return out;
}

/** Header names made unique and non-empty, so every column can be a metadata key. */
export function uniqueHeader(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    let name = raw.replace(/^\uFEFF/, '').trim();
    if (name === '') name = `column_${i + 1}`;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count + 1}`;
  });
}
