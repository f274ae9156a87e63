import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_MODEL, useTempDirs } from '../support/temp-dirs.js';
import { classifySentiment, embedTexts, mapSentimentLabel, ModelDirectoryError } from '../../src/models/transformer.js';

const reference = JSON.parse(fs.readFileSync(path.join(TINY_MODEL, 'reference-outputs.json'), 'utf8')) as { text: string; POSITIVE: number }[];

const tmpDir = useTempDirs('koe-model-');

describe('classifySentiment with the tiny model', () => {
  it('loads the model and agrees with torch on the reference sentences', async () => {
    const results = await classifySentiment(TINY_MODEL, reference.map((r) => r.text));
    results.forEach((r, i) => expect(r.probs.positive).toBeCloseTo(reference[i]!.POSITIVE, 4));
  });

  it('gives 5 results in input order for 5 texts with batchSize 2', async () => {
    const texts = ['great service and fast delivery', '最低です', 'the app works great', 'terrible service , the app crashes', 'とても良い'];
    const batched = await classifySentiment(TINY_MODEL, texts, { batchSize: 2 });
    const oneByOne = await Promise.all(texts.map(async (t) => (await classifySentiment(TINY_MODEL, [t]))[0]!));
    expect(batched).toHaveLength(5);
    expect(batched.map((r) => r.label)).toEqual(['positive', 'negative', 'positive', 'negative', 'positive']);
    // Padding inside a batch must not change a text's result.
    batched.forEach((r, i) => expect(r.score).toBeCloseTo(oneByOne[i]!.score, 4));
  });

  it('maps NEGATIVE/POSITIVE to koe labels with score = p(positive) − p(negative)', async () => {
    const [neg] = await classifySentiment(TINY_MODEL, ['bad price and bad quality']);
    expect(neg!.label).toBe('negative');
    expect(neg!.modelLabel).toBe('NEGATIVE');
    expect(neg!.score).toBeCloseTo(neg!.probs.positive - neg!.probs.negative, 6);
    expect(neg!.probs.neutral).toBe(0);
  });

  it('applies a labelMap override', async () => {
    // A team that reads this model's NEGATIVE as "neutral" can say so.
    const [r] = await classifySentiment(TINY_MODEL, ['bad price and bad quality'], { labelMap: { NEGATIVE: 'neutral' } });
    expect(r!.label).toBe('neutral');
  });

  it('returns nothing for no texts without loading anything', async () => {
    expect(await classifySentiment('/no/such/dir', [])).toEqual([]);
  });
});

describe('mapSentimentLabel', () => {
  const cases: [string, number, string | null, string][] = [
    ['POSITIVE', 2, 'positive', 'SST-2 style'],
    ['negative', 3, 'negative', 'lower case'],
    ['Neutral', 3, 'neutral', 'mixed case'],
    ['1 star', 5, 'negative', 'nlptown stars'],
    ['3 stars', 5, 'neutral', 'middle star'],
    ['5 stars', 5, 'positive', 'top star'],
    ['LABEL_0', 2, 'negative', 'generic binary'],
    ['LABEL_1', 2, 'positive', 'generic binary'],
    ['LABEL_1', 3, 'neutral', 'generic three-way (cardiffnlp order)'],
    ['LABEL_2', 3, 'positive', 'generic three-way'],
    ['LABEL_3', 5, 'positive', 'generic five-way = 4 stars'],
    ['ポジティブ', 2, 'positive', 'Japanese model label'],
    ['toxic', 2, null, 'not a sentiment label'],
  ];
  it.each(cases)('%s (%i labels) → %s  (%s)', (raw, count, expected) => {
    expect(mapSentimentLabel(raw, count)).toBe(expected);
  });
});

describe('embedTexts with the tiny model', () => {
  it('returns one unit-length vector of the hidden size per text, batch by batch', async () => {
    const texts = ['great', 'bad service', '対応が丁寧で満足', 'slow', 'ok'];
    const vectors = await embedTexts(TINY_MODEL, texts, { batchSize: 2 });
    expect(vectors).toHaveLength(5);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(32);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    }
    const [single] = await embedTexts(TINY_MODEL, ['対応が丁寧で満足']);
    expect(Array.from(vectors[2]!)).toEqual(Array.from(single!).map((x) => expect.closeTo(x, 4)));
  });
});

describe('clear errors for unusable model directories', () => {
  it('names the directory and the expected files when it does not exist', async () => {
    const missing = path.join(os.tmpdir(), 'koe-no-such-model');
    const err = await classifySentiment(missing, ['x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDirectoryError);
    expect((err as Error).message).toContain(missing);
    expect((err as Error).message).toContain('config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx');
  });

  it('names the missing files', async () => {
    const dir = tmpDir();
    fs.copyFileSync(path.join(TINY_MODEL, 'config.json'), path.join(dir, 'config.json'));
    const err = await classifySentiment(dir, ['x']).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/is missing tokenizer\.json, tokenizer_config\.json, onnx\/model\.onnx/);
  });

  it('refuses a hub name unless the network is allowed', async () => {
    const err = await classifySentiment('someone/some-model', ['x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDirectoryError);
    expect((err as Error).message).toContain('allow the network explicitly');
  });

  it('reports a broken ONNX file with the directory', async () => {
    const dir = path.join(tmpDir(), 'broken-model');
    fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) fs.copyFileSync(path.join(TINY_MODEL, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), 'this is not an onnx protobuf');
    const err = await classifySentiment(dir, ['x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDirectoryError);
    expect((err as Error).message).toContain(`cannot load text-classification model ${dir}`);
  });

  it('reports a config.json that is not JSON', async () => {
    const dir = path.join(tmpDir(), 'bad-config');
    fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
    for (const f of ['tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) fs.copyFileSync(path.join(TINY_MODEL, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'config.json'), '{ not json');
    const err = await classifySentiment(dir, ['x']).catch((e: unknown) => e);
    expect((err as Error).message).toContain('config.json is not valid JSON');
  });
});
