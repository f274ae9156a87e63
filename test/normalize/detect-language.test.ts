import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeText } from '../../src/normalize/index.js';
import type { Lang } from '../../src/types.js';

describe('detectLanguage', () => {
  const cases: [comment: string, text: string, lang: Lang][] = [
    ['plain Japanese', 'サポートの対応がとても丁寧でした', 'ja'],
    ['plain English', 'The checkout page keeps timing out', 'en'],
    ['Japanese with an English error message', 'ログインできない login error', 'ja'],
    ['product name inside Japanese', 'iPhoneアプリが落ちる', 'ja'],
    ['English with a Japanese word: majority wins', 'The app is great 最高', 'en'],
    ['long English, short Japanese thanks', 'Great app, really love the design and speed ありがとう', 'en'],
    ['kanji only, short', '最悪', 'ja'],
    ['kanji only, compound', '対応最悪', 'ja'],
    ['full-width Latin becomes ASCII first', 'ＧＯＯＤ ａｐｐ', 'en'],
    ['half-width katakana becomes full-width first', 'ｱﾌﾟﾘが重い', 'ja'],
    ['one English word is a best guess', 'ok', 'en'],
    ['emoji only has no language', '👍', 'other'],
    ['digits only', '12345', 'other'],
    ['empty', '', 'other'],
    ['simplified Chinese (no kana, Chinese-only characters)', '这个应用很好用', 'other'],
    ['traditional Chinese', '這個應用們說很好', 'other'],
    ['Korean', '이 앱은 정말 좋아요', 'other'],
    ['Spanish (function words)', 'La aplicación es muy buena pero lenta', 'other'],
    ['French', "L'application est très lente depuis la mise à jour", 'other'],
    ['German', 'Die App ist sehr gut aber nicht schnell', 'other'],
    ['Russian', 'Приложение работает медленно', 'other'],
    ['placeholders do not count as English', '<URL> を開くとエラー', 'ja'],
  ];
  for (const [comment, text, lang] of cases) {
    it(comment, () => {
      expect(detectLanguage(normalizeText(text))).toBe(lang);
    });
  }
});
