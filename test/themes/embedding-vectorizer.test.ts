import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDb } from '../support/read-db.js';
import { TINY_MODEL, useTempDirs } from '../support/temp-dirs.js';
import { runKoe, RunFailedError } from '../../src/pipeline/run-koe.js';
import { embeddingModelId, precomputeEmbeddings } from '../../src/pipeline/embed-documents.js';
import { curateThemes, parseThemeConfig, updateThemes } from '../../src/pipeline/update-themes.js';
import { ModelDirectoryError } from '../../src/models/transformer.js';
import { openStore } from '../../src/store/open-store.js';
import { getVectorizer } from '../../src/themes/index.js';
import { themesCommand } from '../../src/cli/commands/themes.js';
import { captureIo } from '../cli/io.js';
import { ALL, type FixtureRow } from './theme-fixture.js';


const tmpDir = useTempDirs('koe-embed-');

function writeJsonl(dir: string, rows: readonly FixtureRow[], name = 'feedback.jsonl'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify({ id: r.id, text: r.text })).join('\n') + '\n');
  return file;
}

interface VectorRow {
  doc_id: string;
  model: string;
  vector: Buffer;
}
function vectorRows(dbPath: string): VectorRow[] {
  return readDb(dbPath, (db) => db.prepare('SELECT doc_id, model, vector FROM doc_vectors ORDER BY doc_id, model').all() as VectorRow[]);
}

// workers: 0 keeps the run on this test process's kuromoji.
const embeddingConfig = { workers: 0, themes: { embeddingModel: TINY_MODEL } };

describe('runKoe with themes from sentence embeddings', () => {
  it('themes the documents from embeddings cached under the model id, and a re-run embeds nothing', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    const input = writeJsonl(dir, ALL);
    const logs: string[] = [];
    const first = await runKoe({ db, inputs: [input], config: embeddingConfig, log: (m) => logs.push(m) });
    const modelId = embeddingModelId(TINY_MODEL);
    expect(modelId).toMatch(/^embedding:[0-9a-f]{16}$/);
    expect(first.themes).toMatchObject({ mode: 'rebuild', documents: ALL.length, modelId });
    expect(first.themes!.activeThemes).toBeGreaterThan(0);
    expect(logs.join('\n')).toContain(`${ALL.length} document(s) embedded`);

    // One unit vector of the model's hidden size per document, all under the embedding model id.
    const rows = vectorRows(db);
    expect(rows).toHaveLength(ALL.length);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set([modelId]));
    for (const r of rows) {
      const v = new Float32Array(new Uint8Array(r.vector).buffer);
      expect(v.length).toBe(32);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    }
    const { model, themed } = readDb(db, (d) => ({
      model: d.prepare('SELECT id, backend, params FROM theme_models').get() as { id: string; backend: string; params: string },
      themed: d.prepare('SELECT count(*) FROM document_themes').pluck().get() as number,
    }));
    expect(model).toEqual({ id: modelId, backend: 'embedding', params: JSON.stringify({ dim: 32 }) });
    expect(themed).toBeGreaterThan(0);

    // Same input again: every vector comes from the cache, byte for byte, and the themes are kept (incremental).
    logs.length = 0;
    const second = await runKoe({ db, inputs: [input], config: embeddingConfig, log: (m) => logs.push(m) });
    expect(logs.join('\n')).toContain(': 0 document(s) embedded');
    expect(second.themes).toMatchObject({ mode: 'incremental', modelId, vectorsComputed: 0 });
    expect(vectorRows(db)).toEqual(rows);
  });

  it('embeds only new and changed texts', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [writeJsonl(dir, ALL)], config: embeddingConfig });
    const changed: FixtureRow[] = [
      { ...ALL[0]!, text: `${ALL[0]!.text} 今日も同じです。` }, // an edited text: its vector is stale
      { id: 'new-1', text: 'The checkout page freezes when I pay by card.' }, // a new document
    ];
    const logs: string[] = [];
    await runKoe({ db, inputs: [writeJsonl(dir, changed, 'more.jsonl')], config: embeddingConfig, log: (m) => logs.push(m) });
    expect(logs.join('\n')).toContain(': 2 document(s) embedded');
    expect(vectorRows(db)).toHaveLength(ALL.length + 1);
    // Nothing is left to embed.
    const store = openStore(db);
    expect(await precomputeEmbeddings(store.db, TINY_MODEL, { pageSize: 5 })).toEqual({ modelId: embeddingModelId(TINY_MODEL), computed: 0 });
    store.close();
  });

  it('fails with the model directory named when it does not exist, leaving the database without documents', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    const missing = path.join(dir, 'no-such-model');
    const err = await runKoe({ db, inputs: [writeJsonl(dir, ALL.slice(0, 6))], config: { workers: 0, themes: { embeddingModel: missing } } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RunFailedError);
    expect((err as RunFailedError).cause).toBeInstanceOf(ModelDirectoryError);
    expect((err as Error).message).toContain(`model directory ${missing} does not exist`);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM documents').pluck().get())).toBe(0);
  });

  it('keeps the default (tfidf-lsa) space when no embedding model is configured, and switching refits', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    const input = writeJsonl(dir, ALL);
    const plain = await runKoe({ db, inputs: [input], config: { workers: 0 } });
    expect(plain.themes!.modelId).toMatch(/^tfidf-lsa:/);
    const embedded = await runKoe({ db, inputs: [input], config: embeddingConfig });
    expect(embedded.themes).toMatchObject({ mode: 'rebuild', modelId: embeddingModelId(TINY_MODEL) });
    // The tfidf-lsa vectors are dropped with their model: only one space is kept.
    expect(new Set(vectorRows(db).map((r) => r.model))).toEqual(new Set([embeddingModelId(TINY_MODEL)]));
  });
});

