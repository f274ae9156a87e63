// A night on a store at size, as a cron job meets it: new generated rows, and stored documents edited (their text
// changed, as a helpdesk export carries updated tickets again), run into a copy of a kept database — the one
// `npm run bench:run -- --rows 1000000 --keep` leaves — with koe run defaults. Per night: wall time, the theme
// step's parts and how many themes it read whole or brought up to date from their stored figures (migrations 015,
// 016). At the end: peak RSS over the nights and, with --check, every theme's figures recomputed from its members.
// The first night on a database written before migration 015 reads every member once (no stored centre length).
//   npm run bench:night -- --db KEPT.db [--new 10000] [--edited 1000] [--nights 2] [--seed 77] [--workers N] [--check]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runKoe } from '../src/pipeline/run-koe.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { createFeedbackGenerator } from './lib/feedback-generator.js';
import { mib, peakRssBytes } from './lib/bench-support.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    new: { type: 'string', default: '10000' },
    edited: { type: 'string', default: '1000' },
    nights: { type: 'string', default: '2' },
    seed: { type: 'string', default: '77' },
    check: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
});
if (!values.db || !fs.existsSync(values.db)) throw new Error('--db KEPT.db is required: a database from npm run bench:run -- --rows 1000000 --keep');
const [newRows, editedRows, nights, seed] = [values.new, values.edited, values.nights, values.seed].map(Number) as [number, number, number, number];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-night-'));
const db = path.join(dir, 'koe.db');
for (const suffix of ['', '-wal']) if (fs.existsSync(values.db + suffix)) fs.copyFileSync(values.db + suffix, db + suffix);

interface StoredRow {
  source_id: string;
  text: string;
  created_at: string | null;
  rating: number | null;
  rating_scale: string | null;
  channel: string | null;
  product: string | null;
}

/** The night's input: `newRows` generated rows, then `editedRows` stored documents spread over the store, edited. */
function nightInput(night: number): string {
  const file = path.join(dir, `night-${night}.jsonl`);
  const next = createFeedbackGenerator(seed + night);
  const lines: string[] = [];
  for (let i = 0; i < newRows; i++) lines.push(JSON.stringify({ ...next(), id: `night${seed + night}-${i}` }));
  const d = new Database(db, { readonly: true });
  try {
    const count = d.prepare("SELECT count(*) FROM documents WHERE text <> ''").pluck().get() as number;
    const stride = Math.max(1, Math.floor(count / Math.max(1, editedRows)));
    const rows = d
      .prepare(
        `SELECT source_id, text, created_at, rating, rating_scale, channel, product FROM documents
         WHERE text <> '' AND source_id IS NOT NULL AND (rowid + ?) % ? = 0 LIMIT ?`,
      )
      .all(night, stride, editedRows) as StoredRow[];
    for (const r of rows) lines.push(JSON.stringify({ ...r, id: r.source_id, source_id: undefined, text: `${r.text} (edited, night ${night})` }));
  } finally {
    d.close();
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

console.log(`nights on ${values.db} (a copy), ${newRows.toLocaleString('en')} new and ${editedRows.toLocaleString('en')} edited rows each; machine: ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (shared)`);
for (let n = 1; n <= nights; n++) {
  const input = nightInput(n);
  const t0 = performance.now();
  const s = await runKoe({ db, inputs: [input], config: values.workers === undefined ? {} : { workers: Number(values.workers) } });
  const secs = (performance.now() - t0) / 1000;
  const th = s.themes;
  const step = th?.reread ? `${th.reread.themes} of ${th.reread.of} themes read whole, ${th.reread.fromStored} brought up to date from their stored figures` : 'no incremental step';
  console.log(
    `  night ${n}: ${secs.toFixed(1)} s — ${s.inserted.toLocaleString('en')} new, ${s.updated.toLocaleString('en')} updated; read+normalize ${(s.timings.readAndNormalize / 1000).toFixed(1)} s, write ${(s.timings.write / 1000).toFixed(1)} s, themes ${(s.timings.themes / 1000).toFixed(1)} s ${th?.parts ? JSON.stringify(th.parts) : ''}; ${step}`,
  );
}
console.log(`  peak RSS over the nights: ${mib(peakRssBytes())} (VmHWM)`);
if (values.check) execFileSync('npx', ['tsx', path.join(PACKAGE_ROOT, 'scripts', 'check-theme-figures.ts'), '--db', db], { stdio: 'inherit' });
fs.rmSync(dir, { recursive: true, force: true });
