// Measures feedback-kind classification on real app-store reviews (../shared/data/en-kind-appreviews.dev.jsonl).
// koe's labels are mapped onto the data's: bug→BUG, feature_request→FEATURE, everything else→OTHER.
// Gold PERFORMANCE / USABILITY / ENERGY / SECURITY count as OTHER (main mapping); a variant counts PERFORMANCE as BUG.
// Reports the even lines (used while writing cues), the odd lines (held out) and all lines.
// To compare another classifier, add a row to SYSTEMS.
//   npx tsx scripts/eval-kind.ts [--errors N]   (N misclassified tuning-half examples per class pair, to stderr)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { Doc, RawFeedback } from '../src/types.js';
import { createKindClassifier, type KindClassifier } from '../src/classify/index.js';
import { normalizeFeedback } from '../src/normalize/index.js';
import { createTokenizer } from '../src/tokenize/index.js';
import { scoreSentimentRules } from '../src/sentiment/index.js';

interface EvalSystem {
  name: string;
  create(): Promise<KindClassifier>;
}

const SYSTEMS: EvalSystem[] = [
  { name: 'majority (always other)', create: () => createKindClassifier({ backend: 'none' }) },
  { name: 'rules (default)', create: () => createKindClassifier({ backend: 'rules' }) },
];

const CLASSES = ['bug', 'feature_request', 'other'] as const;
type EvalClass = (typeof CLASSES)[number];

interface GoldRow {
  lineIndex: number;
  id: string;
  text: string;
  label: string;
  rating: number | null;
}

interface Mapping {
  name: string;
  gold(label: string): EvalClass;
}

const MAPPINGS: Mapping[] = [
  { name: 'main: BUG→bug, FEATURE→feature_request, rest→other', gold: (l) => (l === 'BUG' ? 'bug' : l === 'FEATURE' ? 'feature_request' : 'other') },
  {
    name: 'variant: PERFORMANCE also →bug',
    gold: (l) => (l === 'BUG' || l === 'PERFORMANCE' ? 'bug' : l === 'FEATURE' ? 'feature_request' : 'other'),
  },
];

function predictedClass(label: string): EvalClass {
  return label === 'bug' ? 'bug' : label === 'feature_request' ? 'feature_request' : 'other';
}

async function main(): Promise<void> {
  const errorsArg = process.argv.indexOf('--errors');
  const showErrors = errorsArg >= 0 ? Number(process.argv[errorsArg + 1] ?? 5) : 0;
  const dataFile = path.join(PACKAGE_ROOT, '..', 'shared', 'data', 'en-kind-appreviews.dev.jsonl');
  if (!existsSync(dataFile)) {
    console.log(`eval-kind: ${dataFile} is missing; nothing to measure.`);
    return;
  }
  const rows = readGold(dataFile);
  // The same stages as a koe run: normalize (NFKC, PII masking, language, sentences) → tokenize → rule sentiment.
  const tokenizer = await createTokenizer();
  const t0 = performance.now();
  const docs = rows.map((r) => tokenizer.tokenize(toDoc(r, dataFile)));
  const prepSeconds = (performance.now() - t0) / 1000;
  const sentiments = docs.map((d) => scoreSentimentRules(d));
  console.log(`eval-kind: ${rows.length} reviews from ${path.relative(process.cwd(), dataFile)}`);
  console.log(`normalize + tokenize: ${(rows.length / prepSeconds).toFixed(0)} docs/s; sentiment: scoreSentimentRules\n`);

  const summary: string[] = [];
  for (const system of SYSTEMS) {
    const classifier = await system.create();
    const start = performance.now();
    const results = await classifier.classify(docs, sentiments);
    const seconds = (performance.now() - start) / 1000;
    const predicted = results.map((r) => predictedClass(r.label));
    console.log(`=== ${system.name} — ${(docs.length / seconds).toFixed(0)} docs/s (classify only)`);
    for (const mapping of MAPPINGS) {
      console.log(`  -- ${mapping.name}`);
      for (const [split, keep] of SPLITS) {
        const idx = rows.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
        const gold = idx.map((i) => mapping.gold(rows[i]!.label));
        const pred = idx.map((i) => predicted[i]!);
        const macro = printScores(split, gold, pred);
        if (split !== 'all') summary.push(`${system.name.padEnd(26)} ${mapping.name.split(':')[0]!.padEnd(8)} ${split.padEnd(22)} ${macro.toFixed(3)}`);
      }
    }
    if (showErrors > 0) printErrors(system.name, rows, predicted, showErrors);
    console.log('');
  }
  console.log('Summary: macro-F1 over bug / feature_request / other');
  for (const line of summary) console.log(`  ${line}`);
}

