// Accuracy of `koe train` (linear classifier blended with the rules) on ../shared/data: trained on one part of a
// file and tested on the rest (one split, and 5-fold CV for the spread); across files (airline → amazon); feedback
// kind by 5-fold CV.
// Run: npx tsx scripts/eval-trained.ts
import { classificationMetrics } from '../src/models/classification-metrics.js';
import { stratifiedFolds, type Prediction } from '../src/models/linear-classifier.js';
import {
  appReviewKind,
  CV_FOLD_SEED,
  crossValidateTrained,
  fit,
  predictDocs,
  readDevFile,
  sentimentFigures,
  toDocs,
  encodeForEval,
  trainTestSplit,
  type DevRow,
  type EncodedDocs,
} from './lib/trained-systems.js';

const f3 = (x: number): string => x.toFixed(3);
const withEncoder = (encoded: EncodedDocs | undefined): string => (encoded ? `, with sentence encoder ${encoded.encoder.id}` : '');

// --encoder NAME|DIR (default use-lite-en) adds the English figures with a pretrained sentence encoder's vectors as
// features (`koe train --encoder`); --encoder none leaves them out.
const encoderArg = process.argv.indexOf('--encoder');
const ENCODER = encoderArg >= 0 ? (process.argv[encoderArg + 1] ?? 'none') : 'use-lite-en';

async function withinFile(name: string): Promise<void> {
  const started = Date.now();
  const { train, test } = trainTestSplit(readDevFile(name));
  const trainDocs = await toDocs(train);
  const fitStarted = Date.now();
  const model = await fit('sentiment', trainDocs, train.map((r) => r.label));
  const fitSeconds = (Date.now() - fitStarted) / 1000;
  const testDocs = await toDocs(test);
  const t0 = Date.now();
  const preds = predictDocs(model, testDocs);
  const perSecond = test.length / Math.max(1e-3, (Date.now() - t0) / 1000);
  const gold = test.map((r) => r.label);
  const b = sentimentFigures(gold, preds.blended);
  const m = sentimentFigures(gold, preds.modelOnly);
  const three = (f: ReturnType<typeof sentimentFigures>): string => (f.threeClass ? ` 3-class macro-F1 ${f3(f.threeClass.macroF1)}` : '');
  console.log(
    `${name}  train ${train.length} / test ${test.length}  blend weight ${model.blendWeight}  (CV on train: macro-F1 ${f3(model.metrics.macroF1)})\n` +
      `  koe train (rules+linear):          binary acc ${f3(b.binary.accuracy)} macro-F1 ${f3(b.binary.macroF1)}${three(b)}\n` +
      `  no blend (rules as features only): binary acc ${f3(m.binary.accuracy)} macro-F1 ${f3(m.binary.macroF1)}${three(m)}\n` +
      `  training ${fitSeconds.toFixed(1)} s (5-fold CV + final model, 4-run ensembles each); ${Math.round(perSecond)} docs/s ` +
      `predicting (rules + linear, tokenized docs); ${((Date.now() - started) / 1000).toFixed(1)} s in all with tokenizing`,
  );
}

/**
 * k-fold CV over a whole file (every row tested once, by a model trained on the other folds): pooled figures, and the
 * spread over the folds, which shows how much one train/test split can move a figure.
 */
