// A night's edited documents at size (an export that carries updated tickets again): what each had added to its
// theme is recorded before it is written again (theme_departures), and the theme step takes it out of the stored
// figures and adds the document as it is now, instead of reading every member of the theme. Real kuromoji, real
// SQLite files, runs through runKoe; the figures are checked against the members as stored.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { openStore } from '../../src/store/open-store.js';
import { RECURRING_OPENINGS as OPENINGS, runAndKill } from '../support/killed-run.js';
import { readDb } from '../support/read-db.js';
import { expectFiguresFollowMembers } from '../support/theme-figures.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-edited-');
const THEMES = { clusterSample: 60 };
const CONFIG = { workers: 0, batchSize: 50, themes: THEMES };

const row = (id: string, text: string) => JSON.stringify({ id, text, created_at: '2026-10-01T00:00:00Z' });

/** A store past clusterSample: `rows` documents of the recurring issues (ids PREFIX0, PREFIX1 …), themed. */
async function themedStore(rows: number, prefix: string): Promise<{ dir: string; db: string; input: string }> {
  const dir = tempDir();
  const db = path.join(dir, 'koe.db');
  const input = path.join(dir, 'first.jsonl');
  fs.writeFileSync(input, Array.from({ length: rows }, (_, i) => row(`${prefix}${i}`, `${OPENINGS[i % OPENINGS.length]!} (${i})`)).join('\n') + '\n');
  await runKoe({ db, inputs: [input], config: CONFIG });
  return { dir, db, input };
}

/** A store of 240 documents, then a night of 3 edited and 3 new rows. */
async function storeAndNight(nightConfig: Record<string, unknown> = CONFIG) {
  const { dir, db } = await themedStore(240, 'e');
  const night = path.join(dir, 'night.jsonl');
  const edited = ['e0', 'e1', 'e8'];
  fs.writeFileSync(
    night,
    [
      row('e0', `${OPENINGS[0]!}。昨日からずっとです (0)`),
      row('e1', `${OPENINGS[1]!}。もう一週間になります (1)`),
      row('e8', `${OPENINGS[2]!}. Still happening after the update (8)`),
      ...[0, 1, 2].map((i) => row(`n${i}`, `${OPENINGS[i]!} (new ${i})`)),
    ].join('\n') + '\n',
  );
  const summary = await runKoe({ db, inputs: [night], config: nightConfig });
  return { db, edited, summary };
}

const themeOf = (db: string, docId: string): string =>
  readDb(db, (d) => d.prepare('SELECT theme_id FROM document_themes WHERE doc_id = ? AND rank = 0').pluck().get(docId) as string);

describe('edited documents in a nightly run at size', () => {
  it('are taken out of their themes’ stored figures and added as they are now: no theme is read whole', async () => {
    const { db, edited, summary } = await storeAndNight();
    expect(summary.analyzed).toBe(6);
    const touched = new Set([...edited, 'n0', 'n1', 'n2'].map((d) => themeOf(db, d)));
    expect(summary.themes?.reread).toMatchObject({ themes: 0, fromStored: touched.size });
    readDb(db, (d) => {
      expectFiguresFollowMembers(d);
      expect(d.prepare('SELECT count(*) FROM theme_departures').pluck().get()).toBe(0); // used by the step, then cleared
    });
  }, 120_000);

  it('a member whose text is gone (only its rating left) is taken out of its theme the same way', async () => {
    const { dir, db } = await themedStore(240, 'e');
    const theme = themeOf(db, 'e3');
    const sizeBefore = readDb(db, (d) => d.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(theme) as number);
    const night = path.join(dir, 'night.jsonl');
    fs.writeFileSync(night, JSON.stringify({ id: 'e3', text: '', rating: 2, rating_scale: 'stars', created_at: '2026-10-02T00:00:00Z' }) + '\n');
    const summary = await runKoe({ db, inputs: [night], config: CONFIG });
    expect(summary.themes?.reread).toMatchObject({ themes: 0, fromStored: 1 });
    readDb(db, (d) => {
      expect(d.prepare('SELECT count(*) FROM document_themes WHERE doc_id = ?').pluck().get('e3')).toBe(0);
      expect(d.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(theme)).toBe(sizeBefore - 1);
      expectFiguresFollowMembers(d);
    });
  }, 120_000);

  it('a departure taken against figures written again since is not used: its theme is read whole', async () => {
    const { db, edited } = await storeAndNight({ ...CONFIG, skipThemes: true });
    const store = openStore(db);
    try {
      expect(store.db.prepare('SELECT doc_id FROM theme_departures ORDER BY doc_id').pluck().all()).toEqual(edited);
      // Another writer rewrote one theme's figures after the departures were recorded (wrongly, so it shows).
      const stale = themeOf(db, 'e0');
      store.db.prepare(`UPDATE themes SET kinds = '{}' WHERE id = ?`).run(stale);
      const step = updateThemes(store.db, null, THEMES);
      expect(step.reread?.themes).toBe(1);
      expectFiguresFollowMembers(store.db);
    } finally {
      store.close();
    }
  }, 120_000);

  it('killed in its theme step, the same command again takes the departures its batches committed out of the figures', async () => {
    const { dir, db } = await themedStore(1600, 'k');
    const config = path.join(dir, 'koe.config.json');
    fs.writeFileSync(config, JSON.stringify({ themes: THEMES }));
    const night = path.join(dir, 'night.jsonl');
    const edited = Array.from({ length: 30 }, (_, i) => row(`k${i * 50}`, `${OPENINGS[(i * 50) % OPENINGS.length]!} (edited ${i})`));
    const added = Array.from({ length: 30 }, (_, i) => row(`n${i}`, `${OPENINGS[i % OPENINGS.length]!} (new ${i})`));
    fs.writeFileSync(night, [...edited, ...added].join('\n') + '\n');
    const args = ['--db', db, '--workers', '0', '--batch-size', '20', '--config', config, night];
    const killed = await runAndKill(args, (err) => err.includes('themes: updating'));
    expect(killed.signal).toBe('SIGKILL');
    expect(readDb(db, (d) => d.prepare('SELECT status, phase, analyzed FROM runs WHERE id = 2').get())).toEqual({ status: 'running', phase: 'themes', analyzed: 60 });
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM theme_departures').pluck().get())).toBe(30);

    const summary = await runKoe({ db, inputs: [night], config: { ...CONFIG, batchSize: 20 } });
    expect(summary).toMatchObject({ resumedRunId: 2, analyzed: 0 });
    expect(summary.themes?.reread?.themes).toBe(0);
    readDb(db, (d) => {
      expectFiguresFollowMembers(d);
      expect(d.prepare('SELECT count(*) FROM theme_departures').pluck().get()).toBe(0);
    });
  }, 120_000);

  it('--reanalyze records none: every member is read again in one pass', async () => {
    const { db, input } = await themedStore(120, 'r');
    await runKoe({ db, inputs: [input], config: { ...CONFIG, skipThemes: true }, reanalyze: true });
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM theme_departures').pluck().get())).toBe(0);
  }, 120_000);
});
