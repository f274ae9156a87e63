import type { IngestItem } from '../types.js';
import type { TextEncoding } from './detect-encoding.js';
import { DelimitedRowReader } from './delimited-row-reader.js';
import { DEFAULT_MAX_FIELD_BYTES, FIELD_NAMES, type FieldName, type IngestOptions, type InputFormat } from './ingest-options.js';
import { JsonlRowReader } from './jsonl-row-reader.js';
import { formatFromExtension } from './list-input-files.js';
import { parseUtcOffset } from './parse-date.js';
import { RATING_SCALES } from './parse-rating.js';
import { readTextChunks } from './read-text-chunks.js';
import { FileContext, type ResolvedOptions, type RowReader } from './row-reader.js';

/** Option mistakes are the caller's, found before any file is opened. */
function resolveOptions(options: IngestOptions): ResolvedOptions {
  const offsetMinutes = parseUtcOffset(options.timezone ?? 'Z');
  if (offsetMinutes === null) throw new Error(`timezone must look like +09:00 or Z, got ${JSON.stringify(options.timezone)}`);
  const ratingScale = options.ratingScale ?? null;
  if (ratingScale !== null && !(ratingScale in RATING_SCALES)) {
    throw new Error(`ratingScale must be one of ${Object.keys(RATING_SCALES).join(', ')}, got ${JSON.stringify(ratingScale)}`);
  }
  const maxFieldBytes = options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  if (!(maxFieldBytes > 0)) throw new Error(`maxFieldBytes must be positive, got ${String(options.maxFieldBytes)}`);
  for (const key of Object.keys(options.fieldMap ?? {})) {
    if (!FIELD_NAMES.includes(key as FieldName)) throw new Error(`fieldMap: unknown field "${key}" (fields: ${FIELD_NAMES.join(', ')})`);
  }
  return { fieldMap: options.fieldMap ?? {}, ratingScale, maxFieldBytes, offsetMinutes };
}

/** The format of a file whose extension says nothing: JSON objects, or whichever of tab and comma the first line uses more. */
function sniffFormat(firstText: string): InputFormat {
  const head = firstText.trimStart();
  if (head.startsWith('{')) return 'jsonl';
  const lineEnd = head.search(/\r|\n/);
  const firstLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
  return firstLine.split('\t').length > firstLine.split(',').length ? 'tsv' : 'csv';
}

/**
 * Streams feedback rows from CSV, TSV and JSONL files, in file order, one item per record: a row, or a rejected
 * row naming file, 1-based line, field and reason. Bad rows never stop the reading; only a file that cannot be
 * read throws (IngestFatalError); bad options throw before anything is read. Memory stays flat: the text is
 * decoded and parsed as the bytes arrive and each record is yielded as soon as it is complete.
 */
export async function* readFeedback(files: string[], options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const resolved = resolveOptions(options);
  const forced = options.format && options.format !== 'auto' ? options.format : null;
  const items: IngestItem[] = [];
  for (const file of files) {
    let encoding: TextEncoding = 'utf8';
    const chunks = readTextChunks(file, options.encoding ?? 'auto', (e) => {
      encoding = e;
    });
    const ctx = new FileContext(file, resolved, () => encoding);
    let reader: RowReader | null = null;
    const format = forced ?? formatFromExtension(file);
    if (format) reader = format === 'jsonl' ? new JsonlRowReader(ctx) : new DelimitedRowReader(format === 'tsv' ? '\t' : ',', ctx);
    for await (const text of chunks) {
      if (!reader) {
        const sniffed = sniffFormat(text);
        reader = sniffed === 'jsonl' ? new JsonlRowReader(ctx) : new DelimitedRowReader(sniffed === 'tsv' ? '\t' : ',', ctx);
      }
      reader.push(text, items);
      // One chunk's records at a time (≤ 64 KiB of text): items are handed on as soon as they are parsed.
      for (const item of items) yield item;
      items.length = 0;
      if (reader.stopped) break;
    }
    if (reader && !reader.stopped) {
      reader.end(items);
      for (const item of items) yield item;
      items.length = 0;
    }
  }
}
