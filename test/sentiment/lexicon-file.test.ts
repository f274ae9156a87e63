import { describe, expect, it } from 'vitest';
import { buildEnglishLexicon, englishLexicon } from '../../src/sentiment/english-lexicon.js';
import { japaneseLexicon } from '../../src/sentiment/japanese-lexicon.js';
import { LexiconFileError, parseValenceTsv } from '../../src/sentiment/lexicon-file.js';
import { parseModifierTsv } from '../../src/sentiment/sentiment-modifiers.js';
import { parseCalibration, parseTextCues } from '../../src/sentiment/text-cues.js';

const HEADER = 'term\tscore\tnote';

describe('valence TSV schema', () => {
  it('reads entries, skipping comments and blank lines', () => {
    const map = parseValenceTsv(`# comment\n${HEADER}\n\n対応が悪い\t-0.8\tstaff\n快適\t0.7\n`, 'ja-cx.tsv');
    expect([...map]).toEqual([['対応が悪い', -0.8], ['快適', 0.7]]);
  });

  it.each([
    // [file text, line named in the error, field named, why]
    [`${HEADER}\n遅い\tslow\tx`, 2, 'score', 'score is not a number'],
    [`${HEADER}\n遅い\t-3\tx`, 2, 'score', 'score outside [-1, 1]'],
    [`${HEADER}\n遅い`, 2, 'line', 'too few fields'],
    [`${HEADER}\n遅い\t-0.5\tnote\textra`, 2, 'line', 'too many fields'],
    [`${HEADER}\n遅い \t-0.5\tx`, 2, 'term', 'surrounding space'],
    [`${HEADER}\n遅い\t-0.5\tx\n遅い\t-0.4\ty`, 3, 'term', 'duplicate term'],
    [`word\tvalence\n遅い\t-0.5`, 1, 'header', 'wrong header'],
  ])('rejects a bad line with file and line: %j', (text, line, field) => {
    let error: unknown;
    try {
      parseValenceTsv(text, 'dictionaries/sentiment/ja-cx.tsv');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LexiconFileError);
    const e = error as LexiconFileError;
    expect(e.file).toBe('dictionaries/sentiment/ja-cx.tsv');
    expect(e.line).toBe(line);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`dictionaries/sentiment/ja-cx.tsv:${line}:`);
  });
});

describe('modifier, cue and calibration schemas', () => {
  const MOD_HEADER = 'term\tkind\tvalue\tpos\tnote';
  it('reads modifiers and their phrases', () => {
    const t = parseModifierTsv(`${MOD_HEADER}\nnot\tnegator\t-0.74\na bit\tdampener\t0.6\n`, 'en-modifiers.tsv');
    expect(t.byTerm.get('not')?.[0]).toEqual({ kind: 'negator', value: -0.74, pos: '' });
    expect(t.phrasesByFirstWord.get('a')?.[0]?.words).toEqual(['a', 'bit']);
  });
  it.each([
    [`${MOD_HEADER}\nvery\tamplifier\t1.3`, 'kind', 'unknown kind'],
    [`${MOD_HEADER}\nvery\tbooster\t0.5`, 'value', 'a booster must be ≥ 1'],
  ])('rejects %j', (text, field) => {
    expect(() => parseModifierTsv(text, 'm.tsv')).toThrow(new RegExp(`^m\\.tsv:2: ${field} `));
  });
  it('rejects a text cue with an unknown language', () => {
    expect(() => parseTextCues('term\tlang\tscore\tnote\n♪\tfr\t0.3', 'cues.tsv')).toThrow(/cues\.tsv:2: lang "fr"/);
  });
  it('needs a calibration row for both languages', () => {
    expect(() => parseCalibration('lang\tneutral_band\tquestion_band\tsingle_cue_band\tprior\tnote\nja\t0.1\t0.1\t0.2\t0', 'c.tsv')).toThrow(
      LexiconFileError,
    );
  });
  it('reads both bands and the prior of each language', () => {
    const text = 'lang\tneutral_band\tquestion_band\tsingle_cue_band\tprior\tnote\nja\t0.1\t0.2\t0.15\t0.02\nen\t0.3\t0.4\t0.35\t-0.02';
    expect(parseCalibration(text, 'c.tsv')).toEqual({
      ja: { neutralBand: 0.1, questionBand: 0.2, singleCueBand: 0.15, prior: 0.02 },
      en: { neutralBand: 0.3, questionBand: 0.4, singleCueBand: 0.35, prior: -0.02 },
    });
  });
  it('names the field of a calibration row without a question band', () => {
    const text = 'lang\tneutral_band\tquestion_band\tsingle_cue_band\tprior\tnote\nja\t0.1\t\t0.1\t0.02';
    expect(() => parseCalibration(text, 'c.tsv')).toThrow(/c\.tsv:2: question_band/);
  });
  it('names the VADER file and line of a malformed entry', () => {
    const files = { vader: 'good\tx\t0\t[]', vaderEmoji: '', afinn: '', afinnEmoticons: '', cx: HEADER, modifiers: MOD_HEADER };
    expect(() => buildEnglishLexicon(files)).toThrow(/vader_lexicon\.txt:1: score "x"/);
  });
});

describe('bundled lexicons', () => {
  it('load and hold the expected kinds of entries', () => {
    const en = englishLexicon();
    expect(en.words.get('good')).toBeGreaterThan(0); // VADER
    expect(en.phrases.get('still')?.some((p) => p.words.join(' ') === 'still waiting')).toBe(true); // koe CX
    expect(en.emoticons.get(':)')).toBeGreaterThan(0);
    expect(en.emoji.get('😊')).toBeGreaterThan(0);
    const ja = japaneseLexicon();
    expect(ja.valence.get('快適')).toBeGreaterThan(0); // koe CX
    expect(ja.valence.get('届かない')).toBeLessThan(0);
    expect(ja.emotionClasses.size).toBeGreaterThan(2900); // ML-Ask: 3,220 lines, some words in several classes
  });
});
