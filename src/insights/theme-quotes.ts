import { nearDuplicateFilter } from '../normalize/near-duplicate-text.js';
import type { Db } from '../store/open-store.js';
import { localDaySql } from '../time-zone.js';

/** A short piece of masked feedback shown as evidence. */
export interface Quote {
  docId: string;
  sourceId: string | null;
  createdAt: string | null;
  lang: string;
  sentiment: string | null;
  kind: string | null;
  /** Stored text: NFKC-normalized and PII-masked (raw text is never stored). */
  text: string;
}

export interface QuoteOptions {
  limit?: number;
  since?: string | null;
  until?: string | null;
  /** Prefer documents of this kind (e.g. feature_request), then any. */
  preferKind?: string | null;
  /** Prefer documents with this sentiment, then any. */
  preferSentiment?: string | null;
  /** IANA time zone since/until are read in (default UTC). */
  timeZone?: string | null;
}

/**
 * Documents of a theme (primary), most central first, optionally preferring a kind or sentiment.
 * Repeated and near-identical texts (templates, copy-paste, the same request with another greeting) are shown once.
 */
export function themeQuotes(db: Db, themeId: string, options: QuoteOptions = {}): Quote[] {
  const limit = options.limit ?? 2;
  const day = localDaySql(db, 'd.created_at', options.timeZone);
  const candidates = db
    .prepare(
      `SELECT d.id AS docId, d.source_id AS sourceId, d.created_at AS createdAt, d.lang, a.sentiment_label AS sentiment,
         a.kind, d.text
       FROM document_themes dt
       JOIN documents d ON d.id = dt.doc_id
       LEFT JOIN analyses a ON a.doc_id = d.id
       WHERE dt.theme_id = @themeId AND dt.rank = 0
         AND (@since IS NULL OR ${day} >= @since)
         AND (@until IS NULL OR ${day} <= @until)
       ORDER BY (a.kind IS @preferKind) DESC, (a.sentiment_label IS @preferSentiment) DESC,
         dt.score DESC, length(d.text) BETWEEN 12 AND 240 DESC, d.created_at DESC, d.id
       LIMIT @limit`,
    )
    .all({
      themeId,
      since: options.since ?? null,
      until: options.until ?? null,
      preferKind: options.preferKind ?? null,
      preferSentiment: options.preferSentiment ?? null,
      limit: limit * 5,
    }) as Quote[];
  const isNew = nearDuplicateFilter();
  const out: Quote[] = [];
  for (const q of candidates) {
    if (!isNew(q.text)) continue;
    out.push(q);
    if (out.length === limit) break;
  }
  return out;
}
