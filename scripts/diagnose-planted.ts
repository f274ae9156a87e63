// Why is a planted issue of the sample split? Runs `koe run` on data/ (or reads a kept --db) and prints, for every
// planted issue not in one theme, the themes that hold it: label, size, how many of the issue's Japanese and English
// records each holds, the cosine between their centres and their top concept / term features.
//   npx tsx scripts/diagnose-planted.ts [--db KEPT.db] [--all]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/paths.js';
import { openStore } from '../src/store/open-store.js';
import { runKoe } from '../src/pipeline/run-koe.js';
import { currentThemeModelId, loadDocVectors, loadThemeDocs, loadThemeModel, loadThemeSet } from '../src/store/theme-repository.js';
import { getVectorizer } from '../src/themes/index.js';
import { centroidOf, dot } from '../src/themes/vector-math.js';
import { plantedIssueSpread, plantedThemes } from './lib/planted-issues.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, all: { type: 'boolean' } } });
let db = values.db;
if (!db) {
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'koe-diag-')), 'sample.db');
  const base = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'data', 'koe.config.json'), 'utf8')) as Record<string, unknown>;
  await runKoe({ db, inputs: [path.join(PACKAGE_ROOT, 'data')], config: base });
  console.log(`kept: ${db}`);
}
const store = openStore(db);
const sourceOf = new Map((store.db.prepare('SELECT id, source_id FROM documents').all() as { id: string; source_id: string }[]).map((r) => [r.id, r.source_id]));
const docs = loadThemeDocs(store.db);
const modelId = currentThemeModelId(store.db)!;
const vectorizer = getVectorizer('tfidf-lsa').load(loadThemeModel(store.db, modelId)!);
const cache = loadDocVectors(store.db, modelId);
const dim = vectorizer.dim;
const vectors = new Float32Array(docs.length * dim);
docs.forEach((d, i) => vectors.set(cache.get(d.id)!.vector, i * dim));
const set = loadThemeSet(store.db);
const themeById = new Map(set.themes.map((t) => [t.id, t]));
const planted = plantedThemes();
const primary = new Map<string, string>();
for (const a of set.assignments.values()) primary.set(sourceOf.get(a.docId)!, a.themeId);
const results = plantedIssueSpread(planted, primary);
const rowsOf = new Map<string, number[]>();
docs.forEach((d, i) => {
  const t = set.assignments.get(d.id)?.themeId ?? 'unthemed';
  rowsOf.set(t, [...(rowsOf.get(t) ?? []), i]);
});
const centre = (t: string): Float32Array => centroidOf(vectors, dim, rowsOf.get(t) ?? []);
const topFeatures = (rows: number[], n: number): string => {
  const sum = new Map<string, number>();
  for (const r of rows) for (const [f, w] of vectorizer.features(docs[r]!)) sum.set(f, (sum.get(f) ?? 0) + w);
  return [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([f, w]) => `${f}:${(w / rows.length).toFixed(1)}`).join(' ');
};
const plantedOfRow = (r: number): string => planted.get(sourceOf.get(docs[r]!.id)!) ?? '?';
for (const r of results) {
  if (r.inOneTheme && !values.all) continue;
  console.log(`\n## ${r.planted} (${r.records}) ${r.inOneTheme ? 'one theme' : `NOT: ${r.reason}`}`);
  const shown = r.spread.filter((s) => s.count >= Math.max(3, 0.05 * r.records)).map((s) => s.themeId);
  for (const t of shown) {
    const rows = rowsOf.get(t) ?? [];
    const mine = rows.filter((x) => plantedOfRow(x) === r.planted);
    const ja = mine.filter((x) => docs[x]!.lang === 'ja').length;
    const comp = new Map<string, number>();
    for (const x of rows) comp.set(plantedOfRow(x), (comp.get(plantedOfRow(x)) ?? 0) + 1);
    const compText = [...comp.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, n]) => `${p} ${n}`).join(', ');
    const th = themeById.get(t);
    console.log(`  ${t.padEnd(8)} size ${String(rows.length).padStart(4)}  this issue ${mine.length} (ja ${ja} / en ${mine.length - ja})  "${th?.label ?? ''}"  holds: ${compText}`);
    console.log(`           issue's docs: ${topFeatures(mine, 8)}`);
    const ex = mine.slice(0, 2).map((x) => docs[x]!.text.replace(/\s+/g, ' ').slice(0, 70));
    for (const e of ex) console.log(`           e.g. ${e}`);
  }
  const themed = shown.filter((t) => t !== 'unthemed');
  if (themed.length > 1) {
    const cs = themed.map(centre);
    const lines: string[] = [];
    for (let a = 0; a < themed.length; a++) for (let b = a + 1; b < themed.length; b++) lines.push(`${themed[a]}~${themed[b]} ${dot(cs[a]!, 0, cs[b]!, 0, dim).toFixed(2)}`);
    console.log(`  centre cosines: ${lines.join('  ')}`);
  }
}
store.close();
