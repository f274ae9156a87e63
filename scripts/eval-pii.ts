// npm run eval:pii — does personal data reach anything koe writes? A bilingual corpus with planted personal
// data of every kind and look-alikes that must survive (scripts/pii-corpus.ts, written for koe) goes through the
// real CLI: koe run, koe export (JSONL and CSV), koe report, koe themes, koe followups, koe query. Then the database file, its WAL, every
// export, the report, stdout and stderr are searched for every planted string, as bytes. Prints recall per kind
// and per format, false masks (look-alikes changed) and where anything leaked.
//   npm run eval:pii [-- --seed N] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPiiCorpus, type PlantedKind } from './pii-corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt === -1 ? 13 : Number(args[seedAt + 1]);
const keep = args.includes('--keep');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-eval-pii-'));
const corpus = buildPiiCorpus(seed);
const input = path.join(dir, 'feedback.jsonl');
fs.writeFileSync(input, corpus.rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const db = path.join(dir, 'koe.db');

interface Output {
  name: string;
  bytes: Buffer;
}
const outputs: Output[] = [];

function koe(name: string, argv: string[]): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...argv], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
    env: { ...process.env, KOE_DEBUG: '1' },
  });
  outputs.push({ name: `${name} stdout`, bytes: result.stdout }, { name: `${name} stderr`, bytes: result.stderr });
  if (result.status !== 0 && result.status !== 1) {
    console.error(`koe ${argv.join(' ')} exited ${result.status}:\n${result.stderr.toString()}`);
    process.exit(2);
  }
}

