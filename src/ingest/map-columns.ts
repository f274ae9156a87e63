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

export interface ColumnPlan {
  /** Position of each koe field among the columns. */
  fields: Partial<Record<FieldName, number>>;
  /** Positions of the other columns: they go to metadata under their own names. */
  extra: number[];
  /** Fields mapped in the options whose column is not there. */
  missingMapped: FieldName[];
  /** Why no text column was found (null when it was). */
  textProblem: string | null;
}

function key(name: string): string {
  return name.trim().toLowerCase();
}

/** Matches column names (case-insensitively, trimmed) to koe fields: the mapping, else the field's own name. */
export function planColumns(names: readonly string[], fieldMap: Partial<Record<FieldName, string>> = {}): ColumnPlan {
  const byName = new Map<string, number>();
  names.forEach((name, i) => {
    const k = key(name);
    if (!byName.has(k)) byName.set(k, i);
  });
  const fields: Partial<Record<FieldName, number>> = {};
  const missingMapped: FieldName[] = [];
  let textProblem: string | null = null;
  for (const field of FIELD_NAMES) {
    const mapped = fieldMap[field];
    const index = byName.get(key(mapped ?? field));
    if (index !== undefined) {
      fields[field] = index;
      continue;
    }
    if (mapped !== undefined) {
      missingMapped.push(field);
      if (field === 'text') textProblem = `no column "${mapped}" for text (columns: ${names.join(', ')})`;
      continue;
    }
    if (field === 'text') {
      const found = TEXT_ALIASES.filter((alias) => byName.has(key(alias)));
      if (found.length === 1) fields.text = byName.get(key(found[0]!))!;
      else if (found.length > 1) textProblem = `several columns could be the text (${found.join(', ')}): choose one with the text field mapping`;
      else textProblem = `no text column (columns: ${names.join(', ')}): name one with the text field mapping`;
    }
  }
  const used = new Set(Object.values(fields));
  const extra: number[] = [];
  for (let i = 0; i < names.length; i++) if (!used.has(i)) extra.push(i);
  return { fields, extra, missingMapped, textProblem };
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
