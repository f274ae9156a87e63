// Format characters that change nothing a reader sees: C0/C1 controls (but tab, LF, CR), zero-width spaces and
// joiners except ZWJ (emoji sequences need it), bidi marks and the BOM. Matching control characters is the point:
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
// A run of spaces other than one plain space: a text's single spaces are left alone rather than replaced by themselves.
const SPACES_EXCEPT_NEWLINE = /[^\S\n]{2,}|[^\S\n ]/g;
const AROUND_NEWLINES = / ?\n[\s]*/g;

/**
 * NFKC (full-width ASCII → ASCII, half-width kana → full-width, ① → 1), invisible characters removed, runs of
 * spaces collapsed to one, text trimmed. Line breaks are kept (one per run of blank lines) because in feedback
 * a new line usually starts a new thought: the sentence splitter uses them.
 */
export function normalizeText(text: string): string {
  return normalizeTextCounting(text).text;
}

/** normalizeText, and how many control and invisible characters (NUL included) it removed. */
export function normalizeTextCounting(text: string): { text: string; removed: number } {
  let t = text.normalize('NFKC');
  if (t.includes('\r') || /[\u2028\u2029\u0085]/.test(t)) t = t.replace(LINE_BREAKS, '\n');
  const before = t.length;
  t = t.replace(INVISIBLE, '');
  const removed = before - t.length;
  t = t.replace(SPACES_EXCEPT_NEWLINE, ' ');
  if (t.includes('\n')) t = t.replace(AROUND_NEWLINES, '\n');
  return { text: t.trim(), removed };
}

/** Channels, products and sources repeat a handful of values: remembered, up to this many. */
const LABEL_CACHE_SIZE = 1024;
const labelCache = new Map<string, string | null>();

/** Short metadata values (channel, product, source): NFKC, one line, trimmed; empty becomes null. */
export function normalizeLabel(value: string | null): string | null {
  if (value === null) return null;
  let label = labelCache.get(value);
  if (label === undefined) {
    const t = value.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
    label = t === '' ? null : t;
    if (labelCache.size >= LABEL_CACHE_SIZE) labelCache.clear();
    labelCache.set(value, label);
  }
  return label;
}
