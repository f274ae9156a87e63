// Builds koe's bundled sample feedback in data/: app-store reviews (CSV), support tickets (JSONL) and NPS survey
// verbatims (Shift_JIS CSV), composed from the fragments in scripts/sample/ with a seeded PRNG.
// The output is identical on every run. It then reads the files back, checks them and prints counts.
//
//   npx tsx scripts/build-sample.ts           write data/ and data/README.md, check, print counts
//   npx tsx scripts/build-sample.ts --check   only read data/ back and compare with a fresh generation
//   npx tsx scripts/build-sample.ts --check --show login   also print every record of one theme, to read them

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { REGIONS } from './sample/common.js';
import type { SampleLang } from './sample/common.js';
import { composeText } from './sample/compose.js';
import type { Style, TicketChannel } from './sample/compose.js';
import { roundTripsInCp932, toCp932Safe } from './sample/cp932.js';
import { csvLine, parseCsv } from './sample/csv.js';
import { createRng } from './sample/prng.js';
import type { Rng } from './sample/prng.js';
import { ratingFor } from './sample/ratings.js';
import type { Scale } from './sample/ratings.js';
import type { Theme } from './sample/theme.js';
import { THEMES, checkoutCrash, deliveryLate } from './sample/themes/index.js';
import {
  EMERGING_FROM,
  FIRST_DAY,
  RELEASES,
  RELEASE_52,
  adoption52,
  allDays,
  currentReleaseIndex,
  daysBetween,
  deliveryWave,
  weekday,
} from './sample/timeline.js';

const SEED = 20261115;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(REPO_ROOT, 'data');

type FileKey = 'reviews' | 'tickets' | 'survey';

interface FileSpec {
  key: FileKey;
  name: string;
  style: Style;
  /** Records before the emerging issue is added on top. */
  target: number;
  jaShare: number;
  /** Extra checkout-crash records per day once 5.2 is fully adopted. */
  emergingPerDay: number;
  idPrefix: string;
}

const FILES: readonly FileSpec[] = [
  { key: 'reviews', name: 'app-reviews.csv', style: 'review', target: 570, jaShare: 0.58, emergingPerDay: 2.4, idPrefix: 'rev-' },
  { key: 'tickets', name: 'support-tickets.jsonl', style: 'ticket', target: 480, jaShare: 0.62, emergingPerDay: 0.9, idPrefix: 'tkt-' },
  { key: 'survey', name: 'nps-survey-sjis.csv', style: 'survey', target: 390, jaShare: 0.62, emergingPerDay: 0.35, idPrefix: 'nps-' },
];

/** One output row plus the bookkeeping used for checks and counts (lang, theme, day are not written). */
export interface SampleRecord {
  id: string;
  text: string;
  created_at: string;
  rating: number | null;
  rating_scale: Scale | null;
  channel: string;
  product: string;
  source: string;
  app_version: string | null;
  region: string;
  member_type: string | null;
  file: FileKey;
  lang: SampleLang;
  theme: string;
  aside: string | null;
  day: string;
  /** Sort key: local (JST) timestamp. */
  localTime: string;
}

// ---------------------------------------------------------------- volume over time

/** Relative volume of a file on a day: weekends for reviews, weekdays for tickets, survey send-out waves. */
function dayShape(file: FileKey, day: string): number {
  const wd = weekday(day);
  if (file === 'reviews') return wd === 0 || wd === 6 ? 1.3 : 1;
  if (file === 'tickets') return wd === 0 ? 0.6 : wd === 6 ? 0.8 : wd === 1 ? 1.2 : 1;
  // The NPS mail goes out on the 1st and the 15th; answers trail off over a few days.
  const dom = Number(day.slice(8, 10));
  const since = dom >= 15 ? dom - 15 : dom - 1;
  return 0.15 + 3 * Math.exp(-since / 2.5);
}

/** Stochastic rounding keeps expected counts exact without a Poisson sampler. */
function countFor(expected: number, rng: Rng): number {
  const whole = Math.floor(expected);
  return whole + (rng.chance(expected - whole) ? 1 : 0);
}

function emergingExpected(spec: FileSpec, day: string): number {
  if (day < EMERGING_FROM) return 0;
  return spec.emergingPerDay * adoption52(day) * (spec.key === 'survey' ? dayShape('survey', day) / 1.2 : 1);
}

