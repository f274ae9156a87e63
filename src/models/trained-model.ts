// A model trained from a team's labels: the linear classifier, how much it leans on the rules, and its CV figures.
// Plain JSON, so it can be stored in the database and passed to worker threads as stage config.
import { assertLinearClassifierModel, type LinearClassifierModel } from './linear-classifier.js';
import type { RuleFeatureSet } from './rule-features.js';

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
  assertLinearClassifierModel(m.classifier);
}
