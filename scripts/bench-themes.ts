// Speed and memory of theme discovery at scale: 100k short synthetic documents (banking77 questions recombined
// within their intent, plus Japanese feedback from koe's own templates), tokenized by the real tokenizer, stored
// in a temporary SQLite file, then themed by updateThemes (first run, incremental run with 1% new, rebuild).
//   npx tsx scripts/bench-themes.ts [--docs 100000] [--dimensions D]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/paths.js';
import { openStore } from '../src/store/open-store.js';
import { normalizeFeedback } from '../src/normalize/index.js';
import { createTokenizer } from '../src/tokenize/index.js';
import { updateThemes } from '../src/pipeline/update-themes.js';
import { seededRandom } from '../src/themes/seeded-random.js';

const { values } = parseArgs({ options: { docs: { type: 'string' }, dimensions: { type: 'string' } } });
const total = Number(values.docs ?? 100_000);
const config: Record<string, unknown> = values.dimensions ? { dimensions: Number(values.dimensions) } : {};
const random = seededRandom(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

// English: two questions of one intent, first half of one + second half of the other.
const byIntent = new Map<string, string[]>();
for (const line of fs.readFileSync(path.join(PACKAGE_ROOT, '..', 'shared', 'data', 'en-intents-banking77.train.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as { text: string; label: string };
  byIntent.set(r.label, [...(byIntent.get(r.label) ?? []), r.text]);
}
const intents = [...byIntent.keys()];
function english(): string {
  const texts = byIntent.get(pick(intents))!;
  const a = pick(texts).split(' ');
  const b = pick(texts).split(' ');
  return [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ');
}
// Japanese: koe's own templates about common service problems.
const JA_SUBJECTS = ['ログイン', 'パスワードの再設定', '配送', '返金', '解約', '請求', 'アプリ', '検索', 'ポイント', 'クーポン', '在庫', '電話サポート', 'チャット', '注文履歴', '領収書', '定期便', '再配達', '支払い', 'カード決済', '通知'];
const JA_PROBLEMS = ['ができません', 'が遅すぎます', 'がよくわかりません', 'でエラーが出ます', 'を改善してほしいです', 'が何度やってもうまくいかない', 'について質問があります', 'がとても便利です', 'の対応が悪かった', 'が突然使えなくなった'];
const JA_TAILS = ['', '。困っています。', '。早く直してください。', '。いつも使っています。', '。昨日からです。', '。'];
const japanese = (): string => `${pick(JA_SUBJECTS)}${pick(JA_PROBLEMS)}${pick(JA_TAILS)}`;

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-')), 'bench.db');
const store = openStore(file);
const db = store.db;
const tk = await createTokenizer();
const insertRun = db.prepare(`INSERT INTO runs (started_at, status, command) VALUES (?, 'ok', 'bench')`);
const insertDoc = db.prepare(
  `INSERT INTO documents (id, content_hash, lang, text, first_run_id, last_run_id, ingested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertAnalysis = db.prepare(
  `INSERT INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model, kind, kind_confidence, kind_model,
     terms, run_id, analyzed_at) VALUES (?, ?, 0, 1, 'bench', 'other', 1, 'bench', ?, ?, ?)`,
);
function addDocs(count: number, offset: number): number {
  const runId = Number(insertRun.run(new Date().toISOString()).lastInsertRowid);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const text = random() < 0.2 ? japanese() : english();
      const doc = tk.tokenize(
        normalizeFeedback({
          file: 'bench', line: offset + i + 1, sourceId: `b${offset + i}`, text, createdAt: null, rating: null, ratingScale: null,
          channel: null, product: null, source: null, metadata: {},
        }),
      );
      insertDoc.run(doc.id, doc.contentHash, doc.lang, doc.text, runId, runId, now, now);
      insertAnalysis.run(doc.id, random() < 0.4 ? 'negative' : 'neutral', JSON.stringify(doc.terms), runId, now);
    }
  })();
  return runId;
}

let t = performance.now();
const runId = addDocs(total, 0);
console.log(`generated, normalized, tokenized and stored ${total} documents in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of theming)`);
const rssBefore = rssMb();
t = performance.now();
const first = updateThemes(db, runId, config);
const firstSeconds = (performance.now() - t) / 1000;
console.log(
  `first run:   ${first.documents} docs → ${first.activeThemes} themes, ${(first.unthemedShare * 100).toFixed(1)}% unthemed in ` +
    `${firstSeconds.toFixed(1)} s; peak RSS ${rssMb()} MB (${rssBefore} MB before theming, kuromoji included)`,
);
console.log(`             (ms: load + vectorize ${first.timings.vectorize}, cluster + label ${first.timings.themes}, write ${first.timings.write})`);
const extraRun = addDocs(Math.round(total / 100), total);
t = performance.now();
const inc = updateThemes(db, extraRun, config);
console.log(
  `incremental: +${Math.round(total / 100)} docs → ${inc.appeared} new themes, ${inc.grew} grew, ${inc.vectorsComputed} vectors computed in ` +
    `${((performance.now() - t) / 1000).toFixed(1)} s`,
);
t = performance.now();
const rebuilt = updateThemes(db, null, config, { rebuild: true });
console.log(`rebuild:     ${rebuilt.activeThemes} themes in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS ${rssMb()} MB`);
console.log(`target: ≤ 120 s and ≤ 2048 MB for 100k documents → ${firstSeconds <= 120 && rssMb() <= 2048 ? 'met' : 'NOT met'}`);
store.close();
fs.rmSync(path.dirname(file), { recursive: true, force: true });
