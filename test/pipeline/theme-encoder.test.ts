import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { encoderVectorsId } from '../../src/pipeline/embed-documents.js';
import { curateThemes, parseThemeConfig } from '../../src/pipeline/update-themes.js';
import { openStore } from '../../src/store/open-store.js';
import { themesCommand } from '../../src/cli/commands/themes.js';
import { statsCommand } from '../../src/cli/commands/stats.js';
import { captureIo } from '../cli/io.js';
import { ALL, LATER, type FixtureRow } from '../themes/theme-fixture.js';

const tmpDir = useTempDirs('koe-theme-encoder-');

function writeJsonl(dir: string, rows: readonly FixtureRow[], name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify({ id: r.id, text: r.text })).join('\n') + '\n');
  return file;
}

const encoderIds = (db: string): string[] =>
  readDb(db, (d) => d.prepare("SELECT DISTINCT model FROM doc_vectors WHERE model LIKE 'encoder:%'").pluck().all() as string[]);
const encodedDocs = (db: string, model: string): string[] =>
  readDb(db, (d) => d.prepare('SELECT doc_id FROM doc_vectors WHERE model = ? ORDER BY doc_id').pluck().all(model) as string[]);
const currentModel = (db: string): { id: string; backend: string } =>
  readDb(db, (d) => d.prepare("SELECT m.id, m.backend FROM theme_models m JOIN theme_state s ON s.key = 'model_id' AND s.value = m.id").get() as { id: string; backend: string });

// workers: 0 keeps the run (and the encoder) on this test process.
const config = { workers: 0, themes: { encoder: 'use-lite-en' } };
const english = (rows: readonly FixtureRow[]): string[] => rows.filter((r) => r.id.includes('-en')).map((r) => r.id).sort();