const SPLITS: [string, (r: GoldRow) => boolean][] = [
  ['even lines (tuned on)', (r) => r.lineIndex % 2 === 0],
  ['odd lines (held out)', (r) => r.lineIndex % 2 === 1],
  ['all', () => true],
];

/** Prints P/R/F1 and the confusion matrix; returns macro-F1. */
function printScores(split: string, gold: EvalClass[], pred: EvalClass[]): number {
  const confusion = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) confusion.set(`${gold[i]}>${pred[i]}`, (confusion.get(`${gold[i]}>${pred[i]}`) ?? 0) + 1);
  const count = (g: EvalClass | null, p: EvalClass | null): number =>
    CLASSES.flatMap((gc) => CLASSES.map((pc) => ((g === null || g === gc) && (p === null || p === pc) ? (confusion.get(`${gc}>${pc}`) ?? 0) : 0))).reduce(
      (a, b) => a + b,
      0,
    );
  const f1s: number[] = [];
  const perClass = CLASSES.map((c) => {
    const tp = count(c, c);
    const p = tp / Math.max(1, count(null, c));
    const r = tp / Math.max(1, count(c, null));
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    f1s.push(f1);
    return `${c} P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${f1.toFixed(2)}`;
  });
  const macro = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const accuracy = CLASSES.reduce((a, c) => a + count(c, c), 0) / Math.max(1, gold.length);
  console.log(`     ${split.padEnd(22)} n=${String(gold.length).padStart(4)}  macro-F1 ${macro.toFixed(3)}  acc ${accuracy.toFixed(3)}  | ${perClass.join(' | ')}`);
  const header = `       gold\\pred ${CLASSES.map((c) => c.padStart(16)).join('')}`;
  console.log(header);
  for (const g of CLASSES) console.log(`       ${g.padEnd(15)}${CLASSES.map((p) => String(confusion.get(`${g}>${p}`) ?? 0).padStart(16)).join('')}`);
  return macro;
}

/** Mistakes on the tuning half (even lines) go to stderr, to read, never to copy: they show where cues fail to generalise. */
function printErrors(systemName: string, rows: GoldRow[], predicted: EvalClass[], perPair: number): void {
  const shown = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.lineIndex % 2 === 1) continue;
    const gold = MAPPINGS[0]!.gold(row.label);
    const pred = predicted[i]!;
    if (gold === pred) continue;
    const key = `${gold}>${pred}`;
    const n = shown.get(key) ?? 0;
    if (n >= perPair) continue;
    shown.set(key, n + 1);
    process.stderr.write(`${systemName} [${key}] ${row.text.slice(0, 200)}\n`);
  }
}

function readGold(file: string): GoldRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, lineIndex) => {
      const o = JSON.parse(line) as { id: string; text: string; label: string; rating?: string | number };
      const rating = o.rating === undefined || o.rating === '' ? null : Number(o.rating);
      return { lineIndex, id: o.id, text: o.text, label: o.label, rating: Number.isFinite(rating) ? rating : null };
    });
}

function toDoc(row: GoldRow, file: string): Doc {
  const raw: RawFeedback = {
    file,
    line: row.lineIndex + 1,
    sourceId: row.id,
    text: row.text,
    createdAt: null,
    rating: row.rating,
    ratingScale: row.rating === null ? null : 'stars',
    channel: 'app store',
    product: null,
    source: 'eval',
    metadata: {},
  };
  return normalizeFeedback(raw);
}

await main();
