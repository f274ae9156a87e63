// The analysis kernel alone, in one thread: CPU time per document for each stage (tokenize → sentiment → emotions →
// kind → journey) and a hash of every output, so that a speed-up can be shown to change nothing.
//   npm run bench:analyze -- [--rows 20000] [--seed 12] [--shared] [--batch 500] [--repeat 1] [--dump FILE]
// Input: `rows` generated rows (scripts/lib/feedback-generator.ts, the bench:run input) plus the bundled sample
// (data/); --shared adds every labelled set in ../shared/data (real text: long livedoor articles, tweets, reviews).
// Pass 1 runs createAnalyzer (the code the worker threads run) batch by batch and hashes every DocAnalysis;
// pass 2 runs the same stages one at a time for the per-stage CPU figures and must give the same hash. The token
// hash covers every field of every token, the stricter check for tokenizer changes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles, readFeedback } from '../src/ingest/index.js';
import { normalizeFeedback, OccurrenceCounter } from '../src/normalize/index.js';
import { createAnalyzer, type DocAnalysis } from '../src/pipeline/analyze-batch.js';
import { createTokenizer } from '../src/tokenize/index.js';
import { createSentimentScorer, detectEmotions } from '../src/sentiment/index.js';
import { createKindClassifier, tagJourney } from '../src/classify/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { Doc, TokenizedDoc } from '../src/types.js';
import { generatedInput } from './lib/bench-support.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '12' },
    shared: { type: 'boolean', default: false },
    batch: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '1' },
    dump: { type: 'string' },
  },
});
const rows = Number(values.rows);
const batchSize = Number(values.batch);
const repeat = Number(values.repeat);

// A fixed key for personal source ids (the airline tweets' ids): without one each process hashes them with a
// random key, and the ids in the output hash would differ from run to run.
const SOURCE_ID_KEY = new TextEncoder().encode('bench:analyze');

async function readDocs(files: string[]): Promise<Doc[]> {
  const docs: Doc[] = [];
  const occurrences = new OccurrenceCounter();
  for await (const item of readFeedback(files)) {
    if (item.ok) docs.push(normalizeFeedback(item.row, { sourceIdKey: SOURCE_ID_KEY, occurrences }));
  }
  return docs;
}

const inputs = [...(rows > 0 ? [generatedInput(rows, Number(values.seed))] : []), ...listInputFiles([path.join(PACKAGE_ROOT, 'data')])];
if (values.shared) {
  const dir = path.join(PACKAGE_ROOT, '..', 'shared', 'data');
  inputs.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f)));
}
const docs = await readDocs(inputs);
const ja = docs.filter((d) => d.lang === 'ja').length;
const chars = docs.reduce((a, d) => a + d.text.length, 0);

const config = { sentiment: {}, kind: {} };
const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const batches = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) out.push(items.slice(i, i + batchSize));
  return out;
};
const hashAnalyses = (all: readonly DocAnalysis[]): string => {
  const h = crypto.createHash('sha256');
  for (const a of all) h.update(JSON.stringify(a)).update('\n');
  return h.digest('hex').slice(0, 16);
};

// Loads (kuromoji, lexicons, cue files) and a first JIT warm-up happen outside the timings.
const analyze = await createAnalyzer(config);
await analyze(docs.slice(0, 300));

// Pass 1: the kernel as the workers run it.
let kernelHash = '';
let kernelMicros = Infinity;
for (let r = 0; r < repeat; r++) {
  const results: DocAnalysis[] = [];
  const c0 = cpuMicros();
  for (const b of batches(docs)) results.push(...(await analyze(b)));
  kernelMicros = Math.min(kernelMicros, cpuMicros() - c0);
  kernelHash = hashAnalyses(results);
  // --dump: one JSON line per document, to diff two versions when the hashes differ.
  if (values.dump !== undefined && r === 0) fs.writeFileSync(values.dump, results.map((a) => JSON.stringify(a)).join('\n') + '\n');
}

// Pass 2: stage by stage, as createAnalyzer composes them.
const tokenizer = await createTokenizer();
const scorer = await createSentimentScorer(config.sentiment);
const classifier = await createKindClassifier(config.kind);
const stages = { tokenize: Infinity, sentiment: Infinity, emotions: Infinity, kind: Infinity, journey: Infinity };
let stageHash = '';
let tokenHash = '';
for (let r = 0; r < repeat; r++) {
  const times = { tokenize: 0, sentiment: 0, emotions: 0, kind: 0, journey: 0 };
  const results: DocAnalysis[] = [];
  const tokens = crypto.createHash('sha256');
  for (const b of batches(docs)) {
    let c = cpuMicros();
    const lap = (stage: keyof typeof times): void => {
      const now = cpuMicros();
      times[stage] += now - c;
      c = now;
    };
    const tokenized: TokenizedDoc[] = b.map((d) => tokenizer.tokenize(d));
    lap('tokenize');
    const sentiments = await scorer.score(tokenized);
    lap('sentiment');
    const emotions = tokenized.map((d) => detectEmotions(d));
    lap('emotions');
    const kinds = await classifier.classify(tokenized, sentiments);
    lap('kind');
    const journeys = tokenized.map((d) => tagJourney(d));
    lap('journey');
    tokenized.forEach((doc, i) => {
      tokens.update(JSON.stringify(doc.tokens)).update('\n');
      results.push({
        id: doc.id,
        terms: doc.terms,
        sentiment: sentiments[i]!,
        emotions: emotions[i]!,
        kind: kinds[i]!,
        stage: journeys[i]!.stage,
        touchpoint: journeys[i]!.touchpoint,
      });
    });
  }
  for (const k of Object.keys(stages) as (keyof typeof stages)[]) stages[k] = Math.min(stages[k], times[k]);
  stageHash = hashAnalyses(results);
  tokenHash = tokens.digest('hex').slice(0, 16);
}

const perDoc = (us: number): string => `${(us / docs.length).toFixed(1).padStart(7)} µs/doc`;
const stageTotal = Object.values(stages).reduce((a, b) => a + b, 0);
console.log(
  `bench:analyze on ${docs.length.toLocaleString('en')} documents (${rows.toLocaleString('en')} generated + data/${values.shared ? ' + ../shared/data' : ''}; ${ja.toLocaleString('en')} ja, ${(chars / docs.length).toFixed(0)} chars mean), one thread, batches of ${batchSize}, best of ${repeat}`,
);
console.log(`  machine     ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`  kernel      ${perDoc(kernelMicros)}  (createAnalyzer, CPU time of this process)`);
for (const [stage, us] of Object.entries(stages)) {
  console.log(`  ${stage.padEnd(10)}  ${perDoc(us)}  ${((us / stageTotal) * 100).toFixed(0).padStart(3)}%`);
}
console.log(`  stages sum  ${perDoc(stageTotal)}`);
console.log(`  output hash ${kernelHash}  (every DocAnalysis field)`);
console.log(`  token hash  ${tokenHash}  (every Token field)`);
if (stageHash !== kernelHash) {
  console.error(`stage-by-stage hash ${stageHash} differs from the kernel's ${kernelHash}: this script no longer mirrors createAnalyzer`);
  process.exit(2);
}