async function withinFileFolds(name: string, encoderName: string | null = null, folds = 5): Promise<void> {
  const started = Date.now();
  const rows = readDevFile(name);
  const labels = rows.map((r) => r.label);
  const docs = await toDocs(rows);
  const encoded = encoderName ? await encodeForEval(encoderName, name, docs) : undefined;
  const cv = await crossValidateTrained('sentiment', docs, labels, folds, {}, encoded);
  const foldOf = stratifiedFolds(labels, folds, CV_FOLD_SEED);
  const line = (preds: Prediction[]): string => {
    const pooled = sentimentFigures(labels, preds);
    const perFold = Array.from({ length: folds }, (_, f) => {
      const idx = labels.map((_, i) => i).filter((i) => foldOf[i] === f);
      return sentimentFigures(
        idx.map((i) => labels[i] as string),
        idx.map((i) => preds[i] as Prediction),
      );
    });
    const range = (xs: number[]): string => `folds ${f3(Math.min(...xs))}–${f3(Math.max(...xs))}`;
    const binary = `binary macro-F1 ${f3(pooled.binary.macroF1)} (${range(perFold.map((x) => x.binary.macroF1))})`;
    const three = pooled.threeClass
      ? `, 3-class macro-F1 ${f3(pooled.threeClass.macroF1)} (${range(perFold.map((x) => x.threeClass?.macroF1 ?? 0))})`
      : '';
    return binary + three;
  };
  console.log(
    `${name}  ${folds}-fold CV over all ${rows.length} rows${withEncoder(encoded)}; blend weights ${cv.blendWeights.join(', ')}\n` +
      `  koe train (rules+linear):          ${line(cv.blended)}\n` +
      `  no blend (rules as features only): ${line(cv.modelOnly)}\n` +
      `  ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
  );
}

async function acrossFiles(trainName: string, testName: string, encoderName: string | null = null): Promise<void> {
  const polar = (r: DevRow): boolean => r.label === 'positive' || r.label === 'negative';
  const train = readDevFile(trainName).filter(polar);
  const test = readDevFile(testName).filter(polar);
  const [trainDocs, testDocs] = [await toDocs(train), await toDocs(test)];
  const trainEncoded = encoderName ? await encodeForEval(encoderName, `${trainName}.polar`, trainDocs) : undefined;
  const testEncoded = encoderName ? await encodeForEval(encoderName, `${testName}.polar`, testDocs) : undefined;
  const model = await fit('sentiment', trainDocs, train.map((r) => r.label), trainEncoded ? { vectors: trainEncoded } : {});
  const preds = predictDocs(model, testDocs, testEncoded?.vectors);
  const gold = test.map((r) => r.label);
  const b = sentimentFigures(gold, preds.blended);
  const m = sentimentFigures(gold, preds.modelOnly);
  console.log(
    `${trainName} → ${testName}  (polar rows${withEncoder(trainEncoded)}; blend weight ${model.blendWeight})\n` +
      `  koe train (rules+linear):          binary acc ${f3(b.binary.accuracy)} macro-F1 ${f3(b.binary.macroF1)}\n` +
      `  no blend (rules as features only): binary acc ${f3(m.binary.accuracy)} macro-F1 ${f3(m.binary.macroF1)}`,
  );
}

/**
 * Kind by 5-fold CV. `functionalOnly` keeps only the rows labelled BUG, FEATURE or OTHER (the non-functional classes
 * performance, usability, energy and security dropped rather than mapped to other): plain TF-IDF + LR gets 0.865–0.874
 * there against 0.805–0.845 on the whole file, so the issue's 0.88 anchor was most likely measured that way.
 */
async function kind(name: string, encoderName: string | null = null, functionalOnly = false): Promise<void> {
  const rows = readDevFile(name).filter((r) => !functionalOnly || ['BUG', 'FEATURE', 'OTHER'].includes(r.label));
  const labels = rows.map((r) => appReviewKind(r.label));
  const docs = await toDocs(rows);
  const encoded = encoderName ? await encodeForEval(encoderName, `${name}${functionalOnly ? '.functional' : ''}`, docs) : undefined;
  const cv = await crossValidateTrained('kind', docs, labels, 5, {}, encoded);
  // The anchor's setup (text features, no rules), same folds: what the rules add on top of a plain linear model.
  const textOnly = await crossValidateTrained('kind', docs, labels, 5, { ruleFeatures: false, blendWithRules: false }, encoded);
  const classes = ['bug', 'feature_request', 'other'];
  const b = classificationMetrics(labels, cv.blended.map((p) => p.label), classes);
  const m = classificationMetrics(labels, cv.modelOnly.map((p) => p.label), classes);
  const t = classificationMetrics(labels, textOnly.modelOnly.map((p) => p.label), classes);
  const perClass = (x: typeof b): string => classes.map((c) => `${c} ${f3(x.f1[c] ?? 0)}`).join(', ');
  console.log(
    `${name}  5-fold CV, ${functionalOnly ? `only the ${rows.length} BUG / FEATURE / OTHER rows` : 'bug / feature_request / other (rest → other)'}` +
      `${withEncoder(encoded)}; blend weights ${cv.blendWeights.join(', ')}\n` +
      `  koe train (rules+linear):          kind macro-F1 ${f3(b.macroF1)} acc ${f3(b.accuracy)}  (${perClass(b)})\n` +
      `  no blend (rules as features only): kind macro-F1 ${f3(m.macroF1)} acc ${f3(m.accuracy)}  (${perClass(m)})\n` +
      `  ${`${encoded ? 'text + encoder' : 'text features only'}, no rules:`.padEnd(34)} kind macro-F1 ${f3(t.macroF1)} acc ${f3(t.accuracy)}  (${perClass(t)})`,
  );
}

await withinFile('ja-sentiment-jalan.dev.jsonl');
await withinFile('en-sentiment-airline.dev.jsonl');
await withinFile('en-sentiment-amazon.dev.jsonl');
// The single splits above move by about ±0.01 with small changes to the rules; the folds show the spread.
await withinFileFolds('en-sentiment-airline.dev.jsonl');
await withinFileFolds('en-sentiment-amazon.dev.jsonl');
await acrossFiles('en-sentiment-airline.dev.jsonl', 'en-sentiment-amazon.dev.jsonl');
await kind('en-kind-appreviews.dev.jsonl');
await kind('en-kind-appreviews.dev.jsonl', null, true);
if (ENCODER !== 'none') {
  // The English files again, with the encoder's vectors as features as well (Japanese rows would get no vector from
  // an English encoder, so Jalan is not repeated).
  console.log(`\nwith sentence encoder ${ENCODER} (koe train --encoder ${ENCODER}):`);
  await withinFileFolds('en-sentiment-airline.dev.jsonl', ENCODER);
  await withinFileFolds('en-sentiment-amazon.dev.jsonl', ENCODER);
  await acrossFiles('en-sentiment-airline.dev.jsonl', 'en-sentiment-amazon.dev.jsonl', ENCODER);
  await kind('en-kind-appreviews.dev.jsonl', ENCODER);
  await kind('en-kind-appreviews.dev.jsonl', ENCODER, true);
}
