// The ingest stage: CSV / TSV / JSONL files → a stream of RawFeedback rows and rejected rows.
//
// What it accepts (and decides):
// - Formats by extension: .csv; .tsv .tab; .jsonl .ndjson .json-lines. Another extension named explicitly is
//   sniffed: a first '{' is JSONL, else tab vs comma on the first line. `format` forces one.
// - Encodings: a BOM decides (UTF-8, UTF-16LE/BE); then UTF-16 without a BOM by its zero bytes; otherwise the
//   first 64 KiB: valid UTF-8 → UTF-8, else CP932 (Shift_JIS as Windows writes it) — unless it is mostly good
//   UTF-8 with stray bad bytes, which stays UTF-8. Bytes that cannot be decoded become U+FFFF (UNDECODABLE) and
//   reject their row; U+FFFD in the file is text. Spreadsheets, PDFs and JSON arrays make the file unusable.
// - CSV/TSV: RFC 4180 (quoted delimiters, newlines, doubled quotes; LF, CRLF or CR), header row required,
//   blank lines skipped. Text after a closing quote is kept (`"ab"cd` → `abcd`); a bare quote mid-field is a
//   character. Short rows leave missing fields empty; extra cells go to metadata as `column_N`. A stray quote
//   (a quoted field that ran over a line break and closes where no field ends, or leaves its record with more
//   fields than the header, or never closes) rejects the line it opened on; the lines after it are parsed again.
// - Presets (presets.ts) are options for known export layouts, under the options given.
// - Columns: a koe field's column is `fieldMap[field]`, else the field's own name, matched case-insensitively.
//   `text` may name several columns (joined, one line each); JSONL names may be dotted paths (`message.body`).
//   `ratings` maps scales to columns (several ratings per row); `set` gives channel / product / source a constant;
//   `dropFields` keeps columns out of metadata; HTML in the text becomes plain text (html-text.ts).
//   Only for `text`, when neither exists, one of TEXT_ALIASES (body, comment, comments, review, message,
//   feedback, content, コメント, 本文, 内容, ご意見, 感想, レビュー, フィードバック, メッセージ, 自由記述) is used if
//   exactly one is present. No text column → one item with fileProblem 'unusable' and the file is skipped; a
//   mapped column that is missing → one 'warning' item (not a row), the field stays empty. Other columns → metadata as
//   strings. JSONL: one object per line, same key matching, other keys (nested too) → metadata as they are.
// - Rows with ratings and no text are rows (text ''); a text of only control or invisible characters is empty.
// - created_at: `dateFormat` (date-fns patterns) first, then ISO 8601 (offset optional), English month names, 2026/11/24[ 13:05[:00]], 2026-11-24 13:05:00, 2026.11.24,
//   2026年11月24日[ 13:05], 20261124, epoch seconds (9–11 digits) and milliseconds (13 digits). Values without an
//   offset use `timezone` (default UTC). US 11/24/2026 is not guessed. Output `toISOString()`.
// - rating: a number checked against its scale (nps 0–10, csat 1–5, ces 1–7 whole numbers; stars 1–5 in
//   halves); a per-row `rating_scale` column wins over `ratingScale`; an unknown scale rejects the row. A rating
//   with no scale at all is kept unchecked. A row without a rating gets ratingScale null.
// - Limits: a field (a JSONL line) over `maxFieldBytes` (1 MiB) rejects its row without being buffered.
// - Rejected rows name file, the 1-based line where the record starts, field (koe field or column name) and
//   reason, with a PII-masked excerpt of at most 80 characters. Only unreadable files throw IngestFatalError.
export { FIELD_NAMES, CONSTANT_FIELDS, INGEST_OPTION_KEYS, IngestFatalError, DEFAULT_MAX_FIELD_BYTES } from './ingest-options.js';
export type { ConstantField, FieldName, IngestOptions, InputFormat, PresetName } from './ingest-options.js';
export { listInputFiles, listInputs, formatFromExtension, unsupportedFormat, type InputFile } from './list-input-files.js';
export { readFeedback, resolveOptions, findUnusableInput } from './read-feedback.js';
export { PRESETS, PRESET_NAMES, applyPreset, type Preset } from './presets.js';
export { htmlToText, looksLikeHtml } from './html-text.js';
export { TEXT_ALIASES } from './map-columns.js';
export { parseDate, parseUtcOffset } from './parse-date.js';
export { parseRating, parseRatingScale, RATING_SCALES } from './parse-rating.js';
export { detectEncoding, type TextEncoding } from './detect-encoding.js';
export { DelimitedParser, type ParsedRecord, type RecordProblem } from './delimited-parser.js';
