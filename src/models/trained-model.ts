// A model trained from a team's labels: the linear classifier, how much it leans on the rules, and its CV figures.
// Plain JSON, so it can be stored in the database and passed to worker threads as stage config.
import { assertLinearClassifierModel, type LinearClassifierModel } from './linear-classifier.js';
import type { RuleFeatureSet } from './rule-features.js';
import type { SentenceEncoderRef } from './sentence-encoder.js';

export type TrainedTask = 'sentiment' | 'kind';
export const TRAINED_TASKS: readonly TrainedTask[] = ['sentiment', 'kind'];

export interface CvMetrics {
  folds: number;
  /** Out-of-fold figures of the blend actually used (rules × blendWeight + model × (1 − blendWeight)). */
  accuracy: number;
  macroF1: number;
  f1: Record<string, number>;
  /** Out-of-fold figures of the linear model alone, for comparison. */
  modelOnly: { accuracy: number; macroF1: number };
  /** Out-of-fold figures of the rules alone, when rules were available at training time. */
  rulesOnly: { accuracy: number; macroF1: number } | null;
}

export interface TrainedModel {
  task: TrainedTask;
  /** Set by the store when saved (0 before). */
  version: number;
  createdAt: string;
  trainedOn: number;
  /** Where the labels came from: `labels:<file>` or `ratings`. */
  labelSource: string;
  /**
   * Weight of the rules' probabilities in the blend, in [0, 1]: chosen by cross-validation as the weight (from 0,
   * 0.1, … 0.9) with the best out-of-fold objective — macro-F1 for kind; for sentiment the mean of 3-class macro-F1
   * and binary macro-F1 by the sign of the score. 0 means the trained model alone.
   */
  blendWeight: number;
  /**
   * The rules' outputs the classifier also reads as features (src/models/rule-features.ts), or null for text
   * features only. The backends compute the same set at prediction time.
   */
  ruleFeatures: RuleFeatureSet | null;
  /** Whether the rule features include the document's rating (false for models trained from ratings). */
  ratingFeatures: boolean;
  /**
   * The pretrained sentence encoder whose vectors the classifier also reads, or null (text and rule features only).
   * Prediction needs the same encoder (same id), so its vectors mean what they meant at training time.
   */
  encoder: SentenceEncoderRef | null;
  metrics: CvMetrics;
  classifier: LinearClassifierModel;
}

/** Checks a parsed TrainedModel, naming what is wrong. */
export function assertTrainedModel(value: unknown): asserts value is TrainedModel {
  const m = value as Partial<TrainedModel> | null;
  if (!m || typeof m !== 'object') throw new Error('trained model: expected an object');
  if (!TRAINED_TASKS.includes(m.task as TrainedTask)) {
    throw new Error(`trained model: task ${JSON.stringify(m.task)} is not one of ${TRAINED_TASKS.join(', ')}`);
  }
  if (typeof m.blendWeight !== 'number' || m.blendWeight < 0 || m.blendWeight > 1) {
    throw new Error(`trained model: blendWeight must be a number in [0, 1], got ${JSON.stringify(m.blendWeight)}`);
  }
  if (m.ruleFeatures !== null && m.ruleFeatures !== 'sentiment-v1' && m.ruleFeatures !== 'kind-v1') {
    throw new Error(`trained model: ruleFeatures ${JSON.stringify(m.ruleFeatures)} is not known to this koe`);
  }
  if (typeof m.ratingFeatures !== 'boolean') throw new Error('trained model: ratingFeatures must be true or false');
  // Models stored before encoders existed have no field: they read no vectors.
  if (m.encoder === undefined) (m as { encoder: null }).encoder = null;
  const e = m.encoder;
  if (
    e !== null &&
    (typeof e !== 'object' || typeof e.name !== 'string' || typeof e.id !== 'string' || !Number.isInteger(e.dims) ||
      !(e.langs === null || Array.isArray(e.langs)))
  ) {
    throw new Error(`trained model: encoder must be null or { name, id, dims, langs }, got ${JSON.stringify(e)}`);
  }
  assertLinearClassifierModel(m.classifier);
}

/**
 * The vector to give a model's classifier: required (with the encoder's length) when the model was trained with an
 * encoder, ignored when it was not.
 */
export function encoderVector(model: TrainedModel, vector: ArrayLike<number> | undefined): ArrayLike<number> | undefined {
  if (!model.encoder) return undefined;
  if (!vector) throw new Error(`${model.task} model v${model.version} reads ${model.encoder.name} vectors, and none was given`);
  if (vector.length !== model.encoder.dims) {
    throw new Error(`${model.task} model v${model.version}: encoder vector has ${vector.length} dimensions, ${model.encoder.dims} expected`);
  }
  return vector;
}
