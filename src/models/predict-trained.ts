// Prediction with a trained model: the linear classifier's probabilities, blended with the rules' when the model
// was trained to lean on them (TrainedModel.blendWeight).
import { argmax, blendProbabilities, type Probabilities } from './blend.js';
import { predict, type Prediction } from './linear-classifier.js';
import { extractFeatures, type FeatureInput } from './text-features.js';
import type { TrainedModel } from './trained-model.js';

/** Blended prediction for one document; `rules` is the rules' distribution (null: the model alone). */
export function predictTrained(model: TrainedModel, input: FeatureInput, rules: Probabilities | null): Prediction {
  const p = predict(model.classifier, extractFeatures(input, model.classifier.features));
  if (!rules || model.blendWeight === 0) return p;
  const probs = blendProbabilities(rules, p.probs, model.blendWeight);
  return { label: argmax(probs), probs };
}
