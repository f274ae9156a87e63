// The opt-in 'transformer' sentiment backend: a local transformers.js text-classification model.
// Config: `{ backend: 'transformer', modelDir, batchSize?, labelMap?, allowRemote?, dtype? }`.
// transformers.js itself is imported only when the first batch is scored.
import { classifySentiment, type ClassifyOptions } from '../models/transformer.js';
import type { SentimentLabel, SentimentResult } from '../types.js';
import type { SentimentBackendFactory, SentimentConfig } from './sentiment-backends.js';

const LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

function optionsFromConfig(config: SentimentConfig): { modelDir: string; options: ClassifyOptions } {
  const { modelDir, batchSize, labelMap, allowRemote, dtype } = config;
  if (typeof modelDir !== 'string' || modelDir === '') {
    throw new Error("sentiment backend 'transformer' needs modelDir: a local model directory (config { backend: 'transformer', modelDir })");
  }
  if (batchSize !== undefined && !(typeof batchSize === 'number' && Number.isInteger(batchSize) && batchSize > 0)) {
    throw new Error(`sentiment backend 'transformer': batchSize must be a positive integer, got ${JSON.stringify(batchSize)}`);
  }
  if (labelMap !== undefined) {
    const ok =
      labelMap !== null &&
      typeof labelMap === 'object' &&
      Object.values(labelMap).every((v) => (LABELS as readonly unknown[]).includes(v));
    if (!ok) throw new Error(`sentiment backend 'transformer': labelMap values must be ${LABELS.join(', ')}, got ${JSON.stringify(labelMap)}`);
  }
  if (dtype !== undefined && dtype !== 'fp32' && dtype !== 'q8') {
    throw new Error(`sentiment backend 'transformer': dtype must be fp32 or q8, got ${JSON.stringify(dtype)}`);
  }
  return {
    modelDir,
    options: {
      batchSize: batchSize as number | undefined,
      labelMap: labelMap as Record<string, SentimentLabel> | undefined,
      allowRemote: allowRemote === true,
      dtype: dtype as 'fp32' | 'q8' | undefined,
    },
  };
}

export const transformerSentimentBackend: SentimentBackendFactory = async (config) => {
  const { modelDir, options } = optionsFromConfig(config);
  return {
    name: 'transformer',
    async score(docs) {
      // Whole documents for the label, and every sentence of multi-sentence documents for Doc.sentences alignment.
      const sentenceTexts: string[] = [];
      for (const d of docs) if (d.sentences.length > 1) sentenceTexts.push(...d.sentences);
      const [whole, sentences] = await Promise.all([
        classifySentiment(modelDir, docs.map((d) => d.text), options),
        classifySentiment(modelDir, sentenceTexts, options),
      ]);
      let next = 0;
      return docs.map((d, i): SentimentResult => {
        const r = whole[i]!;
        const perSentence =
          d.sentences.length > 1 ? d.sentences.map(() => sentences[next++]!.score) : d.sentences.map(() => r.score);
        return {
          label: r.label,
          score: Math.round(r.score * 1e4) / 1e4,
          confidence: Math.round(r.confidence * 1000) / 1000,
          sentences: perSentence.map((s) => Math.round(s * 1e4) / 1e4),
          model: `transformer:${modelDir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? modelDir}`,
        };
      });
    },
  };
};
