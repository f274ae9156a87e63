// A night on a store at size, as a cron job meets it: new generated rows, and stored documents edited (their text
// changed, as a helpdesk export carries updated tickets again), run into a copy of a kept database — the one
// `npm run bench:run -- --rows 1000000 --keep` leaves — with koe run defaults. Per night: wall time, the theme
// step's parts and how many themes it read whole or brought up to date from their stored figures (migrations 015,
// 016). At the end: peak RSS over the nights and, with --check, every theme's figures recomputed from its members.
// The first night on a database written before migration 015 reads every member once (no stored centre length).
// --surge N adds, to the last night, N reports of one new problem dated in the store's last three days (an emerging
// issue, as after a bad release): the night then prints the themes it set apart (themes/emerging-split.ts) and what
// koe emerging flags.
//   npm run bench:night -- --db KEPT.db [--new 10000] [--edited 1000] [--nights 2] [--seed 77] [--workers N] [--surge N] [--check]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runKoe } from '../src/pipeline/run-koe.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { createFeedbackGenerator } from './lib/feedback-generator.js';
import { findEmerging } from '../src/insights/emerging.js';
import { openStore } from '../src/store/open-store.js';
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
    surge: { type: 'string', default: '0' },
  },
});
const surgeRows = Number(values.surge);
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
    if (night === nights) lines.push(...surgeLines(d, night));
  } finally {
    d.close();
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * `surgeRows` reports of one new problem (a coupon that crashes checkout since a release), written for this script in
 * both languages from words the generator also uses, dated in the store's last three days.
 */
function surgeLines(d: Database.Database, night: number): string[] {
  if (surgeRows === 0) return [];
  const latest = Date.parse(d.prepare('SELECT max(created_at) FROM documents').pluck().get() as string);
  const texts = [
    'Since version 5.4 the app crashes at checkout when I apply a coupon.',
    'Checkout crashes as soon as I enter my coupon code. Please fix this.',
    'The payment screen closes itself when I use the coupon, every time since the update.',
    'バージョン5.4からクーポンを使うと決済画面でアプリが落ちます。',
    'クーポンコードを入れると購入手続きで強制終了します。',
    'アップデート後、クーポンを適用すると決済画面が落ちる。',
  ];
  return Array.from({ length: surgeRows }, (_, i) =>
    JSON.stringify({
      id: `surge${night}-${i}`,
      text: `${texts[i % texts.length]!}${i % 7 === 0 ? ' 😡' : ''}`,
      created_at: new Date(latest - ((i * 7919) % (3 * 86_400_000))).toISOString(),
      rating: 1,
      rating_scale: 'stars',
      channel: i % 2 === 0 ? 'app_store' : 'google_play',
    }),
  );
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
if (surgeRows > 0) {
  const store = openStore(db);
  try {
    // One pass over the documents (source ids are not indexed): the surge's reports and their primary themes.
    const surgeThemes = new Map<string, number>();
    const placed = store.db
      .prepare(`SELECT coalesce(dt.theme_id, 'unthemed') FROM documents d LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0 WHERE d.source_id LIKE 'surge${nights}-%'`)
      .pluck()
      .all() as string[];
    for (const t of placed) surgeThemes.set(t, (surgeThemes.get(t) ?? 0) + 1);
    const label = (id: string): string => (store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(id) as string | undefined) ?? '';
    const size = (id: string): number => store.db.prepare('SELECT count(*) FROM document_themes WHERE theme_id = ? AND rank = 0').pluck().get(id) as number;
    console.log(`  the surge's ${surgeRows} reports are in: ${[...surgeThemes].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([t, n]) => `${t} ${n} (size ${size(t)}, "${label(t)}")`).join(', ')}`);
    const e = findEmerging(store.db);
    console.log(`  koe emerging: ${e.emerging.map((t) => `${t.themeId} "${t.label}" window ${t.windowCount}, ×${t.ratio?.toFixed(1) ?? '∞'}`).join('; ') || 'none'}; new themes: ${e.newThemes.map((t) => `${t.themeId} "${t.label}" (${t.size})`).join('; ') || 'none'}`);
  } finally {
    store.close();
  }
}
console.log(`  peak RSS over the nights: ${mib(peakRssBytes())} (VmHWM)`);
if (values.check) execFileSync('npx', ['tsx', path.join(PACKAGE_ROOT, 'scripts', 'check-theme-figures.ts'), '--db', db], { stdio: 'inherit' });
fs.rmSync(dir, { recursive: true, force: true });