// ---------------------------------------------------------------- one record

function themeWeight(theme: Theme, file: FileKey, lang: SampleLang, day: string): number {
  let w = theme.weight[file] * (theme.langWeight?.[lang] ?? 1);
  if (theme.id === deliveryLate.id) w *= deliveryWave(day);
  return w;
}

function pickTheme(file: FileKey, lang: SampleLang, day: string, rng: Rng): Theme {
  const weights = THEMES.map((t, i) => [i, themeWeight(t, file, lang, day)] as const);
  return THEMES[rng.weighted(weights)] as Theme;
}

/** A second theme mentioned in passing: never noise, questions, or the planted emerging issue. */
function pickAside(main: Theme, file: FileKey, lang: SampleLang, day: string, rng: Rng): Theme | null {
  const chance = file === 'tickets' ? 0.03 : 0.08;
  if (main.id === 'noise' || !rng.chance(chance)) return null;
  const candidates = THEMES.filter((t) => t.id !== main.id && !['noise', 'questions', checkoutCrash.id].includes(t.id));
  return candidates[rng.weighted(candidates.map((t, i) => [i, themeWeight(t, file, lang, day)] as const))] ?? null;
}

/** The version a user is on: most update within days, some lag one or two releases. 5.2 spreads over four days. */
function appVersion(day: string, theme: Theme, rng: Rng): string {
  const current = currentReleaseIndex(day);
  const v52 = RELEASES.length - 1;
  if (theme.id === checkoutCrash.id && day >= RELEASE_52) return RELEASES[v52]?.[1] ?? '';
  let index = current;
  if (current === v52 && !rng.chance(adoption52(day))) index = v52 - 1;
  const lag = rng.weighted([[0, 75], [1, 18], [2, 7]] as const);
  return RELEASES[Math.max(0, index - lag)]?.[1] ?? '';
}

/** Hour of day in JST: lunch and evening peaks; phone lines open 9–18. */
function localTimestamp(day: string, channel: string, rng: Rng, minHour = 0): string {
  let hour = 0;
  do {
    hour = channel === 'phone'
      ? rng.int(9, 17)
      : rng.weighted([
          [0, 2], [1, 1], [2, 0.5], [6, 1], [7, 3], [8, 4], [9, 4], [10, 4], [11, 5], [12, 8], [13, 6], [14, 4],
          [15, 4], [16, 4], [17, 5], [18, 6], [19, 8], [20, 9], [21, 9], [22, 7], [23, 4],
        ] as const);
  } while (hour < minHour);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day}T${pad(hour)}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
}

