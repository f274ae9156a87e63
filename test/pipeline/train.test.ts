import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../../src/cli/commands/train.js';
import {
  countRatingLabels,
  fitTrainedModel,
  normalizeTaskLabel,
  ratingSentiment,
  trainFromLabels,
  trainFromRatings,
  TrainingDataError,
} from '../../src/pipeline/train.js';
import { listModels, loadActiveModel } from '../../src/store/model-repository.js';
import { createSentimentScorer } from '../../src/sentiment/index.js';
import { assertTrainedModel, type TrainedModel } from '../../src/models/trained-model.js';
import { scoreSentimentLinear } from '../../src/sentiment/linear-backend.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import type { Doc, RatingScale } from '../../src/types.js';
import { labelledKind, labelledSentiment, toCsv } from '../models/fixtures/labelled-feedback.js';

let dir: string;
let tokenizer: DocTokenizer;
const stores: Store[] = [];

function freshStore(): Store {
  const store = openStore(':memory:');
  stores.push(store);
  return store;
}

function doc(text: string): Doc {
  return {
    id: text, sourceId: null, contentHash: '', text, lang: 'en', sentences: [text], piiMasked: {}, createdAt: null,
    rating: null, ratingScale: null, channel: null, product: null, source: null, metadata: {},
  };
}

function writeFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-train-'));
  tokenizer = await createTokenizer();
});
afterAll(() => {
  stores.forEach((s) => s.close());
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Inserts stored documents (one run) the way koe run leaves them, with optional ratings. */
function insertDocs(store: Store, docs: { id: string; text: string; lang: 'ja' | 'en'; rating?: number; scale?: RatingScale }[]): void {
  const now = new Date().toISOString();
  store.db.prepare("INSERT INTO runs (id, started_at, status, command) VALUES (1, ?, 'ok', 'test')").run(now);
  const insert = store.db.prepare(
    `INSERT INTO documents (id, source_id, content_hash, lang, text, sentences, rating, rating_scale, first_run_id, last_run_id, ingested_at, updated_at)
     VALUES (?, ?, 'h', ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
  );
  for (const d of docs) insert.run(`doc-${d.id}`, d.id, d.lang, d.text, JSON.stringify([d.text]), d.rating ?? null, d.scale ?? null, now, now);
}

describe('trainFromLabels', () => {
  it('trains from a CSV of text + label, reports CV figures, and stores an active model', async () => {
    const store = freshStore();
    const rows = labelledSentiment();
    const file = writeFile('sentiment.csv', toCsv(['text', 'label'], rows.map((r) => [r.text, r.label])));
    const report = await trainFromLabels(store.db, 'sentiment', file, { tokenizer });
    expect(report.model.version).toBe(1);
    expect(report.model.trainedOn).toBe(rows.length);
    expect(report.labelCounts).toEqual({ positive: 30, negative: 30, neutral: 20 });
    expect(report.model.metrics.folds).toBe(5);
    expect(report.model.metrics.macroF1).toBeGreaterThan(0.8);
    expect(report.model.metrics.rulesOnly).not.toBeNull();
    expect(report.model.labelSource).toBe(`labels:${file}`);

    const active = loadActiveModel(store.db, 'sentiment');
    expect(active?.version).toBe(1);
    expect(active?.classifier.labels).toEqual(['negative', 'neutral', 'positive']);
    expect(loadActiveModel(store.db, 'kind')).toBeNull();
  });

  it('trains with a sentence encoder: the model records it, and the linear backends embed new feedback with it', async () => {
    const store = freshStore();
    const rows = labelledSentiment();
    const file = writeFile('encoded.csv', toCsv(['text', 'label'], rows.map((r) => [r.text, r.label])));
    const report = await trainFromLabels(store.db, 'sentiment', file, { tokenizer, encoder: 'use-lite-en' });
    expect(report.model.encoder).toEqual({ name: 'use-lite-en', id: expect.stringMatching(/^use-lite-en@/), dims: 512, langs: ['en'] });
    const active = loadActiveModel(store.db, 'sentiment');
    expect(active?.encoder).toEqual(report.model.encoder);

    const scorer = await createSentimentScorer({ backend: 'linear', model: active });
    const fresh = ['The invoice was excellent and quick', 'The invoice was terrible and slow'].map((text) => tokenizer.tokenize(doc(text)));
    expect((await scorer.score(fresh)).map((r) => r.label)).toEqual(['positive', 'negative']);
    // Without its vector the model cannot score: it says which encoder it needs rather than guess.
    expect(() => scoreSentimentLinear(fresh[0]!, active!)).toThrow(/reads use-lite-en vectors, and none was given/);
  });

  it('encodes on worker threads to the same model as in one thread, and names an encoder that cannot load', async () => {
    const rows = labelledSentiment();
    const file = writeFile('encoded-threads.csv', toCsv(['text', 'label'], rows.map((r) => [r.text, r.label])));
    const now = (): Date => new Date('2026-11-24T00:00:00Z');
    const lines: string[] = [];
    const common = { tokenizer, encoder: 'use-lite-en', encodeChunk: 20, now };
    const one = await trainFromLabels(freshStore().db, 'sentiment', file, { ...common, threads: 0 });
    const two = await trainFromLabels(freshStore().db, 'sentiment', file, { ...common, threads: 2, log: (l) => lines.push(l) });
    expect(JSON.stringify(two.model)).toBe(JSON.stringify(one.model));
    // Four chunks of 20, in whatever order the threads finish them.
    expect(lines).toEqual([20, 40, 60, 80].map((n) => `sentence encoder use-lite-en: ${n} of 80 documents`));
    await expect(
      trainFromLabels(freshStore().db, 'sentiment', file, { ...common, encoder: path.join(dir, 'no-model'), threads: 2 }),
    ).rejects.toThrow(/model directory .*no-model does not exist/);
  });

  it('makes each new training the active version and keeps the old ones', async () => {
    const store = freshStore();
    const file = writeFile('again.jsonl', labelledSentiment().map((r) => JSON.stringify(r)).join('\n') + '\n');
    await trainFromLabels(store.db, 'sentiment', file, { tokenizer });
    const second = await trainFromLabels(store.db, 'sentiment', file, { tokenizer });
    expect(second.model.version).toBe(2);
    expect(listModels(store.db, 'sentiment').map((m) => [m.version, m.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(loadActiveModel(store.db, 'sentiment')?.version).toBe(2);
  });

  it('reads other column names and label spellings, and skips bad rows with file and line', async () => {
    const store = freshStore();
    const rows = labelledKind().map((r) => [r.text, r.label === 'feature_request' ? 'Feature' : r.label.toUpperCase()]);
    rows.push(['The app is great', 'wishlist']); // unknown label → skipped, line 42
    rows.push(['The app', '']); // no label → skipped, line 43
    const file = writeFile('kind.csv', toCsv(['body', 'kind'], rows));
    const report = await trainFromLabels(store.db, 'kind', file, { tokenizer, textField: 'body', labelField: 'kind' });
    expect(report.labelCounts).toEqual({ bug: 15, feature_request: 15, other: 10 });
    expect(report.skipped.map((s) => [s.line, s.field, s.value])).toEqual([
      [42, 'kind', 'wishlist'],
      [43, 'kind', null],
    ]);
    expect(report.skipped[0]?.reason).toMatch(/unknown kind label \(valid: bug, feature_request/);
    expect(loadActiveModel(store.db, 'kind')?.classifier.labels).toEqual(['bug', 'feature_request', 'other']);
  });

  it('takes ids of stored documents instead of texts', async () => {
    const store = freshStore();
    const rows = labelledSentiment();
    insertDocs(store, rows.map((r, i) => ({ id: `t${i}`, text: r.text, lang: /[ぁ-ん]/.test(r.text) ? 'ja' : 'en' })));
    const lines = rows.map((r, i) => [`t${i}`, r.label]);
    lines.push(['t-unknown', 'positive']); // not in the database → skipped
    const file = writeFile('ids.csv', toCsv(['ticket', 'label'], lines));
    const report = await trainFromLabels(store.db, 'sentiment', file, { tokenizer, idField: 'ticket' });
    expect(report.model.trainedOn).toBe(rows.length);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ field: 'ticket', value: 't-unknown', reason: expect.stringMatching(/no stored document/) });
  });

  it('refuses too few usable rows, saying how many', async () => {
    const store = freshStore();
    const file = writeFile('few.csv', toCsv(['text', 'label'], [['good', 'positive'], ['bad', 'negative']]));
    await expect(trainFromLabels(store.db, 'sentiment', file, { tokenizer })).rejects.toThrow(/2 usable labelled rows, at least 20/);
    expect(loadActiveModel(store.db, 'sentiment')).toBeNull();
  });
});

describe('trainFromRatings', () => {
  const rated = labelledSentiment()
    .filter((r) => r.label !== 'neutral')
    .map((r, i) => ({
      id: `r${i}`,
      text: r.text,
      lang: (/[ぁ-ん]/.test(r.text) ? 'ja' : 'en') as 'ja' | 'en',
      // Alternate scales: stars 5 / 1 and NPS 10 / 3 say the same thing.
      rating: i % 2 === 0 ? (r.label === 'positive' ? 5 : 1) : r.label === 'positive' ? 10 : 3,
      scale: (i % 2 === 0 ? 'stars' : 'nps') as RatingScale,
    }));

  it('uses ratings as weak labels when there are enough', async () => {
    const store = freshStore();
    insertDocs(store, rated);
    expect(countRatingLabels(store.db)).toEqual({ positive: 30, negative: 30 });
    const report = await trainFromRatings(store.db, { tokenizer, minPerLabel: 20 });
    expect(report.model.labelSource).toBe('ratings');
    expect(report.model.classifier.labels).toEqual(['negative', 'positive']);
    // The rating is the label: it must not also be a feature, or the model would learn nothing about the text.
    expect(report.model.ratingFeatures).toBe(false);
    expect(loadActiveModel(store.db, 'sentiment')?.labelSource).toBe('ratings');
  });

  it('says how many rated documents it found when there are too few', async () => {
    const store = freshStore();
    insertDocs(store, rated.slice(0, 10));
    await expect(trainFromRatings(store.db, { tokenizer })).rejects.toThrow(TrainingDataError);
    await expect(trainFromRatings(store.db, { tokenizer })).rejects.toThrow(/at least 30 of each/);
  });

  const cases: [number, RatingScale, string | null, string][] = [
    [1, 'stars', 'negative', 'one star'],
    [2, 'csat', 'negative', 'CSAT 2'],
    [3, 'stars', null, 'middle of the scale'],
    [4, 'stars', 'positive', 'four stars'],
    [6, 'nps', 'negative', 'detractor'],
    [8, 'nps', null, 'passive'],
    [9, 'nps', 'positive', 'promoter'],
    [2, 'ces', null, 'effort is not sentiment'],
  ];
  it.each(cases)('rating %i on %s → %s (%s)', (rating, scale, expected) => {
    expect(ratingSentiment(rating, scale)).toBe(expected);
  });
});

describe('labels and fitting', () => {
  it('normalizes label spellings per task', () => {
    expect(normalizeTaskLabel('sentiment', ' Positive ')).toBe('positive');
    expect(normalizeTaskLabel('sentiment', 'neg')).toBe('negative');
    expect(normalizeTaskLabel('kind', 'Feature request')).toBe('feature_request');
    expect(normalizeTaskLabel('kind', 'BUG')).toBe('bug');
    expect(normalizeTaskLabel('kind', 'positive')).toBeNull();
  });

  it('needs two labels', async () => {
    const doc = tokenizer.tokenize({
      id: 'a', sourceId: null, contentHash: '', text: 'good', lang: 'en', sentences: ['good'], piiMasked: {}, createdAt: null,
      rating: null, ratingScale: null, channel: null, product: null, source: null, metadata: {},
    });
    await expect(fitTrainedModel('sentiment', [doc, doc], ['positive', 'positive'])).rejects.toThrow(/at least two different labels; got positive/);
  });

  it('trains the same model on worker threads as in one thread', async () => {
    const rows = labelledSentiment();
    const docs = rows.map((r) => tokenizer.tokenize(doc(r.text)));
    const now = (): Date => new Date('2026-11-24T00:00:00Z');
    const one = await fitTrainedModel('sentiment', docs, rows.map((r) => r.label), { threads: 0, now });
    const two = await fitTrainedModel('sentiment', docs, rows.map((r) => r.label), { threads: 2, now });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('reads a model stored before encoders existed as one without an encoder, and refuses a malformed encoder', async () => {
    const rows = labelledSentiment();
    const model = await fitTrainedModel('sentiment', rows.map((r) => tokenizer.tokenize(doc(r.text))), rows.map((r) => r.label));
    const { encoder: _, ...older } = JSON.parse(JSON.stringify(model)) as TrainedModel;
    assertTrainedModel(older);
    expect(older.encoder).toBeNull();
    expect(() => assertTrainedModel({ ...model, encoder: { name: 'use-lite-en', dims: 512 } })).toThrow(/encoder must be null or \{ name, id, dims, langs \}/);
  });
});

describe('koe train', () => {
  function io(): { out: string[]; err: string[]; io: Parameters<typeof trainCommand.run>[1] } {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => ({ write: (s: string) => into.push(s) }) as unknown as NodeJS.WritableStream;
    return { out, err, io: { stdout: sink(out), stderr: sink(err), isTTY: false } };
  }

  it('prints the cross-validated figures and stores the model', async () => {
    const file = writeFile('cli.csv', toCsv(['text', 'label'], labelledSentiment().map((r) => [r.text, r.label])));
    const db = path.join(dir, 'cli.db');
    const t = io();
    const code = await trainCommand.run(['sentiment', '--db', db, '--labels', file], t.io);
    expect(code).toBe(0);
    const printed = t.out.join('');
    expect(printed).toMatch(/trained sentiment model v1 on 80 documents/);
    expect(printed).toMatch(/cross-validated \(5-fold\): accuracy \d+\.\d%, macro-F1 \d\.\d{3}/);
    const store = openStore(db);
    stores.push(store);
    expect(loadActiveModel(store.db, 'sentiment')?.trainedOn).toBe(80);
  });

  it('trains with --encoder, saying how far encoding has got and which encoder the model reads', async () => {
    const file = writeFile('cli-encoded.csv', toCsv(['text', 'label'], labelledSentiment().map((r) => [r.text, r.label])));
    const t = io();
    const code = await trainCommand.run(['sentiment', '--db', path.join(dir, 'cli-encoded.db'), '--labels', file, '--encoder', 'use-lite-en'], t.io);
    expect(code).toBe(0);
    expect(t.err.join('')).toContain('sentence encoder use-lite-en: 80 of 80 documents\n');
    expect(t.out.join('')).toMatch(/sentence encoder: use-lite-en \(use-lite-en@[\d.]+, 512 dimensions\)/);
  });

  it('trains on the worker threads --workers asks for, to the same figures as in the main thread', async () => {
    const file = writeFile('cli-workers.csv', toCsv(['text', 'label'], labelledSentiment().map((r) => [r.text, r.label])));
    const outputs: string[] = [];
    for (const workers of ['0', '2']) {
      const t = io();
      expect(await trainCommand.run(['sentiment', '--db', path.join(dir, `cli-workers-${workers}.db`), '--labels', file, '--workers', workers], t.io)).toBe(0);
      outputs.push(t.out.join(''));
    }
    expect(outputs[0]).toMatch(/cross-validated \(5-fold\)/);
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('rejects an encoder that cannot be loaded, naming it', async () => {
    const file = writeFile('cli-encoder.csv', toCsv(['text', 'label'], labelledSentiment().map((r) => [r.text, r.label])));
    const args = ['sentiment', '--db', path.join(dir, 'cli-encoder.db'), '--labels', file, '--encoder', path.join(dir, 'no-model')];
    await expect(trainCommand.run(args, io().io)).rejects.toThrow(/model directory .*no-model does not exist/);
  });

  it('rejects bad arguments with a usage message', async () => {
    await expect(trainCommand.run(['mood', '--db', 'x.db', '--labels', 'l.csv'], io().io)).rejects.toThrow(/sentiment or kind \(got "mood"\)/);
    await expect(trainCommand.run(['sentiment', '--db', 'x.db'], io().io)).rejects.toThrow(/exactly one of --labels FILE or --from-ratings/);
    await expect(trainCommand.run(['kind', '--db', 'x.db', '--from-ratings'], io().io)).rejects.toThrow(/sentiment only/);
    await expect(trainCommand.run(['sentiment', '--db', 'x.db', '--from-ratings', '--folds', '1'], io().io)).rejects.toThrow(/--folds must be an integer ≥ 2, got "1"/);
    await expect(trainCommand.run(['sentiment', '--db', 'x.db', '--from-ratings', '--workers', 'two'], io().io)).rejects.toThrow(/--workers must be an integer ≥ 0, got "two"/);
  });
});
