// A run above clusterSample (a small one here, 300) themes as it goes: a real theme step once more than
// clusterSample documents are committed, each later batch given its nearest theme in its own transaction
// (provisionally: still pending), then a final incremental step over the pending documents only. A run killed
// anywhere and run again redoes at most a batch plus that final step — asserted on the counts runs records.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { queueCuration } from '../../src/pipeline/update-themes.js';
import { openStore } from '../../src/store/open-store.js';
import { analyzedSoFar, RECURRING_OPENINGS as OPENINGS, runAndKill } from '../support/killed-run.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';
import type { Db } from '../../src/store/open-store.js';

const tempDir = useTempDirs('koe-during-');

const TOTAL = 1600;
const BATCH = 50;
const SAMPLE = 300;
const CONFIG = { workers: 0, batchSize: BATCH, themes: { clusterSample: SAMPLE } };

// Recurring issues in both languages; from row NEW_TOPIC_FROM on, a topic that the first rows mention only twice
// (too few for a theme) becomes frequent, as a new issue grows in a long import. (The vector space is fitted on the
// first documents: a topic in words none of them used would have no vector until a rebuild.)
const NEW_TOPIC = 'Every morning a popup forces me to install a firmware upgrade for my smartwatch';
const NEW_TOPIC_FROM = 1000;
const EARLY_MENTIONS = [7, 200];

/** `twoIssuesEvery`: every so many rows, a row says two of the recurring issues (a primary and a secondary theme). */
function writeInput(file: string, twoIssuesEvery = 0): void {
  const lines: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    let text = (i >= NEW_TOPIC_FROM && i % 4 === 0) || EARLY_MENTIONS.includes(i) ? NEW_TOPIC : OPENINGS[i % OPENINGS.length]!;
    if (twoIssuesEvery > 0 && i % twoIssuesEvery === 1) text = `${OPENINGS[i % OPENINGS.length]!}. ${OPENINGS[(i + 1) % OPENINGS.length]!}`;
    lines.push(JSON.stringify({ id: `k${String(i).padStart(5, '0')}`, text: `${text} (${i})`, created_at: '2026-10-01T00:00:00Z' }));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface RunRow {
  status: string;
  phase: string;
  analyzed: number;
  unchanged: number;
  batches_committed: number;
  provisional: number;
  early_theme_step_documents: number | null;
  theme_step_pending: number | null;
  theme_step_discovered: number | null;
}

function state(db: Db) {
  const n = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    documents: n('SELECT count(*) FROM documents'),
    analyses: n('SELECT count(*) FROM analyses'),
    pending: n('SELECT count(*) FROM documents WHERE theme_pending = 1'),
    pendingThemed: n('SELECT count(*) FROM documents d JOIN document_themes t ON t.doc_id = d.id AND t.rank = 0 WHERE d.theme_pending = 1'),
    primaries: db.prepare('SELECT doc_id, theme_id, round(score, 5) AS score FROM document_themes WHERE rank = 0 ORDER BY doc_id').all(),
    secondaries: n('SELECT count(*) FROM document_themes WHERE rank > 0'),
    sizes: n("SELECT coalesce(sum(size), 0) FROM themes WHERE status IN ('active', 'ignored')"),
    runs: db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[],
    integrity: db.pragma('integrity_check', { simple: true }),
  };
}

/** Every theme membership (primary and secondary) with its exact score, in the order they were written. */
function memberships(db: Db): { doc_id: string; theme_id: string; rank: number; score: number }[] {
  return db.prepare('SELECT doc_id, theme_id, rank, score FROM document_themes ORDER BY rowid').all() as { doc_id: string; theme_id: string; rank: number; score: number }[];
}

function vectors(db: Db): unknown[] {
  return db.prepare('SELECT doc_id, model, content_hash, hex(vector) AS v FROM doc_vectors ORDER BY doc_id, model').all();
}

function setUp(twoIssuesEvery = 0): { dir: string; input: string; config: string } {
  const dir = tempDir();
  const input = path.join(dir, 'feedback.jsonl');
  writeInput(input, twoIssuesEvery);
  const config = path.join(dir, 'koe.config.json');
  fs.writeFileSync(config, JSON.stringify({ themes: { clusterSample: SAMPLE } }));
  return { dir, input, config };
}

