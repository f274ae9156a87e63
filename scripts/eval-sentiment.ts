// Sentiment accuracy and speed on the labelled sets in ../shared/data (read at run time, never copied).
//
//   npx tsx scripts/eval-sentiment.ts            all systems, all files
//   npx tsx scripts/eval-sentiment.ts --sweep    also sweep the neutral, question and single-cue bands on the tuning half
//
// Each file is scored in full and on two halves: "tune" (Jalan split=train; other files: even rows) is what the
// lexicons and calibration were developed against, "held-out" (Jalan split=dev; odd rows) was not looked at for
// tuning. Binary figures use positive/negative rows only, by the sign of the score (a score of exactly 0 counts as
// wrong); 3-class macro-F1 uses the system's label. To add a system, push an entry to SYSTEMS.
//
// Then requests against their stars: the app-review dev set's FEATURE reviews carry no sentiment label but a star
// rating, a weak one. Issue 15 asks that requests read neutral unless they complain; a 4–5★ request labelled
// negative is most likely wrong, a 1–2★ one most likely right. Printed: the share labelled negative per star band,
// from the text alone and with the stars given (rating_scale stars, as an app-store export preset sets it).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeFeedback } from '../src/normalize/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { createSentimentScorer } from '../src/sentiment/index.js';
import { asks, bandOf, sentenceValences } from '../src/sentiment/score-sentiment-rules.js';
import { createTokenizer } from '../src/tokenize/index.js';
import type { RawFeedback, SentimentLabel, TokenizedDoc } from '../src/types.js';

/** A system under evaluation: scores tokenized docs (tokenization is timed separately). */
interface EvalSystem {
  name: string;
  score(docs: readonly TokenizedDoc[]): Promise<{ score: number; label: SentimentLabel }[]>;
}

const SYSTEMS: (() => Promise<EvalSystem>)[] = [
  async () => {
    const scorer = await createSentimentScorer({ backend: 'rules' });
    return { name: 'rules', score: (docs) => scorer.score(docs) };
  },
];

interface DataFile {
  file: string;
  /** Which rows count (chABSA's "mixed" rows are skipped). */
  keep: (label: string) => boolean;
  hasNeutral: boolean;
}

const FILES: DataFile[] = [
  { file: 'ja-sentiment-jalan.dev.jsonl', keep: () => true, hasNeutral: true },
  { file: 'en-sentiment-airline.dev.jsonl', keep: () => true, hasNeutral: true },
  { file: 'en-sentiment-amazon.dev.jsonl', keep: () => true, hasNeutral: false },
  { file: 'ja-aspects-chabsa.jsonl', keep: (l) => l === 'positive' || l === 'negative', hasNeutral: false },
];

interface Row {
  id: string;
  text: string;
  label: SentimentLabel;
  tune: boolean;
}

function readRows(file: string, keep: (l: string) => boolean): Row[] {
  const rows: Row[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const r = JSON.parse(line) as { id: string; text: string; label: string; split?: string };
      if (!keep(r.label)) return;
      const tune = r.split !== undefined ? r.split === 'train' : i % 2 === 0;
      rows.push({ id: String(r.id), text: r.text, label: r.label as SentimentLabel, tune });
    });
  return rows;
}

function raw(row: Pick<Row, 'id' | 'text'>, file: string, line: number): RawFeedback {
  return {
    file, line, sourceId: row.id, text: row.text, createdAt: null, rating: null, ratingScale: null,
    channel: null, product: null, source: null, metadata: {},
  };
}

