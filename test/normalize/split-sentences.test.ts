import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeText, splitSentences } from '../../src/normalize/index.js';

const split = (text: string): string[] => {
  const t = normalizeText(text);
  return splitSentences(t, detectLanguage(t));
};

describe('splitSentences', () => {
  const cases: [comment: string, text: string, sentences: string[]][] = [
    ['Japanese full stops', '配送が遅い。梱包は丁寧でした。', ['配送が遅い。', '梱包は丁寧でした。']],
    ['Japanese ！？ (ASCII after NFKC) without spaces', '最高！また使います？はい', ['最高!', 'また使います?', 'はい']],
    ['runs of marks stay together', '本当に？！ありえない。。。', ['本当に?!', 'ありえない。。。']],
    ['nothing splits inside 「」', '「最高！」と言われた。嬉しい', ['「最高!」と言われた。', '嬉しい']],
    ['closing bracket stays with its sentence', '(笑)と言われました。)次回も', ['(笑)と言われました。)', '次回も']],
    ['newlines split', '一行目\n二行目', ['一行目', '二行目']],
    ['English sentences', 'The app crashed. I lost my data! Why?', ['The app crashed.', 'I lost my data!', 'Why?']],
    ['abbreviations do not split', 'I met Mr. Smith in the U.S. yesterday. Fine.', ['I met Mr. Smith in the U.S. yesterday.', 'Fine.']],
    ['e.g. does not split', 'Some pages, e.g. the login page, fail. Others work.', ['Some pages, e.g. the login page, fail.', 'Others work.']],
    ['versions and decimals do not split', 'Since v4.2 it takes 3.5 s. Please fix.', ['Since v4.2 it takes 3.5 s.', 'Please fix.']],
    ['lower-case starts still split', 'love it. the update is great', ['love it.', 'the update is great']],
    ['an ellipsis before lower case does not split', 'I waited... and waited. Nothing.', ['I waited... and waited.', 'Nothing.']],
    ['quotes after the mark stay', 'He said "never again." Then left.', ['He said "never again."', 'Then left.']],
    ['mixed Japanese and English', 'ログインできない。Error 500 appears. 助けて', ['ログインできない。', 'Error 500 appears.', '助けて']],
    ['URLs and placeholders do not split', 'See example.com/help. <URL> too', ['See example.com/help.', '<URL> too']],
    ['one sentence without a mark', 'good', ['good']],
  ];
  for (const [comment, text, sentences] of cases) {
    it(comment, () => {
      expect(split(text)).toEqual(sentences);
    });
  }
});
