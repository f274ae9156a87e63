// Cost of `koe train` (fitTrainedModel: 5-fold CV to choose the blend, then the final model, each an ensemble of
// AdaGrad runs) in one thread and on worker threads. Reads a labelled file: by default the airline tweets in
// ../shared/data (10,248 rows), else the bundled sample with its ratings as weak labels. Prints wall time per
// repeat and checks that both give the same model. With --encoder NAME, times `koe train --encoder` instead (labels
// file → tokenize → encode → fit, into a scratch database), where the threads also share the encoding.
//   npx tsx scripts/bench-train.ts [--file NAME] [--threads 2] [--repeats 2] [--encoder use-lite-en]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles, readFeedback } from '../src/ingest/index.js';
import { normalizeFeedback } from '../src/normalize/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { fitTrainedModel, ratingSentiment, trainFromLabels } from '../src/pipeline/train.js';
import { openStore } from '../src/store/open-store.js';
import { createTokenizer } from '../src/tokenize/index.js';
import type { TokenizedDoc } from '../src/types.js';
import { SHARED_DATA_DIR, readDevFile, toDocs } from './lib/trained-systems.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'en-sentiment-airline.dev.jsonl' },
    threads: { type: 'string', default: String(Math.min(4, os.availableParallelism())) },
    repeats: { type: 'string', default: '2' },
    encoder: { type: 'string' },
  },
});
const threads = Number(values.threads);
const repeats = Math.max(1, Number(values.repeats));

let docs: TokenizedDoc[];
let labels: string[];
if (fs.existsSync(path.join(SHARED_DATA_DIR, values.file))) {
  const rows = readDevFile(values.file);
  docs = await toDocs(rows);
  labels = rows.map((r) => r.label);
  console.log(`${values.file}: ${docs.length} labelled documents`);
} else {
  const tokenizer = await createTokenizer();
  docs = [];
  labels = [];
  for await (const item of readFeedback(listInputFiles([path.join(PACKAGE_ROOT, 'data')]))) {
    if (!item.ok) continue;
    const label = ratingSentiment(item.row.rating, item.row.ratingScale);
    if (label === null) continue;
    docs.push(tokenizer.tokenize(normalizeFeedback(item.row)));
    labels.push(label);
  }
  console.log(`${values.file} not found: the sample's ${docs.length} rated documents, ratings as labels`);
}

const now = (): Date => new Date(0);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-train-'));
const labelsFile = path.join(scratch, 'labels.jsonl');
fs.writeFileSync(labelsFile, docs.map((d, i) => JSON.stringify({ text: d.text, label: labels[i] })).join('\n') + '\n');
const train = async (t: number): Promise<string> => {
  if (values.encoder === undefined) return JSON.stringify(await fitTrainedModel('sentiment', docs, labels, { threads: t, now }));
  const store = openStore(path.join(scratch, `bench-${t}.db`));
  try {
    return JSON.stringify((await trainFromLabels(store.db, 'sentiment', labelsFile, { encoder: values.encoder, threads: t, now })).model);
  } finally {
    store.close();
  }
};
const models: Record<string, string> = {};
try {
  for (const t of [0, threads]) {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      models[t] = await train(t);
      times.push((performance.now() - start) / 1000);
    }
    const label = t <= 1 ? 'one thread' : `${t} worker threads`;
    console.log(`  ${label.padEnd(18)} ${times.map((s) => `${s.toFixed(1)} s`).join(', ')}${values.encoder ? ` (with encoder ${values.encoder})` : ''}`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(`  same model: ${models[0] === models[threads] ? 'yes' : 'NO'}`);