interface Metrics {
  n: number;
  binAcc: number;
  binF1: number;
  triF1: number | null;
  zeroShare: number;
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function metrics(gold: SentimentLabel[], scores: number[], labels: SentimentLabel[], hasNeutral: boolean): Metrics {
  let correct = 0;
  let polar = 0;
  let zeros = 0;
  const bin = { positive: { tp: 0, fp: 0, fn: 0 }, negative: { tp: 0, fp: 0, fn: 0 } };
  gold.forEach((g, i) => {
    if (g === 'neutral') return;
    polar++;
    const s = scores[i] ?? 0;
    if (s === 0) zeros++;
    const p: SentimentLabel | null = s > 0 ? 'positive' : s < 0 ? 'negative' : null;
    if (p === g) {
      correct++;
      bin[g].tp++;
    } else {
      bin[g].fn++;
      if (p) bin[p].fp++;
    }
  });
  const binF1 = (f1(bin.positive.tp, bin.positive.fp, bin.positive.fn) + f1(bin.negative.tp, bin.negative.fp, bin.negative.fn)) / 2;
  let triF1: number | null = null;
  if (hasNeutral) {
    const classes: SentimentLabel[] = ['positive', 'neutral', 'negative'];
    triF1 =
      classes
        .map((c) => {
          let tp = 0, fp = 0, fn = 0;
          gold.forEach((g, i) => {
            const p = labels[i];
            if (g === c && p === c) tp++;
            else if (p === c) fp++;
            else if (g === c) fn++;
          });
          return f1(tp, fp, fn);
        })
        .reduce((a, b) => a + b, 0) / classes.length;
  }
  return { n: gold.length, binAcc: polar ? correct / polar : 0, binF1, triF1, zeroShare: polar ? zeros / polar : 0 };
}

function labelWithBand(score: number, band: number): SentimentLabel {
  return Math.abs(score) < band ? 'neutral' : score > 0 ? 'positive' : 'negative';
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const f3 = (x: number | null): string => (x === null ? '   - ' : x.toFixed(3));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sweep: { type: 'boolean', default: false } } });
  const dataDir = path.join(PACKAGE_ROOT, '..', 'shared', 'data');
  if (!fs.existsSync(dataDir)) {
    console.log(`no labelled data at ${dataDir}: nothing to evaluate`);
    return;
  }
  const tokenizer = await createTokenizer();
  const systems = await Promise.all(SYSTEMS.map((s) => s()));
  console.log('system   file                         subset     rows  bin-acc  bin-F1  3c-F1  zero%    docs/s');
  for (const df of FILES) {
    const file = path.join(dataDir, df.file);
    if (!fs.existsSync(file)) {
      console.log(`(missing ${df.file})`);
      continue;
    }
    const rows = readRows(file, df.keep);
    const t0 = performance.now();
    const docs = rows.map((r, i) => tokenizer.tokenize(normalizeFeedback(raw(r, df.file, i + 1))));
    const tokenizeSeconds = (performance.now() - t0) / 1000;
    for (const system of systems) {
      // The first pass loads lexicons and warms the JIT; the fastest of three timed passes is reported, since
      // other processes on a shared machine only ever slow a pass down.
      let results = await system.score(docs);
      let seconds = Infinity;
      for (let pass = 0; pass < 3; pass++) {
        const t1 = performance.now();
        results = await system.score(docs);
        seconds = Math.min(seconds, (performance.now() - t1) / 1000);
      }
      const scores = results.map((r) => r.score);
      const labels = results.map((r) => r.label);
      const subsets: [string, (r: Row) => boolean][] = [
        ['all', () => true],
        ['tune', (r) => r.tune],
        ['held-out', (r) => !r.tune],
      ];
      for (const [name, pick] of subsets) {
        const idx = rows.map((r, i) => (pick(r) ? i : -1)).filter((i) => i >= 0);
        const m = metrics(
          idx.map((i) => rows[i]?.label ?? 'neutral'),
          idx.map((i) => scores[i] ?? 0),
          idx.map((i) => labels[i] ?? 'neutral'),
          df.hasNeutral,
        );
        const speed = name === 'all' ? Math.round(rows.length / seconds).toString() : '';
        console.log(
          `${system.name.padEnd(8)} ${df.file.padEnd(28)} ${name.padEnd(8)} ${String(m.n).padStart(6)}  ${pct(m.binAcc)}%  ${f3(m.binF1)}  ${f3(m.triF1)}  ${pct(m.zeroShare)}  ${speed.padStart(8)}`,
        );
      }
      if (values.sweep && df.hasNeutral) {
        // The three bands together: neutral_band, question_band for documents that ask, and single_cue_band as the
        // least band of documents whose score rests on one cue or none.
        const tuneIdx = rows.map((r, i) => (r.tune ? i : -1)).filter((i) => i >= 0);
        const asking = docs.map(asks);
        const evidence = docs.map((d) => sentenceValences(d).reduce((a, v) => a + v.evidence, 0));
        const gold = tuneIdx.map((i) => rows[i]?.label ?? 'neutral');
        const tuneScores = tuneIdx.map((i) => scores[i] ?? 0);
        let best = { band: 0, questionBand: 0, singleCueBand: 0, f: 0 };
        for (let band = 0.02; band <= 0.5; band += 0.02) {
          for (let questionBand = 0.02; questionBand <= 0.6; questionBand += 0.02) {
            for (let singleCueBand = 0; singleCueBand <= 0.6; singleCueBand += 0.04) {
              const bands = { neutralBand: band, questionBand, singleCueBand };
              const labels = tuneIdx.map((i) => labelWithBand(scores[i] ?? 0, bandOf(bands, asking[i] ?? false, evidence[i] ?? 0)));
              const f = metrics(gold, tuneScores, labels, true).triF1 ?? 0;
              if (f > best.f + 1e-9) best = { band, questionBand, singleCueBand, f };
            }
          }
        }
        console.log(
          `         sweep: best on tune: neutral band ${best.band.toFixed(2)}, question band ${best.questionBand.toFixed(2)}, ` +
            `single-cue band ${best.singleCueBand.toFixed(2)} (3-class macro-F1 ${best.f.toFixed(3)})`,
        );
      }
    }
    console.log(`         (tokenization: ${Math.round(rows.length / tokenizeSeconds)} docs/s, not included above)`);
  }
  await requestsAgainstStars(dataDir, tokenizer, systems);
}