koe('koe run', ['run', '--db', db, input]);
// Files are read while the WAL still holds the run's pages (a reader keeps the WAL from being checkpointed away).
for (const suffix of ['', '-wal']) {
  const file = db + suffix;
  if (fs.existsSync(file)) outputs.push({ name: `database${suffix || ' file'}`, bytes: fs.readFileSync(file) });
}
const jsonl = path.join(dir, 'export.jsonl');
const csv = path.join(dir, 'export.csv');
const csvSjis = path.join(dir, 'export-sjis.csv');
const report = path.join(dir, 'report.html');
koe('koe export jsonl', ['export', '--db', db, '--out', jsonl]);
koe('koe export csv', ['export', '--db', db, '--format', 'csv', '--out', csv]);
koe('koe export csv --excel', ['export', '--db', db, '--format', 'csv', '--excel', '--out', csvSjis]);
koe('koe report', ['report', '--db', db, '--out', report]);
koe('koe themes', ['themes', '--db', db]);
koe('koe followups', ['followups', '--db', db, '--all', '--limit', '100000']);
koe('koe query', ['query', 'followups', '--db', db, '--format', 'csv', '--param', 'limit=100000']);
for (const [name, file] of [['export JSONL', jsonl], ['export CSV', csv], ['report HTML', report]] as const) {
  outputs.push({ name, bytes: fs.readFileSync(file) });
}
// The Shift_JIS export: decoded back to text so the same strings can be searched.
const iconv = (await import('iconv-lite')).default;
outputs.push({ name: 'export CSV (Shift_JIS)', bytes: Buffer.from(iconv.decode(fs.readFileSync(csvSjis), 'shift_jis'), 'utf8') });
for (const file of [db, db + '-wal']) {
  if (fs.existsSync(file) && !outputs.some((o) => o.name.startsWith('database') && o.bytes.length === fs.statSync(file).size)) {
    outputs.push({ name: `database after exports (${path.basename(file)})`, bytes: fs.readFileSync(file) });
  }
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** The forms a planted string can take once stored or written: as typed, NFKC, JSON- and HTML-escaped. */
function forms(value: string): Buffer[] {
  const set = new Set<string>([value, value.normalize('NFKC')]);
  for (const v of [...set]) {
    set.add(escapeHtml(v));
    set.add(JSON.stringify(v).slice(1, -1));
  }
  return [...set].filter((v) => v.length > 0).map((v) => Buffer.from(v, 'utf8'));
}

interface Tally {
  planted: number;
  masked: number;
}
const byKind = new Map<PlantedKind, Tally>();
const byFormat = new Map<string, Tally & { kind: PlantedKind }>();
const leaks: { kind: PlantedKind; format: string; field: string; value: string; where: string[] }[] = [];
for (const p of corpus.planted) {
  const where = outputs.filter((o) => forms(p.value).some((f) => o.bytes.includes(f))).map((o) => o.name);
  const k = byKind.get(p.kind) ?? { planted: 0, masked: 0 };
  const f = byFormat.get(`${p.kind} ${p.format}`) ?? { planted: 0, masked: 0, kind: p.kind };
  k.planted++;
  f.planted++;
  if (where.length === 0) {
    k.masked++;
    f.masked++;
  } else {
    leaks.push({ kind: p.kind, format: p.format, field: p.field, value: p.value, where });
  }
  byKind.set(p.kind, k);
  byFormat.set(`${p.kind} ${p.format}`, f);
}

// False masks: a look-alike that is not in its document's stored text as it was written (after NFKC).
const texts = new Map<string, string>();
for (const line of fs.readFileSync(jsonl, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const rec = JSON.parse(line) as { id: string; text: string };
  texts.set(rec.id, rec.text);
}
const falseMasks = corpus.lookAlikes.filter((l) => !(texts.get(l.rowId) ?? '').includes(l.value.normalize('NFKC')));

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const total = [...byKind.values()].reduce((a, t) => ({ planted: a.planted + t.planted, masked: a.masked + t.masked }), { planted: 0, masked: 0 });
console.log(`eval:pii (seed ${seed}): ${corpus.rows.length} rows, ${total.planted} planted items, ${corpus.lookAlikes.length} look-alikes`);
console.log(`searched: ${outputs.map((o) => o.name).join(', ')}\n`);
console.log('kind        planted  masked  recall');
for (const [kind, t] of [...byKind.entries()].sort()) {
  console.log(`${kind.padEnd(10)}  ${String(t.planted).padStart(7)}  ${String(t.masked).padStart(6)}  ${pct(t.masked, t.planted).padStart(6)}`);
}
console.log(`${'overall'.padEnd(10)}  ${String(total.planted).padStart(7)}  ${String(total.masked).padStart(6)}  ${pct(total.masked, total.planted).padStart(6)}`);
const weak = [...byFormat.entries()].filter(([, t]) => t.masked < t.planted);
if (weak.length > 0) {
  console.log('\nformats with leaks:');
  for (const [name, t] of weak) console.log(`  ${name}: ${t.masked}/${t.planted}`);
}
console.log(`\nfalse masks: ${falseMasks.length} of ${corpus.lookAlikes.length} look-alikes (${pct(falseMasks.length, corpus.lookAlikes.length)})`);
for (const f of falseMasks) console.log(`  ${f.category}: ${JSON.stringify(f.value)} → ${JSON.stringify(texts.get(f.rowId))}`);
console.log(`\nleaks: ${leaks.length}`);
for (const l of leaks) console.log(`  ${l.kind} (${l.format}, in ${l.field}) ${JSON.stringify(l.value)} found in: ${l.where.join(', ')}`);

// Real feedback with (almost) no planted data: how often does a masker fire? Counts only, no text is printed.
const SHARED = path.join(ROOT, '..', 'shared', 'data');
if (fs.existsSync(SHARED)) {
  const { maskPii } = await import('../src/normalize/mask-pii.js');
  const { normalizeText } = await import('../src/normalize/normalize-text.js');
  const perKind: Record<string, number> = {};
  let texts = 0;
  for (const f of fs.readdirSync(SHARED).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(SHARED, f), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const text = (JSON.parse(line) as { text?: string }).text;
      if (typeof text !== 'string') continue;
      texts++;
      for (const [k, n] of Object.entries(maskPii(normalizeText(text)).counts)) perKind[k] = (perKind[k] ?? 0) + (n ?? 0);
    }
  }
  const shown = Object.entries(perKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`\nmasks in ${texts.toLocaleString('en')} real texts of ../shared/data (real personal data or false masks; read by hand): ${shown || 'none'}`);
}

const strict: PlantedKind[] = ['EMAIL', 'CARD', 'MYNUMBER', 'PHONE'];
const targets = [
  [`recall ≥ 99.5% overall`, total.masked / total.planted >= 0.995],
  ...strict.map((k) => [`recall 100% for ${k}`, (byKind.get(k)?.masked ?? 0) === (byKind.get(k)?.planted ?? 0)] as const),
  [`false masks ≤ 1%`, falseMasks.length / corpus.lookAlikes.length <= 0.01],
] as const;
console.log('\ntargets:');
for (const [name, ok] of targets) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${name}`);
if (keep) console.log(`\nfiles kept in ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
