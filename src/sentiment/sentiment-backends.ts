// The registry of sentiment scorers. The config names one; an unknown name fails listing the valid ones.
// Other backends (trained linear model, transformers.js) register here from their own *-backend.ts files.
import type { SentimentResult, TokenizedDoc } from '../types.js';
import { scoreSentimentRules } from './score-sentiment-rules.js';

export interface SentimentScorer {
  readonly name: string;
  score(docs: readonly TokenizedDoc[]): Promise<SentimentResult[]>;
}

export interface SentimentConfig {
  /** Registered backend name; default 'rules'. */
  backend?: string;
  /** |score| below this is neutral (default: per language, dictionaries/sentiment/calibration.tsv). */
  neutralBand?: number;
  [key: string]: unknown;
}

export type SentimentBackendFactory = (config: SentimentConfig) => Promise<SentimentScorer>;

export const DEFAULT_SENTIMENT_BACKEND = 'rules';

export const SENTIMENT_BACKENDS = new Map<string, SentimentBackendFactory>([
  [
    'rules',
    async (config) => {
      const neutralBand = typeof config.neutralBand === 'number' ? config.neutralBand : undefined;
      return {
        name: 'rules',
        score: async (docs) => docs.map((d) => scoreSentimentRules(d, { neutralBand })),
      };
    },
  ],
  // Pass-through: every document neutral with score 0. For pipelines that do not want sentiment, and to measure
  // what the scorer costs (scripts/bench-run.ts --sentiment none).
  [
    'none',
    async () => ({
      name: 'none',
      score: async (docs) =>
        docs.map((d) => ({ label: 'neutral' as const, score: 0, confidence: 0, sentences: d.sentences.map(() => 0), model: 'none' })),
    }),
  ],
  // Trained with `koe train sentiment`, blended with the rules: config { backend: 'linear', model }.
  ['linear', async (config) => (await import('./linear-backend.js')).linearSentimentBackend(config)],
  // Opt-in transformers.js model from a local directory: config { backend: 'transformer', modelDir }.
  ['transformer', async (config) => (await import('./transformer-backend.js')).transformerSentimentBackend(config)],
]);

/** The scorer the config names (default 'rules'). */
export async function createSentimentScorer(config: SentimentConfig = {}): Promise<SentimentScorer> {
  const name = config.backend ?? DEFAULT_SENTIMENT_BACKEND;
  const factory = SENTIMENT_BACKENDS.get(name);
  if (!factory) {
    throw new Error(`unknown sentiment backend "${name}"; valid backends: ${[...SENTIMENT_BACKENDS.keys()].join(', ')}`);
  }
  return factory(config);
}
