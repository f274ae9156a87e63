import { describe, expect, it } from 'vitest';
import { CueDictionaryError, parseCueFile } from '../../src/classify/cue-dictionary.js';
import { matchCueInView, viewOfText } from '../../src/classify/match-cues.js';
import { loadKindCues } from '../../src/classify/kind-rules.js';
import { loadJourneyCues } from '../../src/classify/journey.js';
import type { Token } from '../../src/types.js';
import { exampleFailures } from '../../src/classify/cue-dictionary.js';
import { langOf, sharedTokenizer } from './make-doc.js';

const LABELS = ['bug', 'praise'] as const;
const HEADER = 'pattern\tkind\tweight\tnote\texamples';

function parse(body: string) {
  return parseCueFile(`# a comment\n${HEADER}\n${body}`, 'test.tsv', 'kind', LABELS);
}

function token(surface: string, base = surface, stem = base): Token {
  return { surface, base, stem, pos: 'other', posDetail: '', sentence: 0, stop: false };
}

describe('parseCueFile schema checks', () => {
  // Each bad entry names the file, the line (comments and header count) and the field.
  const cases: { name: string; body: string; error: RegExp }[] = [
    { name: 'unknown label', body: '/crash/\tcrash_report\t1\tx\t', error: /^test\.tsv:3: kind "crash_report": must be one of bug, praise$/ },
    { name: 'weight not a number', body: '/crash/\tbug\theavy\tx\t', error: /^test\.tsv:3: weight "heavy"/ },
    { name: 'weight zero', body: '/crash/\tbug\t0\tx\t', error: /^test\.tsv:3: weight "0"/ },
    { name: 'weight too large', body: '/crash/\tbug\t11\tx\t', error: /^test\.tsv:3: weight "11"/ },
    { name: 'invalid regex', body: '/crash(/\tbug\t1\tx\t', error: /^test\.tsv:3: pattern "\/crash\(\/": invalid regex/ },
    { name: 'regex with flags', body: '/crash/i\tbug\t1\tx\t', error: /^test\.tsv:3: pattern "\/crash\/i": a regex pattern is written/ },
    { name: 'double space in token pattern', body: 'log  in\tbug\t1\tx\t', error: /^test\.tsv:3: pattern "log {2}in": a token pattern/ },
    { name: 'too few fields', body: '/crash/\tbug', error: /^test\.tsv:3: line .*got 2/ },
    { name: 'too many fields', body: '/crash/\tbug\t1\tx\tex\textra', error: /^test\.tsv:3: line .*got 6/ },
    { name: 'example the regex misses', body: '/crash/\tbug\t1\tx\tit froze', error: /^test\.tsv:3: examples "it froze": pattern \/crash\/ does not match/ },
    { name: 'counter-example the regex hits', body: '/crash/\tbug\t1\tx\t!crash course', error: /^test\.tsv:3: examples "!crash course": pattern \/crash\/ matches this counter-example/ },
  ];
  it.each(cases)('$name', ({ body, error }) => {
    expect(() => parse(body)).toThrow(CueDictionaryError);
    expect(() => parse(body)).toThrow(error);
  });

  it('rejects a wrong header, naming its line', () => {
    expect(() => parseCueFile('pattern\tlabel\tweight\n', 'h.tsv', 'kind', LABELS)).toThrow(/^h\.tsv:1: header/);
  });

  it('parses a good file: comments skipped, examples split, counter-examples kept apart', () => {
    const cues = parse('/\\bcrash/\tbug\t2\tcrashes\tit crashes | !smashcrash\n\n# praise\nlove it\tpraise\t1.5\t\t');
    expect(cues.map((c) => [c.line, c.label, c.weight])).toEqual([
      [3, 'bug', 2],
      [6, 'praise', 1.5],
    ]);
  });
});

describe('matchCueInView', () => {
  const [crash, fallsOver, loginFails] = parse('/\\bcrash/\tbug\t1\t\t\n落ちる\tbug\t1\t\t\nログイン できる ない|ん\tbug\t1\t\t').map((c) => c.matcher);
  const [appStore, notSpace] = parse('/App Store/\tbug\t1\t\t\n/^\\S+$/\tbug\t1\t\t').map((c) => c.matcher);
  const cases: { name: string; matcher: typeof crash; text: string; tokens: Token[]; expected: boolean }[] = [
    // Regexes read the lowercased text.
    { name: 'regex, any case', matcher: crash, text: 'It CRASHES', tokens: [], expected: true },
    { name: 'regex needs a word boundary', matcher: crash, text: 'a smashcrash', tokens: [], expected: false },
    { name: 'regex written with capitals, any case', matcher: appStore, text: 'in the app store', tokens: [], expected: true },
    { name: 'regex with a capital class escape', matcher: notSpace, text: 'Bad', tokens: [], expected: true },
    // Token terms match base forms, so conjugated 落ち matches 落ちる.
    { name: 'token base form', matcher: fallsOver, text: 'すぐ落ちた', tokens: [token('すぐ'), token('落ち', '落ちる'), token('た')], expected: true },
    { name: 'token sequence with alternatives', matcher: loginFails, text: 'ログインできない', tokens: [token('ログイン'), token('でき', 'できる'), token('ない')], expected: true },
    { name: 'token sequence must be consecutive', matcher: loginFails, text: 'ログインはできますがない', tokens: [token('ログイン'), token('は'), token('でき', 'できる'), token('ない')], expected: false },
    { name: 'token pattern on a doc with no tokens', matcher: fallsOver, text: '落ちる', tokens: [], expected: false },
  ];
  it.each(cases)('$name', ({ matcher, text, tokens, expected }) => {
    expect(matchCueInView(matcher!, viewOfText(text, tokens))).toBe(expected);
  });
});

describe('shipped dictionaries', () => {
  // Loading checks the schema and every regex example; a bad entry would throw here.
  it('kind cues load (ja + en) and cover every kind', () => {
    const cues = loadKindCues();
    expect(new Set(cues.map((c) => c.label))).toEqual(new Set(['bug', 'feature_request', 'question', 'complaint', 'praise', 'other']));
    expect(cues.every((c) => c.examples.length > 0)).toBe(true);
  });
  // Token-sequence cues can only be checked with the real tokenizer: every example, of every cue, through kuromoji.
  it('every example of every cue holds when tokenized for real', async () => {
    const tokenizer = await sharedTokenizer();
    const { stages, touchpoints } = loadJourneyCues();
    const all = [...loadKindCues(), ...stages, ...touchpoints];
    const failures = all.flatMap((cue) =>
      exampleFailures(cue, (text) => {
        const normalized = text.normalize('NFKC');
        return viewOfText(normalized, tokenizer.tokenizeText(normalized, langOf(normalized)));
      }).map((e) => e.message),
    );
    expect(failures).toEqual([]);
    expect(all.some((c) => c.matcher.type === 'tokens')).toBe(true);
  });
  it('journey cues load and cover every stage and touchpoint', () => {
    const { stages, touchpoints } = loadJourneyCues();
    expect(new Set(stages.map((c) => c.label)).size).toBe(8);
    expect(new Set(touchpoints.map((c) => c.label)).size).toBe(7);
  });
});
