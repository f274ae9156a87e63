// Builds small koe databases for insight and report tests: real SQLite in memory, real migrations,
// rows inserted directly so each test states exactly the data it reasons about.
import { openStore, type Store } from '../../src/store/open-store.js';

export interface FixtureDoc {
  id: string;
  text?: string;
  sourceId?: string | null;
  /** ISO 8601 UTC; a bare YYYY-MM-DD is stored as noon UTC of that day. */
  createdAt?: string | null;
  lang?: 'ja' | 'en' | 'other';
  rating?: number | null;
  ratingScale?: 'nps' | 'csat' | 'ces' | 'stars' | null;
  channel?: string | null;
  product?: string | null;
  sentiment?: 'positive' | 'neutral' | 'negative';
  /** Defaults to +0.6 / 0 / −0.6 by label. */
  score?: number;
  kind?: 'bug' | 'feature_request' | 'question' | 'complaint' | 'praise' | 'other';
  stage?: string | null;
  touchpoint?: string | null;
  /** Primary theme (rank 0). */
  theme?: string | null;
  themeScore?: number;
  /** Secondary themes (rank 1, 2, …). */
  alsoThemes?: string[];
}

export interface FixtureTheme {
  id: string;
  label: string;
  labelJa?: string | null;
  labelEn?: string | null;
  status?: 'active' | 'ignored' | 'merged' | 'retired';
}

export interface Fixture extends Store {
  runId: number;
  addThemes(themes: FixtureTheme[]): Fixture;
  addDocs(docs: FixtureDoc[]): Fixture;
  /** Starts another run (as a re-run would) and returns its id. */
  newRun(): number;
  addThemeChange(runId: number, themeId: string, change: string, sizeBefore?: number, sizeAfter?: number): Fixture;
}

const DEFAULT_SCORE = { positive: 0.6, neutral: 0, negative: -0.6 } as const;

function isoOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : value;
}

export function createFixture(): Fixture {
  const store = openStore(':memory:');
  const { db } = store;
  const now = '2026-01-01T00:00:00.000Z';
  const startRun = (): number =>
    Number(
      db
        .prepare(`INSERT INTO runs (started_at, finished_at, status, command) VALUES (?, ?, 'ok', 'fixture')`)
        .run(now, now).lastInsertRowid,
    );
  let runId = startRun();

  const insertTheme = db.prepare(
    `INSERT INTO themes (id, label, label_ja, label_en, status, created_run_id, updated_run_id)
     VALUES (@id, @label, @labelJa, @labelEn, @status, @runId, @runId)`,
  );
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, source_id, content_hash, lang, text, created_at, rating, rating_scale, channel,
       product, first_run_id, last_run_id, ingested_at, updated_at)
     VALUES (@id, @sourceId, @id, @lang, @text, @createdAt, @rating, @ratingScale, @channel, @product,
       @runId, @runId, @now, @now)`,
  );
  const insertAnalysis = db.prepare(
    `INSERT INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model, kind,
       kind_confidence, kind_model, stage, touchpoint, run_id, analyzed_at)
     VALUES (@id, @sentiment, @score, 0.9, 'fixture', @kind, 0.9, 'fixture', @stage, @touchpoint, @runId, @now)`,
  );
  const insertDocTheme = db.prepare(
    'INSERT INTO document_themes (doc_id, theme_id, rank, score) VALUES (?, ?, ?, ?)',
  );
  const updateSizes = db.prepare(
    `UPDATE themes SET size = (SELECT count(*) FROM document_themes dt WHERE dt.theme_id = themes.id AND dt.rank = 0)`,
  );

  const fixture: Fixture = {
    ...store,
    get runId() {
      return runId;
    },
    addThemes(themes) {
      db.transaction(() => {
        for (const t of themes) {
          insertTheme.run({
            id: t.id,
            label: t.label,
            labelJa: t.labelJa ?? null,
            labelEn: t.labelEn ?? null,
            status: t.status ?? 'active',
            runId,
          });
        }
      })();
      return fixture;
    },
    addDocs(docs) {
      db.transaction(() => {
        for (const d of docs) {
          const sentiment = d.sentiment ?? 'neutral';
          insertDoc.run({
            id: d.id,
            sourceId: d.sourceId === undefined ? `src-${d.id}` : d.sourceId,
            lang: d.lang ?? 'en',
            text: d.text ?? `feedback ${d.id}`,
            createdAt: isoOf(d.createdAt === undefined ? '2026-03-02' : d.createdAt),
            rating: d.rating ?? null,
            ratingScale: d.ratingScale ?? null,
            channel: d.channel ?? null,
            product: d.product ?? null,
            runId,
            now,
          });
          insertAnalysis.run({
            id: d.id,
            sentiment,
            score: d.score ?? DEFAULT_SCORE[sentiment],
            kind: d.kind ?? 'other',
            stage: d.stage ?? null,
            touchpoint: d.touchpoint ?? null,
            runId,
            now,
          });
          if (d.theme) insertDocTheme.run(d.id, d.theme, 0, d.themeScore ?? 0.5);
          (d.alsoThemes ?? []).forEach((t, i) => insertDocTheme.run(d.id, t, i + 1, 0.3));
        }
        updateSizes.run();
      })();
      return fixture;
    },
    newRun() {
      runId = startRun();
      return runId;
    },
    addThemeChange(run, themeId, change, sizeBefore = 0, sizeAfter = 0) {
      db.prepare(
        'INSERT INTO theme_changes (run_id, theme_id, change, size_before, size_after) VALUES (?, ?, ?, ?, ?)',
      ).run(run, themeId, change, sizeBefore, sizeAfter);
      return fixture;
    },
  };
  return fixture;
}
