import type { Db } from '../store/open-store.js';
import type { JourneyStage, Touchpoint } from '../types.js';
import { scopeSql, type DocumentScope } from './document-scope.js';

/** Stages in the order a customer lives them, so a heat map reads left to right. */
export const JOURNEY_STAGES: readonly JourneyStage[] = [
  'discover',
  'purchase',
  'delivery',
  'onboarding',
  'use',
  'support',
  'billing',
  'cancel',
];
export const TOUCHPOINTS: readonly Touchpoint[] = ['web', 'app', 'store', 'call_centre', 'email', 'chat', 'delivery'];

export interface JourneyStep {
  /** Stage or touchpoint name. */
  step: string;
  documents: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Shares in [0, 1]; null without documents. */
  sharePositive: number | null;
  shareNeutral: number | null;
  shareNegative: number | null;
  meanSentiment: number | null;
}

export interface JourneySentiment {
  by: 'stage' | 'touchpoint';
  /** Every known step in journey order (zeros where none), then any other tagged value. */
  steps: JourneyStep[];
  /** Documents without a tag. */
  untagged: number;
  /** The step with the lowest mean sentiment among those with at least `minCount` documents. */
  momentOfTruth: JourneyStep | null;
}

/** Sentiment per journey stage (or touchpoint), and its "moment of truth": where feeling is worst. */
export function computeJourneySentiment(
  db: Db,
  by: 'stage' | 'touchpoint' = 'stage',
  scope: DocumentScope = {},
  minCount = 3,
): JourneySentiment {
  const s = scopeSql(scope);
  const column = by === 'stage' ? 'a.stage' : 'a.touchpoint';
  const rows = db
    .prepare(
      `SELECT ${column} AS step, count(*) AS documents,
         sum(a.sentiment_label = 'positive') AS positive, sum(a.sentiment_label = 'neutral') AS neutral,
         sum(a.sentiment_label = 'negative') AS negative, avg(a.sentiment_score) AS mean
       FROM documents d JOIN analyses a ON a.doc_id = d.id
       WHERE 1 = 1${s.where}
       GROUP BY step`,
    )
    .all(s.params) as { step: string | null; documents: number; positive: number; neutral: number; negative: number; mean: number }[];

  const known: readonly string[] = by === 'stage' ? JOURNEY_STAGES : TOUCHPOINTS;
  const found = new Map(rows.filter((r) => r.step !== null).map((r) => [r.step as string, r]));
  const names = [...known, ...[...found.keys()].filter((k) => !known.includes(k)).sort()];
  const steps: JourneyStep[] = names.map((step) => {
    const r = found.get(step);
    const n = r?.documents ?? 0;
    return {
      step,
      documents: n,
      positive: r?.positive ?? 0,
      neutral: r?.neutral ?? 0,
      negative: r?.negative ?? 0,
      sharePositive: n === 0 ? null : (r?.positive ?? 0) / n,
      shareNeutral: n === 0 ? null : (r?.neutral ?? 0) / n,
      shareNegative: n === 0 ? null : (r?.negative ?? 0) / n,
      meanSentiment: n === 0 ? null : (r?.mean ?? null),
    };
  });
  let momentOfTruth: JourneyStep | null = null;
  for (const st of steps) {
    if (st.documents < minCount || st.meanSentiment === null) continue;
    if (momentOfTruth === null || st.meanSentiment < (momentOfTruth.meanSentiment ?? 0)) momentOfTruth = st;
  }
  return { by, steps, untagged: rows.find((r) => r.step === null)?.documents ?? 0, momentOfTruth };
}
