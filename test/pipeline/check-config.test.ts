import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, closestKey } from '../../src/pipeline/check-config.js';
import { readConfigFile } from '../../src/pipeline/config.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-config-');

describe('checkConfig', () => {
  // Each case: a config with one mistake, and what the message must say.
  const cases: { name: string; config: unknown; message: RegExp }[] = [
    // a misspelled ingest key that silently shifted dates by 9 hours
    { name: 'timeZone', config: { ingest: { timeZone: '+09:00' } }, message: /unknown key "ingest\.timeZone" — did you mean "ingest\.timezone"\?.*valid keys in ingest: preset, fieldMap/ },
    // the whole field map ignored, so the file was skipped
    { name: 'fieldmap', config: { ingest: { fieldmap: { text: 'body' } } }, message: /"ingest\.fieldmap" — did you mean "ingest\.fieldMap"\?/ },
    // a koe field that does not exist, one level deeper
    { name: 'fieldMap.txt', config: { ingest: { fieldMap: { txt: 'body' } } }, message: /"ingest\.fieldMap\.txt" — did you mean "ingest\.fieldMap\.text"\?/ },
    // a rating scale that does not exist
    { name: 'ratings.nsp', config: { ingest: { ratings: { nsp: 'おすすめ度' } } }, message: /"ingest\.ratings\.nsp" — did you mean "ingest\.ratings\.nps"\?/ },
    // sentiment and themes are checked too
    { name: 'sentiment.backnd', config: { sentiment: { backnd: 'rules' } }, message: /"sentiment\.backnd" — did you mean "sentiment\.backend"\?/ },
    { name: 'themes.minThemeSise', config: { themes: { minThemeSise: 3 } }, message: /"themes\.minThemeSise" — did you mean "themes\.minThemeSize"\?/ },
    // top level, and a key nothing is close to
    { name: 'batchsize', config: { batchsize: 10 }, message: /"batchsize" — did you mean "batchSize"\?/ },
    { name: 'nothing close', config: { colour: 'red' }, message: /unknown key "colour" \(valid keys: ingest, sentiment/ },
    // a section that is not an object
    { name: 'ingest array', config: { ingest: [] }, message: /ingest must be an object/ },
  ];
  for (const c of cases) {
    it(`fails on ${c.name}`, () => {
      expect(() => checkConfig(c.config)).toThrow(c.message);
    });
  }

  it('accepts a full, correct config', () => {
    expect(() =>
      checkConfig({
        ingest: { preset: 'ja-survey', fieldMap: { text: ['title', 'body'] }, ratings: { nps: 'a', csat: 'b' }, cesEasy: 'high', set: { channel: 'x' }, timezone: '+09:00' },
        sentiment: { backend: 'transformer', modelDir: 'm', labelMap: { LABEL_0: 'negative' } },
        kind: { backend: 'rules' },
        themes: { themes: 20, seed: 1 },
        batchSize: 100,
        workers: 0,
        strict: false,
        skipThemes: true,
        timeZone: 'Asia/Tokyo',
      }),
    ).not.toThrow();
  });

  it('suggests only close keys', () => {
    expect(closestKey('TimeZone', ['timezone', 'format'])).toBe('timezone');
    expect(closestKey('zzzz', ['timezone', 'format'])).toBeNull();
  });

  it('names the config file in the message', () => {
    const file = path.join(tempDir(), 'koe.config.json');
    fs.writeFileSync(file, JSON.stringify({ ingest: { timeZone: '+09:00' } }));
    expect(() => readConfigFile(file)).toThrow(`${file}: unknown key "ingest.timeZone"`);
  });
});
