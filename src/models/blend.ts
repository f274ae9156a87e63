// Blending the rules with a trained model: both become probability distributions over the model's labels and are
// mixed linearly. The weight is chosen by cross-validation at training time (see chooseBlendWeight).
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics.js';

export type Probabilities = Record<string, number>;

/**
 * The rules sentiment as a distribution: half from the score (positive = max(s, 0), negative = max(−s, 0),
 * neutral = 1 − |s|) and half from the rules' own label, so a label chosen by the neutral band still counts.
 */
export function sentimentRulesProbabilities(score: number, label: string): Probabilities {
  const s = Math.max(-1, Math.min(1, score));
  const probs: Probabilities = {
    positive: 0.5 * Math.max(0, s),
    negative: 0.5 * Math.max(0, -s),
    neutral: 0.5 * (1 - Math.abs(s)),
  };
  probs[label] = (probs[label] ?? 0) + 0.5;
  return probs;
}

/**
 * The rules kind as a distribution over the model's labels: the rules label gets its confidence, the rest is spread
 * evenly. A rules label the model does not know (e.g. 'praise' when the team labelled only bug / feature_request /
 * other) counts as 'other' when the model has it.
 */
export function kindRulesProbabilities(label: string, confidence: number, modelLabels: readonly string[]): Probabilities {
  const target = modelLabels.includes(label) ? label : modelLabels.includes('other') ? 'other' : null;
  const c = Math.max(0, Math.min(1, confidence));
  const probs: Probabilities = {};
  if (target === null) {
    for (const l of modelLabels) probs[l] = 1 / modelLabels.length;
    return probs;
  }
  const rest = modelLabels.length > 1 ? (1 - c) / (modelLabels.length - 1) : 0;
  for (const l of modelLabels) probs[l] = l === target ? c : rest;
  return probs;
}

/**
 * weight × rules + (1 − weight) × model, over the labels of both: a sentiment model trained on positive/negative
 * only (e.g. from ratings) still lets the rules say neutral.
 */
export function blendProbabilities(rules: Probabilities, model: Probabilities, weight: number): Probabilities {
  const out: Probabilities = {};
  let sum = 0;
  for (const label of new Set([...Object.keys(model), ...Object.keys(rules)])) {
    const v = weight * (rules[label] ?? 0) + (1 - weight) * (model[label] ?? 0);
    out[label] = v;
    sum += v;
  }
  if (sum > 0) for (const label of Object.keys(out)) out[label] = (out[label] as number) / sum;
  return out;
}

/** The most probable label (ties go to the label listed first). */
export function argmax(probs: Probabilities): string {
  let best = '';
  let bestP = -Infinity;
  for (const [label, p] of Object.entries(probs)) {
    if (p > bestP) {
      best = label;
      bestP = p;
    }
  }
  return best;
}

export const BLEND_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export interface BlendChoice {
  weight: number;
  /** Figures of the argmax labels at that weight. */
  metrics: ClassificationMetrics;
  /** The objective's value at that weight. */
  objective: number;
}

/** What the blend weight maximises: by default macro-F1 of the most probable labels. */
export type BlendObjective = (gold: readonly string[], blended: readonly Probabilities[]) => number;

export const labelMacroF1: BlendObjective = (gold, blended) => classificationMetrics(gold, blended.map(argmax)).macroF1;

/**
 * For sentiment: the mean of 3-class macro-F1 and binary macro-F1 over positive/negative rows by the sign of
 * p(positive) − p(negative) — koe stores both a label and a signed score, and both should be right.
 */
export const sentimentObjective: BlendObjective = (gold, blended) => {
  const polarGold: string[] = [];
  const polarPred: string[] = [];
  gold.forEach((g, i) => {
    if (g !== 'positive' && g !== 'negative') return;
    const p = blended[i] as Probabilities;
    const score = (p.positive ?? 0) - (p.negative ?? 0);
    polarGold.push(g);
    polarPred.push(score > 0 ? 'positive' : score < 0 ? 'negative' : 'zero');
  });
  const binary = polarGold.length ? classificationMetrics(polarGold, polarPred, ['positive', 'negative']).macroF1 : 0;
  return (labelMacroF1(gold, blended) + binary) / 2;
};

/**
 * Picks the rules weight with the best objective on out-of-fold predictions (so the choice never sees a document the
 * model was fitted on). Ties go to the smaller weight. Without rules the weight is 0.
 */
export function chooseBlendWeight(
  gold: readonly string[],
  modelProbs: readonly Probabilities[],
  rulesProbs: readonly Probabilities[] | null,
  objective: BlendObjective = labelMacroF1,
): BlendChoice {
  const weights = rulesProbs ? BLEND_WEIGHTS : [0];
  let best: BlendChoice | null = null;
  for (const w of weights) {
    const blended = rulesProbs ? modelProbs.map((p, i) => blendProbabilities(rulesProbs[i] as Probabilities, p, w)) : modelProbs;
    const value = objective(gold, blended);
    if (!best || value > best.objective + 1e-12) {
      best = { weight: w, objective: value, metrics: classificationMetrics(gold, blended.map(argmax)) };
    }
  }
  return best as BlendChoice;
}
