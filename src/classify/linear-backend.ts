// The 'linear' feedback-kind backend: a model trained with `koe train kind`, blended with the cue rules.
// Config: `{ backend: 'linear', model, cueFiles? }`, model = loadActiveModel(db, 'kind').
import { kindRulesProbabilities } from '../models/blend.js';
import { predictTrained } from '../models/predict-trained.js';
import { encodeDocs, loadModelEncoder } from '../models/sentence-encoder.js';
import { kindRuleFeatures } from '../models/rule-features.js';
import { assertTrainedModel, encoderVector, type TrainedModel } from '../models/trained-model.js';
import { scoreSentimentRules } from '../sentiment/index.js';
import { FEEDBACK_KINDS, type FeedbackKind, type KindResult, type SentimentResult, type TokenizedDoc } from '../types.js';
import type { Cue } from './cue-dictionary.js';
import { assertAligned, type KindBackendFactory, type KindConfig } from './kind-backends.js';
import { DEFAULT_KIND_CUE_FILES, explainKindRules, loadKindCues } from './kind-rules.js';

function modelFromConfig(config: KindConfig): TrainedModel {
  const model = config.model;
  if (model === undefined || model === null) {
    throw new Error("kind backend 'linear' needs a trained model: config { backend: 'linear', model } (train one with koe train kind)");
  }
  assertTrainedModel(model);
  if (model.task !== 'kind') throw new Error(`kind backend 'linear' was given a ${model.task} model`);
  const unknown = model.classifier.labels.filter((l) => !(FEEDBACK_KINDS as readonly string[]).includes(l));
  if (unknown.length) throw new Error(`kind model v${model.version} has labels koe does not know: ${unknown.join(', ')}`);
  return model;
}

export function linearKindModelName(model: TrainedModel): string {
  return `${model.blendWeight > 0 ? 'rules+linear' : 'linear'}:v${model.version}`;
}

/**
 * One document. The rules see the rules sentiment (not the configured sentiment backend's), as they did when the
 * model was trained, so the model's rule features mean the same thing at training and prediction time.
 */
export function classifyKindLinear(
  doc: TokenizedDoc,
  model: TrainedModel,
  cues: readonly Cue<FeedbackKind>[],
  vector?: ArrayLike<number>,
): KindResult {
  const sentiment = scoreSentimentRules(doc);
  const decision = explainKindRules(doc, sentiment, cues);
  const extra = model.ruleFeatures
    ? kindRuleFeatures(decision.result, decision.scores, sentiment, doc, { rating: model.ratingFeatures })
    : undefined;
  const input = { ...doc, extra, vector: encoderVector(model, vector) };
  const prediction = predictTrained(model, input, kindRulesProbabilities(decision.result.label, decision.result.confidence, model.classifier.labels));
  const label = prediction.label as FeedbackKind;
  return { label, confidence: Math.round((prediction.probs[label] ?? 0) * 1000) / 1000, model: linearKindModelName(model) };
}

export const linearKindBackend: KindBackendFactory = async (config) => {
  const model = modelFromConfig(config);
  const { cueFiles } = config;
  if (cueFiles !== undefined && !(Array.isArray(cueFiles) && cueFiles.every((f) => typeof f === 'string'))) {
    throw new Error(`Feedback-kind config "cueFiles" must be an array of file paths, got ${JSON.stringify(cueFiles)}.`);
  }
  const cues = loadKindCues((cueFiles as string[] | undefined) ?? DEFAULT_KIND_CUE_FILES);
  const encoder = model.encoder ? await loadModelEncoder(model.encoder, `kind model v${model.version}`) : null;
  return {
    name: linearKindModelName(model),
    async classify(docs, sentiments: readonly SentimentResult[]) {
      assertAligned(docs, sentiments);
      const vectors = encoder ? await encodeDocs(encoder, docs) : [];
      return docs.map((doc, i) => classifyKindLinear(doc, model, cues, vectors[i]));
    },
  };
};
