import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeLabel } from '../../src/normalize/index.js';

describe('normalizeText', () => {
  const cases: [comment: string, input: string, expected: string][] = [
    ['full-width ASCII to ASCII', 'ＡＢＣ１２３！', 'ABC123!'],
    ['half-width katakana to full-width', 'ｱﾌﾟﾘ', 'アプリ'],
    ['ideographic space collapses with others', 'とても　 良い', 'とても 良い'],
    ['control and zero-width characters go', 'a\u0000b\u200Bc\uFEFFd\u0007', 'abcd'],
    ['tabs become spaces and runs collapse', 'a\t\t b', 'a b'],
    ['CRLF and blank lines become one newline', 'line one  \r\n\r\n  line two', 'line one\nline two'],
    ['trimmed', '  hello  ', 'hello'],
    ['emoji ZWJ sequences survive', '👩‍💻 great', '👩‍💻 great'],
  ];
  for (const [comment, input, expected] of cases) {
    it(comment, () => {
      expect(normalizeText(input)).toBe(expected);
    });
  }

  it('normalizes labels to one trimmed line, empty to null', () => {
    expect(normalizeLabel(' Ｗｅｂ\n')).toBe('Web');
    expect(normalizeLabel('  ')).toBeNull();
    expect(normalizeLabel(null)).toBeNull();
  });
});