/** App-store exports are in UTC; the JST day is kept inside the sample's date range. */
function utcStamp(local: string): string {
  const utc = new Date(Date.parse(`${local}+09:00`));
  return utc.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Post-contact surveys: CSAT for some tickets, CES for others, none for many. */
function ticketRatingScale(channel: TicketChannel, rng: Rng): Scale | null {
  const scale = rng.weighted<'csat' | 'ces' | 'none'>([
    ['csat', channel === 'phone' ? 50 : 40],
    ['ces', 20],
    ['none', channel === 'phone' ? 30 : 40],
  ]);
  return scale === 'none' ? null : scale;
}

function makeRecord(spec: FileSpec, day: string, forcedTheme: Theme | null, rng: Rng, seen: Set<string>): SampleRecord {
  const lang: SampleLang = rng.chance(spec.jaShare) ? 'ja' : 'en';
  const theme = forcedTheme ?? pickTheme(spec.key, lang, day, rng);
  const [regionEn, regionJa] = (() => {
    const i = rng.weighted(REGIONS.map((r, idx) => [idx, r[2]] as const));
    const r = REGIONS[i];
    return r ? [r[0], r[1]] : ['Tokyo', '東京'];
  })();

  let channel: string;
  let ticketChannel: TicketChannel | null = null;
  let product: string;
  let source: string;
  let scale: Scale | null;
  if (spec.key === 'reviews') {
    channel = rng.chance(0.55) ? 'app_store' : 'google_play';
    product = 'KoeMart app';
    source = channel === 'app_store' ? 'appstore-connect-export' : 'play-console-export';
    scale = 'stars';
  } else if (spec.key === 'tickets') {
    ticketChannel = rng.weighted<TicketChannel>([['email', 45], ['chat', 40], ['phone', 15]]);
    channel = ticketChannel;
    product = rng.weighted(theme.products);
    source = 'helpdesk';
    scale = ticketRatingScale(ticketChannel, rng);
  } else {
    channel = 'survey';
    product = rng.weighted(theme.products);
    source = 'nps-survey-2026';
    scale = 'nps';
  }

  const version = appVersion(day, theme, rng);
  const aside = pickAside(theme, spec.key, lang, day, rng);
  let text = '';
  // Re-compose a few times so that longer texts are not exact repeats; short ones ("ok") may repeat, as in life.
  for (let attempt = 0; attempt < 30; attempt++) {
    text = composeText({ theme, lang, style: spec.style, channel: ticketChannel, day, version, region: { ja: regionJa, en: regionEn }, aside, rng });
    if (spec.key === 'survey') text = toCp932Safe(text);
    if (text === '') continue;
    if (text.length < 14 || !seen.has(text)) break;
  }
  seen.add(text);

  // Before 09:00 JST on the first day the UTC date would fall on the day before the sample starts.
  const local = localTimestamp(day, channel, rng, day === FIRST_DAY ? 9 : 0);
  return {
    id: '',
    text,
    created_at: spec.key === 'reviews' ? utcStamp(local) : `${local}+09:00`,
    rating: scale ? ratingFor(theme, scale, rng) : null,
    rating_scale: scale,
    channel,
    product,
    source,
    app_version: product === 'KoeMart app' && spec.key !== 'survey' ? version : null,
    region: regionEn,
    member_type: spec.key === 'survey' ? (product === 'KoeMart Premium' || rng.chance(0.2) ? 'プレミアム会員' : '一般会員') : null,
    file: spec.key,
    lang,
    theme: theme.id,
    aside: aside?.id ?? null,
    day,
    localTime: local,
  };
}

export function generateSample(): SampleRecord[] {
  const rng = createRng(SEED);
  const days = allDays();
  const seen = new Set<string>();
  const records: SampleRecord[] = [];
  for (const spec of FILES) {
    const shapeTotal = days.reduce((sum, d) => sum + dayShape(spec.key, d), 0);
    const fileRecords: SampleRecord[] = [];
    for (const day of days) {
      const normal = countFor((spec.target * dayShape(spec.key, day)) / shapeTotal, rng);
      for (let i = 0; i < normal; i++) fileRecords.push(makeRecord(spec, day, null, rng, seen));
      const extra = countFor(emergingExpected(spec, day), rng);
      for (let i = 0; i < extra; i++) fileRecords.push(makeRecord(spec, day, checkoutCrash, rng, seen));
    }
    fileRecords.sort((a, b) => a.localTime.localeCompare(b.localTime));
    fileRecords.forEach((r, i) => {
      r.id = spec.idPrefix + String(i + 1).padStart(5, '0');
    });
    records.push(...fileRecords);
  }
  return records;
}

// ---------------------------------------------------------------- writing

const CSV_REVIEW_COLUMNS = ['id', 'text', 'created_at', 'rating', 'rating_scale', 'channel', 'product', 'source', 'app_version', 'region'] as const;
// A different column order on purpose: readers map columns by header name.
const CSV_SURVEY_COLUMNS = ['id', 'created_at', 'rating', 'rating_scale', 'text', 'channel', 'product', 'source', 'region', 'member_type'] as const;
const JSONL_COLUMNS = ['id', 'text', 'created_at', 'rating', 'rating_scale', 'channel', 'product', 'source', 'app_version', 'region'] as const;

type Column = (typeof CSV_REVIEW_COLUMNS)[number] | (typeof CSV_SURVEY_COLUMNS)[number];

function fileContents(spec: FileSpec, rows: readonly SampleRecord[]): Buffer {
  if (spec.key === 'tickets') {
    const lines = rows.map((r) => JSON.stringify(Object.fromEntries(JSONL_COLUMNS.map((c) => [c, r[c]]))));
    return Buffer.from(lines.join('\n') + '\n', 'utf8');
  }
  const columns: readonly Column[] = spec.key === 'reviews' ? CSV_REVIEW_COLUMNS : CSV_SURVEY_COLUMNS;
  const lines = [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c])))];
  // Excel on Windows writes CRLF and CP932; the app-store export is plain UTF-8 with LF.
  return spec.key === 'survey' ? iconv.encode(lines.join('\r\n') + '\r\n', 'cp932') : Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// ---------------------------------------------------------------- checks

