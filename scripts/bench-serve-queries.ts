// The library calls behind koe serve's pages, timed one by one on a database (no HTTP), to find which query a slow
// page waits for: npx tsx scripts/bench-serve-queries.ts --db PATH [--theme ID] [--repeat 3]
// Use it on a database kept by `npm run bench:serve -- --docs 1000000 --keep`, and read the slow ones' plans with
// EXPLAIN QUERY PLAN. Each call runs once to warm up, then --repeat times; the median is printed.
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open-store.js';
import { compareThemePeriods } from '../src/insights/period-comparison.js';
import { findEmerging } from '../src/insights/emerging.js';
import { countFollowups, pageFollowups } from '../src/insights/followups.js';
import { documentFacets, searchDocuments } from '../src/store/document-search.js';
import { themeDailyCounts } from '../src/store/theme-details.js';
import { localDaySql } from '../src/time-zone.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, theme: { type: 'string' }, repeat: { type: 'string' } } });
if (!values.db) {
  console.error('usage: npx tsx scripts/bench-serve-queries.ts --db PATH [--theme ID] [--repeat 3]');
  process.exit(2);
}
const repeat = Number(values.repeat ?? 3);
const store = openStore(values.db, { readonly: true });
const db = store.db;
const theme = values.theme ?? (db.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC LIMIT 1").pluck().get() as string);
const size = db.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(theme) as number;
const week = compareThemePeriods(db, {}).period;

function time(name: string, call: () => unknown): void {
  call();
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    call();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(name.padEnd(58), `${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms`.padStart(11));
}

console.log(`${values.db}: theme ${theme} (${size.toLocaleString('en-US')} documents), week ${week.since} … ${week.until}; median of ${repeat}`);
time('This week: compareThemePeriods', () => compareThemePeriods(db, {}));
time('This week: findEmerging', () => findEmerging(db, { asOf: week.until, windowDays: week.days }));
time('This week: countFollowups for the week', () => countFollowups(db, { since: week.since, until: week.until }));
time('follow-ups: the first page (open)', () => pageFollowups(db, { limit: 50 }));
time('follow-ups: ★1–2, the first page', () => pageFollowups(db, { rating: 'stars:1-2', limit: 50 }));
time(`theme ${theme}: daily counts (trend)`, () => themeDailyCounts(db, theme, localDaySql(db, 'd.created_at', null)));
time(`theme ${theme}: the newest page`, () => searchDocuments(db, { themeId: theme, limit: 50 }));
time(`theme ${theme}: the newest page in the week`, () => searchDocuments(db, { themeId: theme, since: week.since, until: week.until, limit: 50 }));
time(`theme ${theme}: facets`, () => documentFacets(db, { themeId: theme }));
time(`theme ${theme}: facets in the week`, () => documentFacets(db, { themeId: theme, since: week.since, until: week.until }));
time('search "refund"', () => searchDocuments(db, { q: 'refund', limit: 50 }));
time('search "返金" (two characters)', () => searchDocuments(db, { q: '返金', limit: 50 }));
time('search "金" (one character: LIKE)', () => searchDocuments(db, { q: '金', limit: 50 }));
store.close();