describe('themes during a run above clusterSample', () => {
  it('takes an early theme step, themes later batches as they commit, and finishes with an incremental step that finds the new topic', async () => {
    const { dir, input } = setUp();
    const db = path.join(dir, 'koe.db');
    const summary = await runKoe({ db, inputs: [input], config: CONFIG });

    // The early step saw the first batches that took the store past clusterSample: 300 < documents ≤ 300 + a batch.
    expect(summary.earlyThemes).toMatchObject({ mode: 'rebuild' });
    const early = summary.earlyThemes!.documents;
    expect(early).toBeGreaterThan(SAMPLE);
    expect(early).toBeLessThanOrEqual(SAMPLE + BATCH);
    // The final step was incremental over the documents after it; nothing was projected again.
    expect(summary.themes).toMatchObject({ mode: 'incremental', documents: TOTAL, pending: TOTAL - early, vectorsComputed: 0 });
    // Every document was themed once: in the early step, provisionally in its batch, or found by the final step.
    const discovered = summary.themes!.discovered!;
    expect(summary.provisional).toBeGreaterThan(0);
    expect(early + summary.provisional + discovered).toBe(TOTAL);
    expect(discovered).toBeGreaterThan(0);

    const final = readDb(db, state);
    const [run] = final.runs;
    expect(run).toMatchObject({ status: 'ok', provisional: summary.provisional, early_theme_step_documents: early, theme_step_pending: TOTAL - early, theme_step_discovered: discovered });
    expect(final).toMatchObject({ documents: TOTAL, analyses: TOTAL, pending: 0, sizes: final.primaries.length });
    expect(final.integrity).toBe('ok');

    // The new topic (only after row 1000, so never in the early step's space or themes) became a theme of its own.
    const newTopicTheme = readDb(db, (d) =>
      d
        .prepare(
          `SELECT t.theme_id, count(*) AS n FROM document_themes t JOIN documents x ON x.id = t.doc_id
           WHERE t.rank = 0 AND x.text LIKE 'Every morning a popup%' GROUP BY t.theme_id ORDER BY n DESC LIMIT 1`,
        )
        .get() as { theme_id: string; n: number } | undefined,
    );
    const newTopicRows = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => i >= NEW_TOPIC_FROM && i % 4 === 0).length + EARLY_MENTIONS.length;
    expect(newTopicTheme?.n).toBeGreaterThanOrEqual(newTopicRows * 0.9);
    const appeared = readDb(db, (d) => d.prepare("SELECT change FROM theme_changes WHERE run_id = 1 AND theme_id = ?").pluck().get(newTopicTheme!.theme_id));
    expect(appeared).toBe('appeared');

    // The same input again adds nothing and themes nothing: no early step, nothing pending.
    const again = await runKoe({ db, inputs: [input], config: CONFIG });
    expect(again).toMatchObject({ analyzed: 0, unchanged: TOTAL, provisional: 0, earlyThemes: null });
    expect(again.themes).toMatchObject({ mode: 'incremental', pending: 0, discovered: 0 });
    expect(readDb(db, state).primaries).toEqual(final.primaries);
  });

  it('killed in the analysis after its early step, redoes only the batch in flight and a final step over the pending documents', async () => {
    const { dir, input, config } = setUp();
    const whole = path.join(dir, 'whole.db');
    await runKoe({ db: whole, inputs: [input], config: CONFIG });
    const uninterrupted = readDb(whole, state);

    const db = path.join(dir, 'koe.db');
    const killed = await runAndKill(['--db', db, '--workers', '0', '--batch-size', String(BATCH), '--config', config, input], (err) => analyzedSoFar(err) >= 0.7 * TOTAL);
    expect(killed.signal).toBe('SIGKILL');
    const after = readDb(db, state);
    const run1 = after.runs[0]!;
    expect(run1).toMatchObject({ status: 'running', phase: 'analysis' });
    const early = run1.early_theme_step_documents!;
    expect(early).toBeGreaterThan(SAMPLE);
    // What it committed after its early step is there, provisionally themed and still pending.
    expect(after).toMatchObject({ documents: run1.analyzed, analyses: run1.analyzed, pending: run1.analyzed - early, pendingThemed: run1.provisional });

    const summary = await runKoe({ db, inputs: [input], config: CONFIG });
    // It starts at the first row the killed run did not commit; its counts are one whole run's.
    expect(summary).toMatchObject({ resumedRunId: 1, analyzed: TOTAL - run1.analyzed, rowsSkipped: run1.analyzed, inserted: TOTAL, unchanged: 0, earlyThemes: null });
    const final = readDb(db, state);
    const run2 = final.runs[1]!;
    // No early step again, no document themed twice, nothing projected again; the final step's work is the pending.
    expect(run2).toMatchObject({ status: 'ok', early_theme_step_documents: null, theme_step_pending: TOTAL - early });
    expect(summary.themes).toMatchObject({ mode: 'incremental', vectorsComputed: 0 });
    expect(early + run1.provisional + run2.provisional + run2.theme_step_discovered!).toBe(TOTAL);
    // And the outcome is the uninterrupted run's, assignment for assignment.
    expect(final).toMatchObject({ documents: TOTAL, analyses: TOTAL, pending: 0, integrity: 'ok' });
    expect(final.primaries).toEqual(uninterrupted.primaries);
    expect(final.secondaries).toBe(uninterrupted.secondaries);
  });

  it('killed in its final theme step, keeps the provisional themes and redoes only that step', async () => {
    const { dir, input, config } = setUp();
    const db = path.join(dir, 'koe.db');
    const killed = await runAndKill(['--db', db, '--workers', '0', '--batch-size', String(BATCH), '--config', config, input], (err) => err.includes('themes: updating'));
    expect(killed.signal).toBe('SIGKILL');
    const after = readDb(db, state);
    const run1 = after.runs[0]!;
    expect(run1).toMatchObject({ status: 'running', phase: 'themes', analyzed: TOTAL, theme_step_pending: null });
    expect(after).toMatchObject({ documents: TOTAL, pending: TOTAL - run1.early_theme_step_documents!, pendingThemed: run1.provisional });

    const summary = await runKoe({ db, inputs: [input], config: CONFIG });
    expect(summary).toMatchObject({ resumedRunId: 1, analyzed: 0, rowsSkipped: TOTAL, inserted: TOTAL, unchanged: 0, provisional: 0, earlyThemes: null });
    expect(summary.themes).toMatchObject({ mode: 'incremental', pending: TOTAL - run1.early_theme_step_documents!, vectorsComputed: 0 });
    const final = readDb(db, state);
    expect(final).toMatchObject({ documents: TOTAL, pending: 0, sizes: final.primaries.length, integrity: 'ok' });
    expect(run1.early_theme_step_documents! + run1.provisional + summary.themes!.discovered!).toBe(TOTAL);
  });

  it('a later run at size replays curation queued meanwhile (a merge moves the stored members) and themes only its new documents', async () => {
    const { dir, input } = setUp();
    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [input], config: CONFIG });
    const [target, from] = readDb(db, (d) => d.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC LIMIT 2").pluck().all() as string[]);
    const fromMembers = readDb(db, (d) => d.prepare('SELECT count(*) FROM document_themes WHERE rank = 0 AND theme_id = ?').pluck().get(from) as number);
    const store = openStore(db);
    queueCuration(store.db, { action: 'merge', themeId: target!, from: [from!] });
    store.close();

    const more = path.join(dir, 'more.jsonl');
    fs.writeFileSync(more, Array.from({ length: 100 }, (_, i) => JSON.stringify({ id: `m${i}`, text: `${OPENINGS[i % OPENINGS.length]} [${i}]` })).join('\n') + '\n');
    const summary = await runKoe({ db, inputs: [more], config: CONFIG });
    expect(summary).toMatchObject({ analyzed: 100, earlyThemes: null });
    expect(summary.provisional).toBeGreaterThan(90);
    expect(summary.themes).toMatchObject({ mode: 'incremental', documents: TOTAL + 100, pending: 100 });

    const final = readDb(db, state);
    const merged = readDb(db, (d) => d.prepare('SELECT status, merged_into FROM themes WHERE id = ?').get(from));
    expect(merged).toEqual({ status: 'merged', merged_into: target });
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM document_themes WHERE theme_id = ?').pluck().get(from))).toBe(0);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM theme_curation WHERE pending = 1').pluck().get())).toBe(0);
    const targetSize = readDb(db, (d) => d.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(target) as number);
    expect(targetSize).toBe(readDb(db, (d) => d.prepare('SELECT count(*) FROM document_themes WHERE rank = 0 AND theme_id = ?').pluck().get(target) as number));
    expect(targetSize).toBeGreaterThan(fromMembers);
    expect(final).toMatchObject({ documents: TOTAL + 100, pending: 0, sizes: final.primaries.length, integrity: 'ok' });
  });

  it('with worker threads, stops them for the early step and starts them again: the same themes as on the main thread', async () => {
    const { dir, input } = setUp(7);
    const main = path.join(dir, 'main.db');
    const threads = path.join(dir, 'threads.db');
    await runKoe({ db: main, inputs: [input], config: CONFIG });
    const logged: string[] = [];
    const summary = await runKoe({ db: threads, inputs: [input], config: { ...CONFIG, workers: 2 }, log: (m) => logged.push(m) });
    expect(summary).toMatchObject({ analyzed: TOTAL, status: 'ok' });
    expect(summary.earlyThemes).not.toBeNull();
    expect(logged.filter((m) => m.startsWith('worker threads stopped for the early theme step'))).toHaveLength(1);
    // The worker threads placed the batches after the early step (the main thread only the ones in flight then).
    const placed = /provisional themes: (\d+) documents placed by the worker threads, (\d+) on the main thread/.exec(logged.join('\n'));
    expect(Number(placed?.[1])).toBeGreaterThan(Number(placed?.[2]));
    expect(readDb(threads, state).primaries).toEqual(readDb(main, state).primaries);
    // Every membership (secondary themes too), exact score and cached vector, in the order written.
    expect(readDb(threads, memberships)).toEqual(readDb(main, memberships));
    expect(readDb(threads, memberships).filter((m) => m.rank > 0).length).toBeGreaterThan(0);
    expect(readDb(threads, vectors)).toEqual(readDb(main, vectors));
  });
});