/** The share of the app-review dev set's requests labelled negative per star band (see the top of this file). */
async function requestsAgainstStars(dataDir: string, tokenizer: Awaited<ReturnType<typeof createTokenizer>>, systems: EvalSystem[]): Promise<void> {
  const file = 'en-kind-appreviews.dev.jsonl';
  if (!fs.existsSync(path.join(dataDir, file))) return;
  const requests = fs
    .readFileSync(path.join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => ({ row: JSON.parse(line) as { id: string; text: string; label: string; rating?: string }, line: i + 1 }))
    .filter(({ row }) => row.label === 'FEATURE' && Number(row.rating) >= 1 && Number(row.rating) <= 5);
  const bands: [string, (stars: number) => boolean][] = [
    ['1–2★', (x) => x <= 2],
    ['3★', (x) => x === 3],
    ['4–5★', (x) => x >= 4],
  ];
  console.log(`\nrequests against their stars (${file}, ${requests.length} FEATURE reviews with a rating): share labelled negative`);
  for (const system of systems) {
    for (const withStars of [false, true]) {
      const stars = (row: { rating?: string }): Partial<RawFeedback> => (withStars ? { rating: Number(row.rating), ratingScale: 'stars' } : {});
      const docs = requests.map(({ row, line }) => tokenizer.tokenize(normalizeFeedback({ ...raw(row, file, line), ...stars(row) })));
      const labels = (await system.score(docs)).map((r) => r.label);
      const shares = bands.map(([name, pick]) => {
        const idx = requests.map(({ row }, i) => (pick(Number(row.rating)) ? i : -1)).filter((i) => i >= 0);
        const negative = idx.filter((i) => labels[i] === 'negative').length;
        return `${name} ${pct(idx.length ? negative / idx.length : 0).trim()}% of ${idx.length}`;
      });
      console.log(`${system.name.padEnd(8)} ${withStars ? 'with the stars' : 'text alone    '}  ${shares.join('   ')}`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
