import type { Lang } from '../types.js';

// A script-ratio heuristic: ≈1M short texts per second and, on Japanese/English feedback, as right as the
// n-gram detectors. Japanese characters are weighed against English words (two characters ≈ one word); kana
// is strong evidence of Japanese (×1.5), so "iPhoneアプリが落ちる" is ja while "The app is great 最高" is en.
// Kanji without kana is Japanese ("最悪") unless a character that only Chinese uses appears (这, 们, 吗 …).
// Hangul, Cyrillic, Arabic, Thai and the like, and Latin text whose function words are Spanish, French,
// German, Portuguese, Italian or Dutch rather than English, are 'other'. No letters at all ("👍", "123") is
// 'other'; a lone Latin word ("ok") is 'en'.

/** Characters used in Chinese (simplified or traditional) and not in Japanese. */
const CHINESE_ONLY = new Set(Array.from('这们么吗呢很说还个为对时过进给让问题应该发开关买东车你她們這嗎麼說啊吧嘛呀', (ch) => ch.charCodeAt(0)));

const ENGLISH_FUNCTION_WORDS = new Set(
  (
    'the and is it to of in this that for my with not but i you was are have has had on be so me very can at do does did ' +
    "just they we all an when what why how your its it's i'm don't can't doesn't won't would will should could from " +
    'after now please thanks thank there their been or if as too get got use like out up more even really work works ' +
    'app great good bad love again still any our us by about'
  ).split(' '),
);

const OTHER_LATIN_FUNCTION_WORDS = new Set(
  (
    'de la el los las que y es muy pero por para una del se lo mi su al está esta este gracias ' + // Spanish
    'le les des et est très une du je ne pas avec pour sur mais au aux ce cette merci ' + // French
    'der das und ist nicht sehr ich ein eine mit auf für zu dem den sie wir auch aber danke ' + // German
    'não uma muito obrigado você ' + // Portuguese
    'il che è sono molto della di gli ' + // Italian
    'het een ik niet dat zijn voor' // Dutch
  ).split(' '),
);

const NOT_LATIN_WORD = /[^a-z\u00DF-\u024F']+/;
/** One pass that tells whether any non-English function word occurs at all (most English text stops here). */
const ANY_OTHER_LATIN_WORD = new RegExp(
  `(?:^|[^A-Za-z\u00C0-\u024F'])(?:${[...OTHER_LATIN_FUNCTION_WORDS].join('|')})(?![A-Za-z\u00C0-\u024F'])`,
  'i',
);

function isLatinLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** 'ja', 'en' or 'other' for one text (best on NFKC-normalized text). */
export function detectLanguage(text: string): Lang {
  let kana = 0;
  let han = 0;
  let chineseOnly = 0;
  let hangul = 0;
  let otherLetters = 0;
  let latinWords = 0;
  let inWord = false;
  let wordStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    if (isLatinLetter(c)) {
      if (!inWord) {
        inWord = true;
        wordStart = i;
      }
      continue;
    }
    if (inWord) {
      inWord = false;
      // <EMAIL>, <URL> … are placeholders, not English.
      if (!(c === 0x3e && wordStart > 0 && text.charCodeAt(wordStart - 1) === 0x3c)) latinWords++;
    }
    if (c < 0x80) continue;
    if ((c >= 0x3041 && c <= 0x30ff && c !== 0x30fb) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f)) kana++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005) {
      han++;
      if (CHINESE_ONLY.has(c)) chineseOnly++;
    } else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++;
    else if (
      (c >= 0x370 && c <= 0x1fff) || // Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, …
      (c >= 0xa000 && c <= 0xa4cf)
    )
      otherLetters++;
  }

  const chinese = kana === 0 && chineseOnly > 0;
  const japanese = chinese ? 0 : ((kana + han) / 2) * (kana > 0 ? 1.5 : 1);
  const other = (chinese ? han / 2 : 0) + hangul / 2 + otherLetters / 5;
  if (japanese === 0 && latinWords === 0 && other === 0) return 'other';
  if (japanese >= latinWords && japanese >= other) return 'ja';
  if (other > latinWords) return 'other';
  return isOtherLatinLanguage(text) ? 'other' : 'en';
}

/** Latin text whose function words are (at least twice, and) more often Spanish, French, German … than English. */
function isOtherLatinLanguage(text: string): boolean {
  if (!ANY_OTHER_LATIN_WORD.test(text)) return false;
  let english = 0;
  let otherLatin = 0;
  for (const word of text.toLowerCase().split(NOT_LATIN_WORD)) {
    if (word.length === 0 || word.length > 7) continue;
    if (ENGLISH_FUNCTION_WORDS.has(word)) english++;
    else if (OTHER_LATIN_FUNCTION_WORDS.has(word)) otherLatin++;
  }
  // Two hits at least: one "la" or "el" (El Paso) in English text proves nothing.
  return otherLatin >= 2 && otherLatin > english;
}
