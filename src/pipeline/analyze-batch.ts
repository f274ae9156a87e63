import type { Doc, Emotion, JourneyStage, KindResult, SentimentResult, Touchpoint } from '../types.js';
import type { StoredThemeDoc } from '../store/theme-repository.js';
import type { Placement, PlacementSnapshot } from '../themes/place-documents.js';
import { createTokenizer } from '../tokenize/index.js';
import { createSentimentScorer, detectEmotions, type SentimentConfig } from '../sentiment/index.js';
import { createKindClassifier, tagJourney, type KindConfig } from '../classify/index.js';

/** What analysis adds to a Doc; small enough to pass between threads cheaply. */
export interface DocAnalysis {
  id: string;
  terms: string[];
  sentiment: SentimentResult;
  emotions: Emotion[];
  kind: KindResult;
  stage: JourneyStage | null;
  touchpoint: Touchpoint | null;
}

export interface AnalyzerConfig {
  sentiment: SentimentConfig;
  kind: KindConfig;
}

export type AnalyzeBatch = (docs: readonly Doc[]) => Promise<DocAnalysis[]>;

/** A batch's analyses, and where its documents go among the themes when the analyzer was given them (worker threads at size). */
export interface AnalysisReply {
  analyses: DocAnalysis[];
  /** One row per document, in order (themes/place-documents.ts). */
  placed?: Placement;
}

/** What an analysis worker thread is started with. */
export interface AnalyzeWorkerData {
  analyzer: AnalyzerConfig;
  /** The stored space and live themes to place each batch in (a run at size), or none. */
  placement?: PlacementSnapshot;
}

/** A document with its analysis, as the theme stages read it. */
export function themeDocOf(doc: Doc, a: DocAnalysis): StoredThemeDoc {
  return { id: doc.id, text: doc.text, lang: doc.lang, terms: a.terms, sentiment: a.sentiment.label, kind: a.kind.label, contentHash: doc.contentHash };
}

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
