// The registry of feedback-kind classifiers. The config names one; an unknown name fails listing the valid ones.
// To add a backend (e.g. a trained model in `linear-backend.ts`), add one entry to KIND_BACKENDS below, importing the
// module lazily inside the factory so its weights load only when configured.
import type { KindResult, SentimentResult, TokenizedDoc } from '../types.js';
import { explainKindRules, loadKindCues, DEFAULT_KIND_CUE_FILES, KIND_RULES_MODEL } from './kind-rules.js';

export interface KindClassifier {
  readonly name: string;
  classify(docs: readonly TokenizedDoc[], sentiments: readonly SentimentResult[]): Promise<KindResult[]>;
}

export interface KindConfig {
  /** Backend name; default 'rules'. */
  backend?: string;
  [k: string]: unknown;
}

export type KindBackendFactory = (config: KindConfig) => Promise<KindClassifier>;

export const DEFAULT_KIND_BACKEND = 'rules';

export const KIND_BACKENDS = new Map<string, KindBackendFactory>([
  ['rules', async (config) => createRulesKindClassifier(config)],
  // Pass-through: labels nothing (every document 'other', confidence 0), for runs that skip kind classification.
  ['none', async () => passThroughKindClassifier],
  // Trained with `koe train kind`, blended with the rules: config { backend: 'linear', model }.
  ['linear', async (config) => (await import('./linear-backend.js')).linearKindBackend(config)],
]);

export async function createKindClassifier(config: KindConfig = {}): Promise<KindClassifier> {
  const name = config.backend ?? DEFAULT_KIND_BACKEND;
  const factory = KIND_BACKENDS.get(name);
  if (!factory) {
    throw new Error(`Unknown feedback-kind backend "${name}". Valid backends: ${[...KIND_BACKENDS.keys()].join(', ')}.`);
  }
  return factory(config);
}

/**
 * The rules backend. Config: `cueFiles` (string[]) replaces the default dictionaries/kind/{ja,en}.tsv.
 * The files are loaded (and checked) once, here.
 */
export function createRulesKindClassifier(config: KindConfig = {}): KindClassifier {
  const { cueFiles } = config;
  if (cueFiles !== undefined && !(Array.isArray(cueFiles) && cueFiles.every((f) => typeof f === 'string'))) {
    throw new Error(`Feedback-kind config "cueFiles" must be an array of file paths, got ${JSON.stringify(cueFiles)}.`);
  }
  const cues = loadKindCues((cueFiles as string[] | undefined) ?? DEFAULT_KIND_CUE_FILES);
  return {
    name: KIND_RULES_MODEL,
    async classify(docs, sentiments) {
      assertAligned(docs, sentiments);
      return docs.map((doc, i) => explainKindRules(doc, sentiments[i] as SentimentResult, cues).result);
    },
  };
}

const passThroughKindClassifier: KindClassifier = {
  name: 'none',
  async classify(docs, sentiments) {
    assertAligned(docs, sentiments);
    return docs.map(() => ({ label: 'other', confidence: 0, model: 'none' }));
  },
};

export function assertAligned(docs: readonly unknown[], sentiments: readonly unknown[]): void {
  if (docs.length !== sentiments.length) {
    throw new Error(`Feedback-kind classify: got ${docs.length} documents but ${sentiments.length} sentiment results; they must align.`);
  }
}
