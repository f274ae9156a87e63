// Response times of `koe serve` (JSON API and pages) on the bundled sample and on a 100k-document database.
// The large database is the sample run through the real pipeline once, then copied ×N with new ids, dates spread
// back over earlier weeks, and the same analyses and theme assignments (themes keep the sample's proportions;
// the FTS index is filled by its triggers) — theme discovery on 100k is measured by bench:themes, not here.
// Each request: 2 warm-ups, then median and p90 of --repeat timed requests over HTTP on 127.0.0.1.
//   npm run bench:serve [-- --docs 100000 --repeat 15 --keep]   (--keep leaves the large database for a look)
//   npm run bench:serve -- --large-db PATH   (measures a database kept by --keep again, upgraded by openStore as koe would)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runKoe } from '../src/pipeline/run-koe.js';
import { openStore, type Db } from '../src/store/open-store.js';
import { startServer } from '../src/serve/start-server.js';

const { values } = parseArgs({ options: { docs: { type: 'string' }, repeat: { type: 'string' }, keep: { type: 'boolean' }, 'large-db': { type: 'string' } } });
const target = Number(values.docs ?? 100_000);
const repeat = Number(values.repeat ?? 15);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-serve-'));

const sampleDb = path.join(dir, 'sample.db');
let t = performance.now();
await runKoe({ db: sampleDb, inputs: [path.join(PACKAGE_ROOT, 'data')], config: { workers: 0 } });
console.log(`sample: koe run in ${((performance.now() - t) / 1000).toFixed(1)} s`);

/** Copies of every document (with its analysis and primary theme), each copy shifted back by `copy` × 7 days. */
function grow(db: Db, docs: number): void {
  const base = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  const copies = Math.ceil(docs / base) - 1;
  db.transaction(() => {
    for (let c = 1; c <= copies; c++) {
      const shift = `-${c * 7} days`;
      db.prepare(
        `INSERT INTO documents (id, source_id, content_hash, lang, text, sentences, pii_masked, created_at, rating, rating_scale, channel,
           product, source, metadata, source_file, source_line, first_run_id, last_run_id, ingested_at, updated_at)
         SELECT id || '-c${c}', source_id || '-c${c}', content_hash, lang, text, sentences, pii_masked,
           strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '${shift}'), rating, rating_scale, channel, product, source, metadata,
           source_file, source_line, first_run_id, last_run_id, ingested_at, updated_at
         FROM documents WHERE id NOT LIKE '%-c%'`,
      ).run();
      db.prepare(
        `INSERT INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model, sentence_scores, emotions,
           kind, kind_confidence, kind_model, stage, touchpoint, terms, run_id, analyzed_at)
         SELECT doc_id || '-c${c}', sentiment_label, sentiment_score, sentiment_confidence, sentiment_model, sentence_scores, emotions,
           kind, kind_confidence, kind_model, stage, touchpoint, terms, run_id, analyzed_at
         FROM analyses WHERE doc_id NOT LIKE '%-c%'`,
      ).run();
      db.prepare(
        `INSERT INTO document_themes (doc_id, theme_id, rank, score) SELECT doc_id || '-c${c}', theme_id, rank, score
         FROM document_themes WHERE doc_id NOT LIKE '%-c%'`,
      ).run();
    }
    db.prepare(`UPDATE themes SET size = (SELECT count(*) FROM document_themes dt WHERE dt.theme_id = themes.id AND dt.rank = 0)`).run();
  })();
  db.pragma('optimize');
}

const bigDb = values['large-db'] ?? path.join(dir, 'big.db');
if (values['large-db'] === undefined) {
  fs.copyFileSync(sampleDb, bigDb);
  t = performance.now();
  const s = openStore(bigDb);
  grow(s.db, target);
  console.log(`large: ${(s.db.prepare('SELECT count(*) FROM documents').pluck().get() as number).toLocaleString('en-US')} documents built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  s.close();
}

async function measure(label: string, file: string): Promise<void> {
  const store = openStore(file);
  const db = store.db;
  const server = await startServer({ db, port: 0, lang: 'ja' });
  const theme = db.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC LIMIT 1").pluck().get() as string;
  const channel = db
    .prepare('SELECT d.channel FROM documents d JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0 WHERE dt.theme_id = ? AND d.channel IS NOT NULL GROUP BY d.channel ORDER BY count(*) DESC LIMIT 1')
    .pluck()
    .get(theme) as string;
  const docs = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  const size = db.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(theme) as number;
  const token = ((await (await fetch(`${server.url}/api/csrf`)).json()) as { token: string }).token;
  void token;
  const q = (s: string) => encodeURIComponent(s);
  const routes: [string, string][] = [
    ['This week (JSON)', '/api/themes'],
    ['This week (page)', '/'],
    ['theme documents + channel facet + facets (JSON)', `/api/themes/${theme}/documents?channel=${q(channel)}&facets=1`],
    ['theme documents + channel + search "アプリ" + facets (JSON)', `/api/themes/${theme}/documents?channel=${q(channel)}&q=${q('アプリ')}&facets=1`],
    ['theme documents + channel + search "update" + facets (JSON)', `/api/themes/${theme}/documents?channel=${q(channel)}&q=update&facets=1`],
    ['theme page + channel + search "アプリ" (page)', `/themes/${theme}?channel=${q(channel)}&q=${q('アプリ')}`],
    ['search all "refund" + facets (JSON)', `/api/search?q=refund&facets=1`],
    ['search all "返金" (2 characters) (JSON)', `/api/search?q=${q('返金')}`],
    ['search page "ポイント" (page)', `/search?q=${q('ポイント')}`],
    ['follow-ups ★1–2 (JSON)', '/api/followups?rating=stars:1-2'],
    ['follow-ups (page)', '/followups'],
  ];
  console.log(`\n${label}: ${docs.toLocaleString('en-US')} documents; theme ${theme} holds ${size.toLocaleString('en-US')}, channel "${channel}"`);
  // The workspace keeps costly reads until the database changes (src/serve/read-cache.ts): the first request of a
  // route is what a lead waits for the first time, the median of the repeats what they wait for coming back.
  console.log('route'.padEnd(64), 'first ms'.padStart(9), 'median ms'.padStart(10), 'p90 ms'.padStart(8), 'bytes'.padStart(9));
  for (const [name, route] of routes) {
    const times: number[] = [];
    let first = 0;
    let bytes = 0;
    for (let i = 0; i < repeat + 2; i++) {
      const start = performance.now();
      const res = await fetch(`${server.url}${route}`);
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${route}: HTTP ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
      bytes = body.byteLength;
      if (i === 0) first = performance.now() - start;
      if (i >= 2) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const p90 = times[Math.min(times.length - 1, Math.floor(times.length * 0.9))]!;
    console.log(name.padEnd(64), first.toFixed(1).padStart(9), median.toFixed(1).padStart(10), p90.toFixed(1).padStart(8), String(bytes).padStart(9));
  }
  await server.close();
  store.close();
}

await measure('sample', sampleDb);
await measure('large', bigDb);
if (values.keep) console.log(`\nkept: ${bigDb}`);
else fs.rmSync(dir, { recursive: true, force: true });