describe('provisional themes keep praise apart', () => {
  // Praise and complaints about the same things share their words; discovery sets praise apart (the stance follows
  // the text), and a later batch's praise must not join a theme of complaints because its words are nearest.
  const PRAISE = [
    'Delivery was super fast, thank you so much, great service',
    'Thank you, the parcel arrived early and well packed, love it',
    '配送がとても早くて助かりました、ありがとうございます',
    'The support team was wonderful and solved it quickly, thanks a lot',
  ];
  const COMPLAINTS = [
    'Delivery is late again, I am still waiting for my parcel',
    'The parcel never arrived and nobody answers my emails',
    '配送が遅れていて、まだ荷物が届きません',
    'Support did not answer for a week, the problem is still not solved',
  ];

  const LATE_PRAISE = 'Thank you so much, my parcel finally arrived and support answered my emails, great';

  it('gives a later praise document no theme of complaints', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'feedback.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 900; i++) {
      const pool = i % 3 === 0 ? PRAISE : COMPLAINTS;
      // After the early step, praise in the words of a complaint: its nearest theme is one of complaints.
      const text = i >= 450 && i % 6 === 0 ? LATE_PRAISE : pool[Math.floor(i / 3) % pool.length]!;
      lines.push(JSON.stringify({ id: `s${i}`, text: `${text} (${i})`, created_at: '2026-10-01T00:00:00Z' }));
    }
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const db = path.join(dir, 'koe.db');
    const summary = await runKoe({ db, inputs: [input], config: CONFIG });
    expect(summary.provisional).toBeGreaterThan(300);
    const themes = readDb(db, (d) =>
      d
        .prepare(
          `SELECT t.theme_id, count(*) AS members, sum(a.kind = 'praise') AS praise FROM document_themes t
           JOIN analyses a ON a.doc_id = t.doc_id WHERE t.rank = 0 GROUP BY t.theme_id`,
        )
        .all() as { theme_id: string; members: number; praise: number }[],
    );
    const praiseThemes = themes.filter((t) => t.praise > 0);
    // The early step set praise apart; every theme is still of one stance after the provisional batches.
    expect(praiseThemes.length).toBeGreaterThan(0);
    expect(themes.filter((t) => t.praise > 0 && t.praise < t.members)).toEqual([]);
  });

  it('finds the new themes of the final step at size apart by stance too', async () => {
    // A topic none of the first documents mention grows after the early step, praised and complained about in
    // the same words: no theme takes it in its batch, so the final step discovers it — as two themes.
    const NEW_PRAISE = 'The smartwatch firmware update and its battery screen, thank you, great';
    const NEW_COMPLAINT = 'The smartwatch firmware update and its battery screen, broken, please fix';
    const dir = tempDir();
    const input = path.join(dir, 'feedback.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 900; i++) {
      const pool = i % 3 === 0 ? PRAISE : COMPLAINTS;
      // Mentioned a few times early, so its words are in the vector space the early step fits.
      const early = [7, 8, 200, 201].includes(i);
      const text =
        (i >= 450 && i % 5 === 0) || i === 7 || i === 200 ? NEW_PRAISE
        : (i >= 450 && i % 5 === 1) || early ? NEW_COMPLAINT
        : pool[Math.floor(i / 3) % pool.length]!;
      lines.push(JSON.stringify({ id: `w${i}`, text: `${text} (${i})`, created_at: '2026-10-01T00:00:00Z' }));
    }
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const db = path.join(dir, 'koe.db');
    const summary = await runKoe({ db, inputs: [input], config: CONFIG });
    expect(summary.themes?.discovered).toBeGreaterThan(50);
    const themes = readDb(db, (d) =>
      d
        .prepare(
          `SELECT t.theme_id, count(*) AS members, sum(a.kind = 'praise') AS praise, sum(x.text LIKE '%smartwatch%') AS watch
           FROM document_themes t JOIN analyses a ON a.doc_id = t.doc_id JOIN documents x ON x.id = t.doc_id
           WHERE t.rank = 0 GROUP BY t.theme_id`,
        )
        .all() as { theme_id: string; members: number; praise: number; watch: number }[],
    );
    const watchThemes = themes.filter((t) => t.watch > 0);
    expect(watchThemes.length).toBeGreaterThanOrEqual(2);
    expect(themes.filter((t) => t.praise > 0 && t.praise < t.members)).toEqual([]);
  });
});