describe('koe run --theme-encoder use-lite-en: words and concepts joined with an offline sentence encoder', () => {
  it('encodes the English documents once, themes every document, and keeps its space through later runs and curation', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    const logs: string[] = [];
    const first = await runKoe({ db, inputs: [writeJsonl(dir, ALL, 'first.jsonl')], config, log: (m) => logs.push(m) });
    expect(first.themes).toMatchObject({ mode: 'rebuild', documents: ALL.length });
    expect(first.themes!.modelId).toMatch(/^tfidf-lsa\+encoder:[0-9a-f]{16}$/);
    expect(first.themes!.activeThemes).toBeGreaterThan(1);
    expect(currentModel(db).backend).toBe('tfidf-lsa+encoder');

    // The encoder's vectors are cached under its weights' id, for the English documents only (it reads no Japanese).
    const [model] = encoderIds(db);
    expect(model).toBe(encoderVectorsId({ id: model!.slice('encoder:'.length) }));
    expect(model).toMatch(/^encoder:use-lite-en@/);
    expect(encodedDocs(db, model!)).toEqual(english(ALL));
    expect(logs.join('\n')).toContain(`sentence encoder use-lite-en (${model!.slice('encoder:'.length)}): ${english(ALL).length} document(s) encoded`);
    // Every document, Japanese and English, has its primary theme or is counted unthemed.
    const themed = readDb(db, (d) => d.prepare('SELECT COUNT(*) FROM document_themes WHERE rank = 0').pluck().get() as number);
    expect(themed + Math.round(first.themes!.unthemedShare * ALL.length)).toBe(ALL.length);

    // A later run encodes only its new English documents, and builds on the same space.
    logs.length = 0;
    const later = await runKoe({ db, inputs: [writeJsonl(dir, LATER, 'later.jsonl')], config, log: (m) => logs.push(m) });
    expect(later.themes).toMatchObject({ mode: 'incremental', modelId: first.themes!.modelId, documents: ALL.length + LATER.length });
    expect(logs.join('\n')).toContain(`: ${english(LATER).length} document(s) encoded`);
    expect(encodedDocs(db, model!)).toEqual(english([...ALL, ...LATER]));

    // Curation moves documents within the stored space, with the run's config as with none.
    const store = openStore(db);
    try {
      const themes = store.db.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC").pluck().all() as string[];
      curateThemes(store.db, { action: 'merge', themeId: themes[0]!, from: [themes[1]!] }, config.themes);
      const own = store.db.prepare("SELECT theme_id FROM document_themes WHERE doc_id = 'login-en-1' AND rank = 0").pluck().get() as string;
      const other = (store.db.prepare("SELECT id FROM themes WHERE status = 'active'").pluck().all() as string[]).find((id) => id !== own)!;
      curateThemes(store.db, { action: 'move', docId: 'login-en-1', themeId: other });
      expect(store.db.prepare("SELECT theme_id FROM document_themes WHERE doc_id = 'login-en-1' AND rank = 0").pluck().get()).toBe(other);
    } finally {
      store.close();
    }
    expect(currentModel(db).id).toBe(first.themes!.modelId);

    // koe stats says which encoder the themes were found with, so that an operator keeps it in the cron line.
    const stats = captureIo();
    expect(await statsCommand.run(['--db', db], stats)).toBe(0);
    expect(stats.out()).toContain('found with sentence encoder use-lite-en beside the words: runs keep it with --theme-encoder use-lite-en');
    const statsJson = captureIo();
    expect(await statsCommand.run(['--db', db, '--format', 'json'], statsJson)).toBe(0);
    expect(JSON.parse(statsJson.out())).toMatchObject({ themeEncoder: 'use-lite-en' });

    // A run that forgets the encoder goes back to the default space, and says so.
    const plain = await runKoe({ db, inputs: [writeJsonl(dir, LATER, 'later.jsonl')], config: { workers: 0 } });
    expect(plain.themes!.encoderDropped).toBe('use-lite-en');
    expect(currentModel(db).backend).toBe('tfidf-lsa');
    const again = await runKoe({ db, inputs: [writeJsonl(dir, LATER, 'later.jsonl')], config: { workers: 0 } });
    expect(again.themes!.encoderDropped).toBeUndefined();
    const plainStats = captureIo();
    expect(await statsCommand.run(['--db', db, '--format', 'json'], plainStats)).toBe(0);
    expect(JSON.parse(plainStats.out())).toMatchObject({ themeEncoder: null });
  });

  it('koe themes rebuild --theme-encoder refits on the cached vectors, encoding nothing again', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [writeJsonl(dir, ALL, 'first.jsonl')], config: { workers: 0 } });
    expect(currentModel(db).backend).toBe('tfidf-lsa');

    const io = captureIo();
    expect(await themesCommand.run(['rebuild', '--db', db, '--theme-encoder', 'use-lite-en', '--workers', '0'], io)).toBe(0);
    expect(io.out()).toMatch(/^rebuilt \d+ themes over 24 documents/);
    expect(currentModel(db).backend).toBe('tfidf-lsa+encoder');
    const [model] = encoderIds(db);
    expect(encodedDocs(db, model!)).toEqual(english(ALL));

    const before = readDb(db, (d) => d.prepare('SELECT doc_id, vector FROM doc_vectors WHERE model = ? ORDER BY doc_id').all(model) as { vector: Buffer }[]);
    expect(await themesCommand.run(['rebuild', '--db', db, '--theme-encoder', 'use-lite-en', '--workers', '0'], captureIo())).toBe(0);
    const after = readDb(db, (d) => d.prepare('SELECT doc_id, vector FROM doc_vectors WHERE model = ? ORDER BY doc_id').all(model) as { vector: Buffer }[]);
    expect(after).toEqual(before);
  });

  it('refuses configs that ask for two representations at once', () => {
    expect(() => parseThemeConfig({ encoder: 'use-lite-en', embeddingModel: 'models/e5' })).toThrow(/exclude each other/);
    expect(() => parseThemeConfig({ encoder: 'use-lite-en', vectorizer: 'tfidf-lsa' })).toThrow(/encoder needs vectorizer "tfidf-lsa\+encoder"/);
    expect(() => parseThemeConfig({ vectorizer: 'tfidf-lsa+encoder' })).toThrow(/needs encoder/);
    expect(() => parseThemeConfig({ encoder: '' })).toThrow(/encoder must be use-lite-en or a model directory/);
    expect(parseThemeConfig({ encoder: 'use-lite-en', vectorizer: 'tfidf-lsa+encoder' })).toEqual({ encoder: 'use-lite-en', vectorizer: 'tfidf-lsa+encoder' });
  });
});
