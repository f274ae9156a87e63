// The 'linear' sentiment backend: a model trained with `koe train sentiment` (src/pipeline/train.ts), blended with
// the rules scorer. Config: `{ backend: 'linear', model }`, model = loadActiveModel(db, 'sentiment').
import { sentimentRulesProbabilities } from '../models/blend.js';
import { predictTrained } from '../models/predict-trained.js';
import { encodeDocs, loadModelEncoder } from '../models/sentence-encoder.js';
import { sentimentRuleFeatures } from '../models/rule-features.js';
import { assertTrainedModel, encoderVector, type TrainedModel } from '../models/trained-model.js';
import type { SentimentLabel, SentimentResult, TokenizedDoc } from '../types.js';
import { scoreSentimentRules, type RulesOptions } from './score-sentiment-rules.js';
import type { SentimentBackendFactory, SentimentConfig } from './sentiment-backends.js';

/** The model name stored with each result, e.g. "rules+linear:v3" (the model alone: "linear:v3"). */
export function linearModelName(model: TrainedModel): string {
  return `${model.blendWeight > 0 ? 'rules+linear' : 'linear'}:v${model.version}`;
}

/**
 * One document: label = most probable of the blend, score = p(positive) − p(negative) in [-1, 1], confidence =
 * probability of the label. Per-sentence scores come from the rules (the model reads whole documents).
 */
export function scoreSentimentLinear(
  doc: TokenizedDoc,
  model: TrainedModel,
  options: RulesOptions = {},
  vector?: ArrayLike<number>,
): SentimentResult {
  const rules = scoreSentimentRules(doc, options);
  const extra = model.ruleFeatures ? sentimentRuleFeatures(rules, doc, { rating: model.ratingFeatures }) : undefined;
  const input = { ...doc, extra, vector: encoderVector(model, vector) };
  const prediction = predictTrained(model, input, sentimentRulesProbabilities(rules.score, rules.label));
  const label = prediction.label as SentimentLabel;
  const score = (prediction.probs.positive ?? 0) - (prediction.probs.negative ?? 0);
  return {
    label,
    score: Math.round(score * 1e4) / 1e4,
    confidence: Math.round((prediction.probs[label] ?? 0) * 1000) / 1000,
    sentences: rules.sentences,
    model: linearModelName(model),
  };
}

function modelFromConfig(config: SentimentConfig): TrainedModel {
  const model = config.model;
  if (model === undefined || model === null) {
    throw new Error("sentiment backend 'linear' needs a trained model: config { backend: 'linear', model } (train one with koe train sentiment)");
  }
  assertTrainedModel(model);
  if (model.task !== 'sentiment') throw new Error(`sentiment backend 'linear' was given a ${model.task} model`);
  return model;
}

export const linearSentimentBackend: SentimentBackendFactory = async (config) => {
  const model = modelFromConfig(config);
  const neutralBand = typeof config.neutralBand === 'number' ? config.neutralBand : undefined;
  const encoder = model.encoder ? await loadModelEncoder(model.encoder, `sentiment model v${model.version}`) : null;
  return {
    name: linearModelName(model),
    async score(docs) {
      const vectors = encoder ? await encodeDocs(encoder, docs) : [];
      return docs.map((d, i) => scoreSentimentLinear(d, model, { neutralBand }, vectors[i]));
    },
  };
};
