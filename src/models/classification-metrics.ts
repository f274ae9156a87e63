// Accuracy and macro-F1: macro-F1 averages the per-class F1 so a majority class cannot hide a missed minority.

export interface ClassificationMetrics {
  accuracy: number;
  macroF1: number;
  /** Per-class F1, for the labels given. */
  f1: Record<string, number>;
  n: number;
}

/**
 * Scores predictions against gold labels. `labels` fixes the classes macro-F1 averages over; a class that appears
 * in neither the gold labels nor the predictions is left out (it has no F1 to speak of).
 */
export function classificationMetrics(
  gold: readonly string[],
  predicted: readonly string[],
  labels?: readonly string[],
): ClassificationMetrics {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} labels, predictions ${predicted.length}`);
  const classes = labels ?? [...new Set([...gold, ...predicted])].sort();
  let correct = 0;
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as string;
    const p = predicted[i] as string;
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    }
  }
  const f1: Record<string, number> = {};
  let sum = 0;
  let counted = 0;
  for (const c of classes) {
    const t = tp.get(c) ?? 0;
    const gc = goldCount.get(c) ?? 0;
    const pc = predCount.get(c) ?? 0;
    if (gc === 0 && pc === 0) continue;
    const score = gc + pc === 0 ? 0 : (2 * t) / (gc + pc);
    f1[c] = score;
    sum += score;
    counted++;
  }
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1: counted ? sum / counted : 0, f1, n: gold.length };
}
