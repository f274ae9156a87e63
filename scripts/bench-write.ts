// What one batch's writes cost on a store at size, alone (no analysis, no worker threads): stored documents with
// their analyses are written again under new ids into a copy of a kept database — the one `npm run bench:run --
// --rows 1000000 --keep` leaves — through koe run's own writer (createDocumentWriter), 500 per transaction. Prints µs
// per document for the statements and for the commits, and the WAL pages each batch adds. To weigh a choice, run
// it again with the choice changed: --wal-pages sets wal_autocheckpoint (0: no copy back until the end; default: as
// koe run paces it), --temp-file leaves statement journals in temporary files (SQLite's default; koe run keeps them
// in memory), --pragma sets any other pragma on the copy, --drop removes indexes or triggers from the copy first
// (comma-separated names). --trees (with --wal-pages 0) says which tables and indexes the log's pages belong to
// (SQLite's dbstat). Also printed: CPU time per document (user and system) and the peak RSS.
//   npm run bench:write -- --db KEPT.db [--rows 20000] [--wal-pages N] [--temp-file] [--pragma 'name = value']
//     [--drop documents_created_at,...] [--trees]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkpointWal, keepTempInMemory, openStore, paceCheckpoints } from '../src/store/open-store.js';
import { createDocumentWriter, type StoredDoc } from '../src/store/document-repository.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    rows: { type: 'string', default: '20000' },
    'wal-pages': { type: 'string' },
    drop: { type: 'string', default: '' },
    'batch-size': { type: 'string', default: '500' },
    trees: { type: 'boolean', default: false },
    pragma: { type: 'string', multiple: true, default: [] },
    'temp-file': { type: 'boolean', default: false },
  },
});
if (!values.db || !fs.existsSync(values.db)) throw new Error('--db KEPT.db is required: a database from npm run bench:run -- --rows 1000000 --keep');
const rows = Number(values.rows);
const batchSize = Number(values['batch-size']);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-write-'));
const copy = path.join(dir, 'koe.db');
fs.copyFileSync(values.db, copy);
const store = openStore(copy);
const { db } = store;
try {
  for (const name of values.drop.split(',').filter(Boolean)) {
    const type = (db.prepare('SELECT type FROM sqlite_master WHERE name = ?').pluck().get(name) as string | undefined) ?? null;
    if (type !== 'index' && type !== 'trigger') throw new Error(`--drop ${name}: no index or trigger of that name`);
    db.exec(`DROP ${type.toUpperCase()} ${name}`);
  }
  for (const pragma of values.pragma) db.pragma(pragma);
  checkpointWal(db);
  let walPages = paceCheckpoints(db); // as koe run sets it, unless the choice says otherwise
  keepTempInMemory(db, !values['temp-file']); // as koe run does, unless --temp-file
  if (values['wal-pages'] !== undefined) {
    walPages = Number(values['wal-pages']);
    db.pragma(`wal_autocheckpoint = ${walPages}`);
  }

  // Stored rows spread over the whole store (every 50th), so the new ids and dates land as a night's would.
  type Row = Record<string, unknown> & { id: string };
  const stored = db
    .prepare(
      `SELECT d.*, a.sentiment_label, a.sentiment_score, a.sentiment_confidence, a.sentiment_model, a.sentence_scores,
         a.emotions, a.kind, a.kind_confidence, a.kind_model, a.stage, a.touchpoint, a.terms
       FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.rowid % 50 = 7 LIMIT ?`,
    )
    .all(rows) as Row[];
  // The rows come from one new input in line order, as koe run reads a file (their ids share a prefix, as the
  // generator's source ids do); their dates are the stored rows', spread over the store's year.
  const docs = stored.map(
    (r, line): StoredDoc =>
      ({
        id: `bench-write-${r.id}`,
        sourceId: r.source_id,
        contentHash: r.content_hash,
        text: r.text,
        lang: r.lang,
        sentences: JSON.parse(r.sentences as string) as string[],
        piiMasked: JSON.parse(r.pii_masked as string) as Record<string, number>,
        createdAt: r.created_at,
        rating: r.rating,
        ratingScale: r.rating_scale,
        channel: r.channel,
        product: r.product,
        source: r.source,
        metadata: JSON.parse(r.metadata as string) as Record<string, unknown>,
        sourceFile: r.source_file,
        sourceLine: line + 2,
        sourceKey: 'bench-write',
        terms: JSON.parse(r.terms as string) as string[],
        sentiment: {
          label: r.sentiment_label,
          score: r.sentiment_score,
          confidence: r.sentiment_confidence,
          model: r.sentiment_model,
          sentences: JSON.parse(r.sentence_scores as string) as number[],
        },
        emotions: JSON.parse(r.emotions as string) as string[],
        kind: { label: r.kind, confidence: r.kind_confidence, model: r.kind_model },
        stage: r.stage,
        touchpoint: r.touchpoint,
      }) as unknown as StoredDoc,
  );
  const runId = db.prepare('SELECT max(id) FROM runs').pluck().get() as number;
  const writer = createDocumentWriter(db, runId);
  const walFile = `${copy}-wal`;
  let statementsMs = 0;
  let commitsMs = 0;
  let walBytes = 0;
  let batches = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < docs.length; i += batchSize) {
    const before = fs.existsSync(walFile) ? fs.statSync(walFile).size : 0;
    const t0 = performance.now();
    let inside = 0;
    writer.batch(() => {
      const t = performance.now();
      for (const doc of docs.slice(i, i + batchSize)) writer.write(doc);
      inside = performance.now() - t;
    });
    const total = performance.now() - t0;
    statementsMs += inside;
    commitsMs += total - inside; // the search index, the deferrals and the commit (with any copy back)
    const after = fs.existsSync(walFile) ? fs.statSync(walFile).size : 0;
    if (after >= before) walBytes += after - before;
    batches++;
  }
  const cpu = process.cpuUsage(cpu0);
  const trees = values.trees && walPages === 0 ? walPagesByTree(db, walFile, batches) : null;
  const t1 = performance.now();
  checkpointWal(db);
  const finalMs = performance.now() - t1;
  const perDoc = (ms: number): string => `${Math.round((ms * 1000) / docs.length)} µs`;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  console.log(
    `write ${docs.length.toLocaleString('en-US')} documents in ${batches} batches into a copy of ${values.db} ` +
      `(${(fs.statSync(values.db).size / 2 ** 20).toFixed(0)} MiB), wal_autocheckpoint ${walPages}${values.drop ? `, without ${values.drop}` : ''}`,
  );
  console.log(`  per document     ${perDoc(statementsMs + commitsMs + finalMs)}: statements ${perDoc(statementsMs)}, batch end and commit ${perDoc(commitsMs)}, final checkpoint ${perDoc(finalMs)}`);
  console.log(`  peak RSS         ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (the documents read for it included)`);
  console.log(`  CPU per document ${Math.round(cpu.user / docs.length)} µs user, ${Math.round(cpu.system / docs.length)} µs system (the batches)`);
  // The log is reused from its start after a copy back, so its growth counts the pages only when nothing was copied.
  if (walPages === 0) console.log(`  WAL per batch    ${Math.round(walBytes / (pageSize + 24) / batches)} pages`);
  else console.log('  WAL per batch    (counted with --wal-pages 0: then nothing is copied back before the end)');
  if (trees) for (const [name, pages] of trees) console.log(`    ${name.padEnd(36)} ${pages.toFixed(1)}`);
} finally {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The log's frames per batch by the table or index their page belongs to, most first (frames: a page written in
 * two batches counts twice, as it costs). Pages new to the file belong to whatever dbstat says they hold now. */
