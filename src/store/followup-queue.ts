// What the follow-up queue (migration 012) holds for one document, computed from what koe's batch writer has in hand.
// It mirrors the view followup_queue_rows, which stays the reference for every other writer (its triggers) and for
// the migration's fill: test/store/followup-queue.test.ts checks that a batch's queue equals the view's. Computed
// here because the view costs four rating lookups per document (≈ 11 ms per batch of 500, 4.4 s of a 200k run).
import type { FeedbackKind, RatingValue, SentimentLabel } from '../types.js';

export interface QueuedFollowup {
  severity: 1 | 2 | 3;
  reasons: string;
}

/**
 * Whether a document asks for an answer, and how urgently: negative words, an NPS detractor (0–6), CSAT 1–2,
 * 1–2 stars, a bug or a complaint. 3 = a low rating said in negative words, 2 = a low rating or a negative bug /
 * complaint, 1 = the rest; null when nothing asks. `sentiment` and `kind` are null for a rating-only answer.
 */
export function followupOf(sentiment: SentimentLabel | null, kind: FeedbackKind | null, ratings: readonly RatingValue[]): QueuedFollowup | null {
  const negative = sentiment === 'negative';
  const detractor = ratings.some((r) => r.scale === 'nps' && r.rating >= 0 && r.rating <= 6);
  const dissatisfied = ratings.some((r) => r.scale === 'csat' && r.rating >= 1 && r.rating <= 2);
  const lowStars = ratings.some((r) => r.scale === 'stars' && r.rating >= 1 && r.rating <= 2);
  const low = detractor || dissatisfied || lowStars;
  const bugOrComplaint = kind === 'bug' || kind === 'complaint';
  if (!low && !negative && !bugOrComplaint) return null;
  const reasons = [negative && 'negative', detractor && 'detractor', dissatisfied && 'dissatisfied', lowStars && 'low_stars', bugOrComplaint && kind]
    .filter((r): r is string => typeof r === 'string')
    .join(' ');
  return { severity: low && negative ? 3 : low || (negative && bugOrComplaint) ? 2 : 1, reasons };
}
