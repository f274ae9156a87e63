// English sentence openers read from the modifier table (info-question / rhetorical kinds).
import { describe, expect, it } from 'vitest';
import { englishOpener, parseModifierTsv } from '../../src/sentiment/sentiment-modifiers.js';

const TABLE = parseModifierTsv(
  ['term\tkind\tvalue\tpos\tnote', 'can i\tinfo-question\t0.3\t\t', 'can you\trequest\t0.5\t\t', 'why\trhetorical\t-0.3\t\t'].join('\n'),
  'openers.tsv',
);
const KINDS = ['info-question', 'rhetorical'] as const;

describe('englishOpener', () => {
  const cases: [string[], number, string | undefined, string][] = [
    // [words, start, expected kind or undefined, why]
    [['can', 'i', 'change', 'seats'], 0, 'info-question', 'two-word opener'],
    [['why', 'is', 'it', 'late'], 0, 'rhetorical', 'one-word opener'],
    [['can', 'you', 'help'], 0, undefined, 'a request phrase is not an opener kind'],
    [['', 'why', 'not'], 1, 'rhetorical', 'opener after a leading boundary'],
  ];
  it.each(cases)('%j from %i → %s (%s)', (words, start, kind) => {
    expect(englishOpener(TABLE, words, start, KINDS)?.kind).toBe(kind);
  });

  it('rejects a rhetorical value outside [-1, 0]', () => {
    expect(() => parseModifierTsv('term\tkind\tvalue\tpos\tnote\nwhy\trhetorical\t0.3\t\t', 'bad.tsv')).toThrow(/value/);
  });
});