/** Reads every file back and compares it field by field with the generated records. */
function checkFiles(records: readonly SampleRecord[]): string[] {
  const problems: string[] = [];
  for (const spec of FILES) {
    const expected = records.filter((r) => r.file === spec.key);
    const bytes = readFileSync(path.join(DATA_DIR, spec.name));
    let actual: Array<Record<string, unknown>>;
    if (spec.key === 'tickets') {
      actual = bytes.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    } else {
      const text = spec.key === 'survey' ? iconv.decode(bytes, 'cp932') : bytes.toString('utf8');
      if (spec.key === 'survey' && !iconv.encode(text, 'cp932').equals(bytes)) problems.push(`${spec.name}: does not round-trip through CP932`);
      const [header, ...rows] = parseCsv(text);
      if (!header) throw new Error(`${spec.name}: empty`);
      actual = rows.map((row, i) => {
        if (row.length !== header.length) problems.push(`${spec.name} row ${i + 2}: ${row.length} fields, header has ${header.length}`);
        return Object.fromEntries(header.map((h, j) => [h, row[j] ?? '']));
      });
    }
    if (actual.length !== expected.length) problems.push(`${spec.name}: ${actual.length} rows read, ${expected.length} generated`);
    expected.forEach((r, i) => {
      const got = actual[i];
      if (!got) return;
      for (const key of ['id', 'text', 'created_at', 'rating', 'channel'] as const) {
        const want = r[key] === null ? (spec.key === 'tickets' ? null : '') : spec.key === 'tickets' ? r[key] : String(r[key]);
        if (got[key] !== want) problems.push(`${spec.name} ${r.id}: ${key} read back as ${JSON.stringify(got[key])}`);
      }
      if (spec.key === 'survey' && !roundTripsInCp932(r.text)) problems.push(`${r.id}: text not representable in CP932`);
      if (r.text.trim() === '') problems.push(`${r.id}: empty text`);
    });
  }
  return problems;
}

// ---------------------------------------------------------------- counts and README

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function markdownTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (cells: ReadonlyArray<string | number>): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function tables(records: readonly SampleRecord[]): Record<string, string> {
  const months = [...new Set(records.map((r) => r.day.slice(0, 7)))].sort();
  const fileTable = markdownTable(
    ['file', 'records', 'Japanese', 'English', 'ratings'],
    FILES.map((spec) => {
      const rows = records.filter((r) => r.file === spec.key);
      const scales = [...countBy(rows, (r) => r.rating_scale ?? 'none')].map(([k, v]) => `${k} ${v}`).join(', ');
      return [`\`${spec.name}\``, rows.length, rows.filter((r) => r.lang === 'ja').length, rows.filter((r) => r.lang === 'en').length, scales];
    }).concat([['**total**', records.length, records.filter((r) => r.lang === 'ja').length, records.filter((r) => r.lang === 'en').length, '']]),
  );
  const monthTable = markdownTable(
    ['month', ...FILES.map((f) => f.name), 'total'],
    months.map((m) => {
      const inMonth = records.filter((r) => r.day.startsWith(m));
      return [m, ...FILES.map((f) => inMonth.filter((r) => r.file === f.key).length), inMonth.length];
    }),
  );
  const themeTable = markdownTable(
    ['theme id', 'what it is', 'records', 'ja', 'en', 'mean stars', 'mean NPS'],
    THEMES.map((t) => {
      const rows = records.filter((r) => r.theme === t.id);
      const mean = (scale: Scale): string => {
        const rated = rows.filter((r) => r.rating_scale === scale && r.rating !== null);
        return rated.length === 0 ? '–' : (rated.reduce((s, r) => s + (r.rating ?? 0), 0) / rated.length).toFixed(1);
      };
      return [`\`${t.id}\``, t.label, rows.length, rows.filter((r) => r.lang === 'ja').length, rows.filter((r) => r.lang === 'en').length, mean('stars'), mean('nps')];
    }),
  );
  const weekly = (themeId: string): Array<[string, number]> => {
    const out: Array<[string, number]> = [];
    const days = allDays();
    for (let i = 0; i < days.length; i += 7) {
      const week = days.slice(i, i + 7);
      const first = week[0] ?? '';
      out.push([first, records.filter((r) => r.theme === themeId && week.includes(r.day)).length]);
    }
    return out;
  };
  const crash = weekly(checkoutCrash.id);
  const general = weekly('app-crash');
  const late = weekly(deliveryLate.id);
  const emergingTable = markdownTable(
    ['week from', '`checkout-crash`', '`app-crash`', '`delivery-late`', 'all records'],
    crash.map(([week, n], i) => {
      const days = allDays().slice(i * 7, i * 7 + 7);
      return [week, n, general[i]?.[1] ?? 0, late[i]?.[1] ?? 0, records.filter((r) => days.includes(r.day)).length];
    }),
  );
  return { FILE_TABLE: fileTable, MONTH_TABLE: monthTable, THEME_TABLE: themeTable, WEEK_TABLE: emergingTable };
}

