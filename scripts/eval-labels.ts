// Do koe's theme and category labels name what their themes are about? Measured on Banking77 (../shared/data: real
// bank support questions, 77 gold intents) through koe's real pipeline (runKoe into a temp database): each active
// theme's majority gold intent, and whether its label terms name that intent. A term "names its intent" when, after
// lowercasing and Porter stemming (natural's PorterStemmer, as koe stems), one of its words equals a word of the intent
// name (split on "_"), or the term without spaces / hyphens equals a run of the intent's words joined ("topup" ~
// top_up_failed). This is a proxy: "atm" on cash_withdrawal_charge is a fine label that does not match, so the
// table is printed for a person to read as well.
//   npx tsx scripts/eval-labels.ts [--db FILE]   (--db keeps the run's database there instead of a temp one)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { runKoe } from '../src/pipeline/run-koe.js';
import { openStore } from '../src/store/open-store.js';
import { primaryThemeBySource } from './lib/primary-themes.js';

const require = createRequire(import.meta.url);
// natural's index pulls in dotenv and database drivers: load only the Porter stemmer, as src/tokenize does.
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const file = path.resolve(import.meta.dirname, '../../shared/data/en-intents-banking77.train.jsonl');
if (!fs.existsSync(file)) {
  console.log(`skipped: needs ${file} (../shared/data, not in the repository)`);
  process.exit(0);
}
const gold = new Map(
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; label: string })
    .map((r) => [r.id, r.label]),
);

const stem = (word: string): string => PorterStemmer.stem(word.toLowerCase());

/** True when a label term names the intent (see the header). */
export function namesIntent(term: string, intent: string): boolean {
  const intentWords = intent.toLowerCase().split('_').filter((w) => w !== '');
  const intentStems = new Set(intentWords.map(stem));
  const words = term.toLowerCase().split(/[\s-]+/).filter((w) => w !== '');
  if (words.some((w) => intentStems.has(stem(w)))) return true;
  const joined = words.join('');
  for (let i = 0; i < intentWords.length; i++) {
    for (let j = i + 1; j <= intentWords.length; j++) if (intentWords.slice(i, j).join('') === joined) return true;
  }
  return false;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-eval-labels-'));
const db = values.db ?? path.join(dir, 'banking77.db');
try {
  if (values.db) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const t = performance.now();
  await runKoe({ db, inputs: [file] });
  const themeOf = primaryThemeBySource(db);
  const store = openStore(db);
  const themes = store.db
    .prepare("SELECT id, size, label, label_en AS labelEn, category_id AS categoryId FROM themes WHERE status = 'active' ORDER BY size DESC")
    .all() as { id: string; size: number; label: string; labelEn: string | null; categoryId: string | null }[];
  const categoryLabels = new Map(
    (store.db.prepare('SELECT id, label FROM theme_categories').all() as { id: string; label: string }[]).map((c) => [c.id, c.label]),
  );
  store.close();

  // Each theme's gold intents by count.
  const intentsOf = new Map<string, Map<string, number>>();
  for (const [source, theme] of themeOf) {
    const intent = gold.get(source);
    if (intent === undefined) continue;
    const counts = intentsOf.get(theme) ?? new Map<string, number>();
    counts.set(intent, (counts.get(intent) ?? 0) + 1);
    intentsOf.set(theme, counts);
  }

  let firstNames = 0;
  let terms = 0;
  let termsName = 0;
  const rows: string[] = [];
  for (const theme of themes) {
    const counts = [...(intentsOf.get(theme.id) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const [intent, n] = counts[0] ?? ['(none)', 0];
    const en = theme.labelEn ? theme.labelEn.split(', ').filter((x) => x !== '') : [];
    const marks = en.map((term) => ({ term, ok: namesIntent(term, intent) }));
    if (marks[0]?.ok) firstNames++;
    terms += marks.length;
    termsName += marks.filter((m) => m.ok).length;
    const share = theme.size > 0 ? n / theme.size : 0;
    rows.push(
      `${theme.id.padEnd(5)} ${String(theme.size).padStart(4)}  ${intent.padEnd(34)} ${(100 * share).toFixed(0).padStart(3)}%  ` +
        `${marks.map((m) => `${m.term} ${m.ok ? '✓' : '✗'}`).join(', ') || '(no English label)'}  [${categoryLabels.get(theme.categoryId ?? '') ?? '-'}]`,
    );
  }

  // Category labels in use (categories holding an active theme): distinct names against categories.
  const inUse = new Map<string, number>();
  for (const theme of themes) if (theme.categoryId) inUse.set(theme.categoryId, (inUse.get(theme.categoryId) ?? 0) + 1);
  const byLabel = new Map<string, string[]>();
  for (const id of inUse.keys()) {
    const label = categoryLabels.get(id) ?? '';
    byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  }
  const duplicates = [...byLabel.entries()].filter(([, ids]) => ids.length > 1);

  const pct = (a: number, b: number): string => `${a} of ${b} (${b > 0 ? ((100 * a) / b).toFixed(1) : '0.0'}%)`;
  console.log(`Banking77 (${gold.size} questions, ${new Set(gold.values()).size} intents) through koe run: ${themes.length} active themes in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  console.log('theme size  majority intent                    share  English label (✓ names the intent)  [category]');
  for (const r of rows) console.log(r);
  console.log('\ncategories (themes):');
  for (const [id, k] of [...inUse.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${id.padEnd(5)} ${String(k).padStart(3)}  ${categoryLabels.get(id)}`);
  console.log('');
  console.log(`first English term names the theme's intent: ${pct(firstNames, themes.length)}`);
  console.log(`label terms that name their theme's intent:  ${pct(termsName, terms)}`);
  console.log(`distinct category labels: ${byLabel.size} for ${inUse.size} categories${duplicates.length > 0 ? '' : ' (no duplicates)'}`);
  for (const [label, ids] of duplicates) console.log(`  duplicate: "${label}" × ${ids.length} (${ids.join(', ')})`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
