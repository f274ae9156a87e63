// What the rules said, as extra features for the trained model (stacking): the model learns how far to trust each
// rules signal for the team's data, instead of one fixed blend weight. Built from plain stage results, so the
// training code and the backends compute exactly the same features.
import type { Doc, KindResult, SentimentResult } from '../types.js';

/** Which rule features a model was trained with (stored in the model; null = text features only). */
export type RuleFeatureSet = 'sentiment-v1' | 'kind-v1';

function ratingFeatures(doc: Pick<Doc, 'rating' | 'ratingScale'>, out: Record<string, number>): void {
  if (doc.rating === null || doc.ratingScale === null) return;
  // Position on the scale in [0, 1]; CES is effort (high = bad), the others satisfaction.
  const ranges = { nps: [0, 10], csat: [1, 5], stars: [1, 5], ces: [1, 7] } as const;
  const [lo, hi] = ranges[doc.ratingScale];
  let x = Math.max(0, Math.min(1, (doc.rating - lo) / (hi - lo)));
  if (doc.ratingScale === 'ces') x = 1 - x;
  out['rating:low'] = x <= 0.25 ? 1 : 0;
  out['rating:mid'] = x > 0.25 && x < 0.75 ? 1 : 0;
  out['rating:high'] = x >= 0.75 ? 1 : 0;
}

export interface RuleFeatureOptions {
  /**
   * Add the rating's place on its scale (default true). Off for models trained from ratings: there the rating is
   * the label, and a model that read it would learn nothing about the text.
   */
  rating?: boolean;
}

/** Rules sentiment: signed score parts, label, strongest sentences, and whether the rules found nothing at all. */
export function sentimentRuleFeatures(
  sentiment: SentimentResult,
  doc: Pick<Doc, 'rating' | 'ratingScale'>,
  options: RuleFeatureOptions = {},
): Record<string, number> {
  const s = sentiment.score;
  const out: Record<string, number> = {
    'rules:pos': Math.max(0, s),
    'rules:neg': Math.max(0, -s),
    [`rules:label=${sentiment.label}`]: 1,
    'rules:zero': s === 0 ? 1 : 0,
  };
  if (sentiment.sentences.length > 1) {
    out['rules:max-sentence'] = Math.max(0, ...sentiment.sentences);
    out['rules:min-sentence'] = Math.max(0, -Math.min(...sentiment.sentences));
    out['rules:last-sentence'] = sentiment.sentences[sentiment.sentences.length - 1] ?? 0;
  }
  if (options.rating ?? true) ratingFeatures(doc, out);
  return out;
}

/** Rules kind: the label with its confidence, the cue votes per kind (squashed), plus the sentiment features. */
export function kindRuleFeatures(
  kind: KindResult,
  cueScores: Readonly<Record<string, number>>,
  sentiment: SentimentResult,
  doc: Pick<Doc, 'rating' | 'ratingScale'>,
  options: RuleFeatureOptions = {},
): Record<string, number> {
  const out = sentimentRuleFeatures(sentiment, doc, options);
  out[`kind:label=${kind.label}`] = 1;
  out[`kind:conf=${kind.label}`] = kind.confidence;
  for (const [label, score] of Object.entries(cueScores)) out[`kind:cues=${label}`] = Math.tanh(score / 2);
  return out;
}