function printSummary(records: readonly SampleRecord[]): void {
  const t = tables(records);
  console.log(t.FILE_TABLE + '\n\n' + t.MONTH_TABLE + '\n\n' + t.THEME_TABLE + '\n\n' + t.WEEK_TABLE);
  const before = records.filter((r) => r.theme === checkoutCrash.id && r.day < EMERGING_FROM);
  const after = records.filter((r) => r.theme === checkoutCrash.id && r.day >= EMERGING_FROM);
  const daysBefore = daysBetween('2026-05-15', EMERGING_FROM);
  const daysAfter = daysBetween(EMERGING_FROM, '2026-11-15') + 1;
  console.log(`\ncheckout-crash: ${before.length} before ${EMERGING_FROM} (${(before.length / daysBefore).toFixed(2)}/day), ${after.length} after (${(after.length / daysAfter).toFixed(2)}/day)`);
  const texts = records.map((r) => r.text);
  console.log(`distinct texts: ${new Set(texts).size} of ${texts.length}; with aside theme: ${records.filter((r) => r.aside).length}`);
  const pii = (re: RegExp): number => texts.filter((x) => re.test(x)).length;
  console.log(`texts with e-mail: ${pii(/@example\./)}, phone: ${pii(/0\d0?-\d{4}-\d{4}/)}, card: ${pii(/\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}/)}, order number: ${pii(/(注文番号|[Oo]rder )\s*\d{8}/)}`);
  console.log(`multi-line texts: ${pii(/\n/)}, CSV-quoted (comma, quote or newline) in app-reviews: ${records.filter((r) => r.file === 'reviews' && /[",\n]/.test(r.text)).length}`);
}

function main(): void {
  const records = generateSample();
  const checkOnly = process.argv.includes('--check');
  let readme = readFileSync(path.join(REPO_ROOT, 'scripts', 'sample', 'README.template.md'), 'utf8');
  for (const [key, table] of Object.entries(tables(records))) readme = readme.replace(`{{${key}}}`, table);
  const readmePath = path.join(DATA_DIR, 'README.md');
  if (!checkOnly) {
    for (const spec of FILES) writeFileSync(path.join(DATA_DIR, spec.name), fileContents(spec, records.filter((r) => r.file === spec.key)));
    writeFileSync(readmePath, readme);
  }
  const problems = checkFiles(records);
  if (readFileSync(readmePath, 'utf8') !== readme) problems.push('data/README.md differs from the template and counts: re-run without --check');
  printSummary(records);
  const showIndex = process.argv.indexOf('--show');
  const show = showIndex === -1 ? undefined : process.argv[showIndex + 1];
  if (show !== undefined) {
    console.log(`\nrecords of theme ${show}:`);
    for (const r of records.filter((rec) => rec.theme === show)) {
      console.log(`${r.id} ${r.day} ${r.rating_scale ?? '-'}:${r.rating ?? '-'} ${r.text.replace(/\n/g, ' ⏎ ')}`);
    }
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):\n` + problems.slice(0, 20).join('\n'));
    process.exitCode = 1;
  } else {
    console.log('\ncheck: every file parses and reads back identical to what was generated (survey file round-trips in CP932); README up to date');
  }
}

// Run as a script only: tests and eval scripts import generateSample() without writing data/.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