describe('curation and rebuild in an embedding space', () => {
  it('merges themes with the cached vectors, and `koe themes rebuild --embedding-model` re-clusters them', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    const input = writeJsonl(dir, ALL);
    // koe run --themes 2 --embedding-model DIR: both theme options reach the run.
    await runKoe({ db, inputs: [input], config: { workers: 0, themes: { themes: 2, embeddingModel: TINY_MODEL } } });
    const store = openStore(db);
    const live = store.db.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY id").pluck().all() as string[];
    expect(live).toHaveLength(2);
    // Curation is given no config: it keeps the stored embedding space instead of refitting tfidf-lsa.
    curateThemes(store.db, { action: 'merge', themeId: live[0]!, from: [live[1]!] });
    expect(store.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(live[1])).toBe('merged');
    expect(store.db.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(live[0])).toBe(24);
    expect(store.db.prepare("SELECT value FROM theme_state WHERE key = 'model_id'").pluck().get()).toBe(embeddingModelId(TINY_MODEL));
    expect(new Set(store.db.prepare('SELECT model FROM doc_vectors').pluck().all())).toEqual(new Set([embeddingModelId(TINY_MODEL)]));
    store.close();

    const io = captureIo();
    expect(await themesCommand.run(['rebuild', '--db', db, '--embedding-model', TINY_MODEL], io)).toBe(0);
    expect(io.out()).toMatch(/^rebuilt \d+ themes over 24 documents/);
    expect(readDb(db, (d) => d.prepare("SELECT value FROM theme_state WHERE key = 'model_id'").pluck().get())).toBe(embeddingModelId(TINY_MODEL));
  });

  it('updateThemes names the documents without a cached embedding instead of computing one', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [writeJsonl(dir, ALL)], config: { workers: 0, skipThemes: true } });
    const store = openStore(db);
    expect(() => updateThemes(store.db, null, { embeddingModel: TINY_MODEL })).toThrow(
      /vectorizer 'embedding' \(embedding:[0-9a-f]+\) has no cached vector for 24 document\(s\)/,
    );
    store.close();
  });
});

describe('embedding config and registry', () => {
  // Each case: a themes config that is refused, and the words the error must contain.
  const refused: [Record<string, unknown>, string][] = [
    [{ embeddingModel: 3 }, 'embeddingModel must be a model directory'], // not a path
    [{ embeddingModel: '' }, 'embeddingModel must be a model directory'], // empty path
    [{ embeddingModel: TINY_MODEL, vectorizer: 'tfidf-lsa' }, 'embeddingModel needs vectorizer "embedding"'], // contradiction
    [{ vectorizer: 'embedding' }, 'needs embeddingModel'], // no model to embed with
  ];
  it.each(refused)('refuses %j', (config, message) => {
    expect(() => parseThemeConfig(config)).toThrow(message);
  });

  it('accepts an embedding model with or without naming the vectorizer', () => {
    expect(parseThemeConfig({ embeddingModel: TINY_MODEL })).toEqual({ embeddingModel: TINY_MODEL });
    expect(parseThemeConfig({ embeddingModel: TINY_MODEL, vectorizer: 'embedding', themes: 5 })).toMatchObject({ vectorizer: 'embedding' });
  });

  it('the registry backend refuses to fit without precomputed vectors', () => {
    expect(() => getVectorizer('embedding').fit([], { seed: 0 })).toThrow("vectorizer 'embedding' needs precomputed vectors");
  });

  it('gives label features as sublinear term counts with concepts', () => {
    const v = getVectorizer('embedding').fit([], { seed: 0, precomputed: { modelId: 'embedding:test', dim: 4 } });
    const features = v.features({ id: 'x', text: 'refund refund', lang: 'en', terms: ['refund', 'refund', 'slow'], sentiment: null, kind: null });
    expect(features.size).toBeGreaterThan(0);
    for (const w of features.values()) expect(w).toBeGreaterThanOrEqual(1);
    expect(v.serialize()).toEqual({ backend: 'embedding', modelId: 'embedding:test', params: { dim: 4 }, data: null });
  });
});
