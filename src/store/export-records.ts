import type { Emotion, FeedbackKind, JourneyStage, Lang, SentimentLabel, Touchpoint } from '../types.js';
import type { Db } from './open-store.js';

/** One document as `koe export` writes it: the contract other tools rely on (README "Export"). */
export interface ExportRecord {
  id: string;
  lang: Lang;
  text: string;
  /** null for a rating-only document (a survey answer with no comment): nothing was said to score. */
  sentiment: { label: SentimentLabel; score: number; confidence: number } | null;
  emotions: Emotion[];
  kind: FeedbackKind | null;
  kind_confidence: number | null;
  /** The first theme is the primary one; empty when the document is unthemed. */
  themes: { id: string; label: string }[];
  created_at: string | null;
  rating: number | null;
  rating_scale: string | null;
  /** Every rating of the document, as answered, by scale (a survey row can carry NPS, CSAT and CES at once). */
  ratings: Record<string, number>;
  channel: string | null;
  product: string | null;
  source: string | null;
  stage: JourneyStage | null;
  touchpoint: Touchpoint | null;
}

interface ExportRow {
  id: string;
  lang: Lang;
  text: string;
  sentiment_label: SentimentLabel | null;
  sentiment_score: number | null;
  sentiment_confidence: number | null;
  emotions: string | null;
  kind: FeedbackKind | null;
  kind_confidence: number | null;
  themes: string;
  ratings: string;
  created_at: string | null;
  rating: number | null;
  rating_scale: string | null;
  channel: string | null;
  product: string | null;
  source: string | null;
  stage: JourneyStage | null;
  touchpoint: Touchpoint | null;
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Streams every document in id order (rating-only ones too, with no sentiment or kind), with its themes (primary first). Memory stays flat. */
export function* exportRecords(db: Db): Generator<ExportRecord> {
  const stmt = db.prepare(`
    SELECT d.id, d.lang, d.text, a.sentiment_label, a.sentiment_score, a.sentiment_confidence, a.emotions,
      a.kind, a.kind_confidence, d.created_at, d.rating, d.rating_scale, d.channel, d.product, d.source,
      a.stage, a.touchpoint,
      (SELECT json_group_array(json_object('id', x.theme_id, 'label', x.label))
         FROM (SELECT dt.theme_id, t.label FROM document_themes dt JOIN themes t ON t.id = dt.theme_id
               WHERE dt.doc_id = d.id AND t.status = 'active' ORDER BY dt.rank, dt.score DESC) x) AS themes,
      (SELECT json_group_object(r.scale, r.rating) FROM document_ratings r WHERE r.doc_id = d.id) AS ratings
    FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id
    ORDER BY d.id`);
  for (const r of stmt.iterate() as IterableIterator<ExportRow>) {
    yield {
      id: r.id,
      lang: r.lang,
      text: r.text,
      sentiment:
        r.sentiment_label === null
          ? null
          : { label: r.sentiment_label, score: round(r.sentiment_score ?? 0), confidence: round(r.sentiment_confidence ?? 0) },
      emotions: r.emotions === null ? [] : (JSON.parse(r.emotions) as Emotion[]),
      kind: r.kind,
      kind_confidence: r.kind_confidence === null ? null : round(r.kind_confidence),
      themes: JSON.parse(r.themes) as { id: string; label: string }[],
      created_at: r.created_at,
      rating: r.rating,
      rating_scale: r.rating_scale,
      ratings: JSON.parse(r.ratings) as Record<string, number>,
      channel: r.channel,
      product: r.product,
      source: r.source,
      stage: r.stage,
      touchpoint: r.touchpoint,
    };
  }
}