function walPagesByTree(db: ReturnType<typeof openStore>['db'], walFile: string, batches: number): [string, number][] {
  // Only each frame's header is read (its first 4 bytes: the page number), not the log's pages.
  const fd = fs.openSync(walFile, 'r');
  const framesByPage = new Map<number, number>();
  try {
    const word = Buffer.alloc(4);
    fs.readSync(fd, word, 0, 4, 8);
    const pageSize = word.readUInt32BE(0);
    const size = fs.fstatSync(fd).size;
    for (let at = 32; at + 24 + pageSize <= size; at += 24 + pageSize) {
      fs.readSync(fd, word, 0, 4, at);
      const page = word.readUInt32BE(0);
      framesByPage.set(page, (framesByPage.get(page) ?? 0) + 1);
    }
  } finally {
    fs.closeSync(fd);
  }
  const byTree = new Map<string, number>();
  for (const row of db.prepare('SELECT name, pageno FROM dbstat').iterate() as Iterable<{ name: string; pageno: number }>) {
    const frames = framesByPage.get(row.pageno);
    if (frames === undefined) continue;
    byTree.set(row.name, (byTree.get(row.name) ?? 0) + frames);
    framesByPage.delete(row.pageno);
  }
  let unplaced = 0;
  for (const frames of framesByPage.values()) unplaced += frames;
  if (unplaced > 0) byTree.set('(free or page 1)', unplaced);
  return [...byTree].map(([name, frames]): [string, number] => [name, frames / batches]).sort((a, b) => b[1] - a[1]);
}
