import type { Doc, Emotion, JourneyStage, KindResult, SentimentResult, Touchpoint } from '../types.js';
import { createTokenizer } from '../tokenize/index.js';
import { createSentimentScorer, detectEmotions, type SentimentConfig } from '../sentiment/index.js';
import { createKindClassifier, tagJourney, type KindConfig } from '../classify/index.js';
import type { DocPlacement } from '../themes/place-docs.js';
import type { ThemeDoc } from '../themes/theme-types.js';

/** What analysis adds to a Doc; small enough to pass between threads cheaply. */
export interface DocAnalysis {
  id: string;
  terms: string[];
  sentiment: SentimentResult;
  emotions: Emotion[];
  kind: KindResult;
  stage: JourneyStage | null;
  touchpoint: Touchpoint | null;
  /** Its place among a run's provisional themes, when a worker thread was given them (worker-pool.ts). */
  placement?: WorkerPlacement;
}

/** A document's vector and placement as a worker thread computed them under the placement model `token`. */
export interface WorkerPlacement extends DocPlacement {
  token: string;
  vector: Float32Array;
}

/** The document as theme steps see it, from the document and its analysis (the same wherever it is built). */
export function themeDocOf(doc: Doc, a: DocAnalysis): ThemeDoc {
  return { id: doc.id, text: doc.text, lang: doc.lang, terms: a.terms, sentiment: a.sentiment.label, kind: a.kind.label };
}

export interface AnalyzerConfig {
  sentiment: SentimentConfig;
  kind: KindConfig;
}

export type AnalyzeBatch = (docs: readonly Doc[]) => Promise<DocAnalysis[]>;

/** Tokenize → sentiment → emotions → kind → journey, for one batch. Builds its resources once. */
export async function createAnalyzer(config: AnalyzerConfig): Promise<AnalyzeBatch> {
  const [tokenizer, scorer, classifier] = await Promise.all([
    createTokenizer(),
    createSentimentScorer(config.sentiment),
    createKindClassifier(config.kind),
  ]);
  return async (docs) => {
    const tokenized = docs.map((d) => tokenizer.tokenize(d));
    const sentiments = await scorer.score(tokenized);
    const kinds = await classifier.classify(tokenized, sentiments);
    return tokenized.map((doc, i) => {
      const journey = tagJourney(doc);
      return {
        id: doc.id,
        terms: doc.terms,
        sentiment: sentiments[i]!,
        emotions: detectEmotions(doc),
        kind: kinds[i]!,
        stage: journey.stage,
        touchpoint: journey.touchpoint,
      };
    });
  };
}
