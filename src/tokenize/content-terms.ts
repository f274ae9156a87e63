import type { Lang, Token } from '../types.js';
import { loadWordLists } from './word-lists.js';

// Noun sub-classes (IPADIC pos_detail_1) that can be part of a compound term. Numbers, pronouns and 非自立 nouns
// (こと, の, よう) never are: "3日" or "その画面" are not concepts.
const COMPOUND_NOUN = new Set(['一般', 'サ変接続', '固有名詞', '接尾', '形容動詞語幹', '副詞可能']);
// Honorific prefixes are dropped rather than glued, so ご対応 and 対応 make one term.
const HONORIFIC_PREFIX = new Set(['お', 'ご', '御']);
const CONTENT_POS = new Set(['noun', 'verb', 'adjective']);
const SINGLE_KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]$/u;
// After a number, counters and time nouns (3日前, 2回目, 10分後) belong to the number, not to a term.
const NUMBER_TAIL = new Set(['接尾', '副詞可能']);
const LATIN_END = /[a-z0-9]$/;
const LATIN_START = /^[a-z]/;

/** IPADIC tags are Japanese (or '*'); English tokens carry '' or an ASCII tag ('NEG', 'EMOJI'). */
export function isKuromojiToken(token: Token): boolean {
  const d = token.posDetail;
  return d === '*' || (d.length > 0 && d.charCodeAt(0) > 127);
}

function isJapaneseCompoundPart(t: Token, stop: ReadonlySet<string>): boolean {
  return t.pos === 'noun' && COMPOUND_NOUN.has(t.posDetail) && !t.stop && !stop.has(t.base);
}

function isNounPrefix(t: Token): boolean {
  return t.pos === 'other' && t.posDetail === '名詞接続' && !HONORIFIC_PREFIX.has(t.base);
}

function acceptableTerm(term: string): boolean {
  return term.length > 1 || !SINGLE_KANA.test(term);
}

// A part in hiragana is grammar (こと of a run, rare after the stop list), not topic.
const HIRAGANA_ONLY = /^\p{Script=Hiragana}+$/u;
function isCompoundPart(base: string): boolean {
  return acceptableTerm(base) && !HIRAGANA_ONLY.test(base);
}

export interface ContentTermOptions {
  /**
   * Which nouns of a Japanese compound are emitted beside it. 'all' (default): every noun but suffixes (さん, 的,
   * 化), hiragana and single kana, so one-kanji nouns and Latin words count too (女 and 独 of 独女, amazon of
   * "amazon pay"): they say what a longer text is about and link compounds that share them. 'long': only nouns of
   * two characters or more that are not Latin words (the behaviour before issue 15). Measured in the README.
   */
  compoundParts?: 'all' | 'long';
}

/**
 * Content terms for theme discovery, in text order (repeats kept: frequency matters).
 * Japanese (kuromoji tokens): runs of nouns joined into one compound term (ログイン画面, 配送状況, 再ログイン), only the
 * compound is emitted, not its parts; a prefix joins the noun after it (再 + 設定); honorific お/ご/御 are dropped;
 * numbers, counters, pronouns and 非自立 nouns break runs; non-stop verbs and adjectives give their base form;
 * Latin-script words are lowercased ("Amazon Pay" → "amazon pay"). English: non-stop noun/verb/adjective lemmas,
 * plus a bigram for each adjacent noun-noun or adjective-noun pair ("credit card", "late delivery") and for listed
 * phrasal verbs ("log in"). Negations are never terms. Each token decides its own rules (an English doc may hold
 * Japanese runs), so `_lang` is not consulted.
 */
export function contentTerms(tokens: Token[], _lang: Lang, options: ContentTermOptions = {}): string[] {
  const lists = loadWordLists();
  const allParts = (options.compoundParts ?? 'all') === 'all';
  const terms: string[] = [];
  let run = ''; // Japanese compound being built
  let runHasNoun = false;
  let runParts: string[] = []; // its nouns of two characters or more, emitted beside it (see below)
  let runLength = 0; // tokens in the compound
  let afterNumber = false;
  let prevEnglish: Token | null = null; // previous English content token, for bigrams

  const flush = (): void => {
    if (runHasNoun && acceptableTerm(run)) {
      terms.push(run);
      // A compound's own nouns link it to texts that say them alone or in other compounds (公的申請書 ↔ 申請書,
      // 日本市場 ↔ 市場), as an English bigram keeps its words: rare compounds alone link nothing in longer texts.
      if (runLength > 1) for (const part of runParts) terms.push(part);
    }
    run = '';
    runHasNoun = false;
    runParts = [];
    runLength = 0;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = i > 0 ? tokens[i - 1]! : undefined;
    const sameSentence = prev !== undefined && prev.sentence === t.sentence;
    if (!sameSentence) {
      flush();
      prevEnglish = null;
      afterNumber = false;
    }

    if (isKuromojiToken(t)) {
      prevEnglish = null;
      if (t.pos === 'number') {
        flush();
        afterNumber = true;
        continue;
      }
      if (afterNumber && t.pos === 'noun' && NUMBER_TAIL.has(t.posDetail)) continue;
      afterNumber = false;
      if (isJapaneseCompoundPart(t, lists.jaStop)) {
        if (t.posDetail === '接尾' && run === '') continue; // a stray suffix (さん, 的) opens no term
        if (t.posDetail === '副詞可能' && run === '') {
          // 時間 may end a compound (待ち時間) but an adverbial noun does not start one (今朝 + 配達)
          if (t.base.length > 1) terms.push(t.base);
          continue;
        }
        run += t.base;
        runHasNoun = true;
        runLength++;
        if (allParts ? t.posDetail !== '接尾' && isCompoundPart(t.base) : t.posDetail !== '接尾' && [...t.base].length > 1 && !LATIN_START.test(t.base)) runParts.push(t.base);
        continue;
      }
      // "Amazon Pay": Latin words separated by one blank stay one term
      if (t.posDetail === '空白' && LATIN_END.test(run)) {
        const next = tokens[i + 1];
        if (next && next.sentence === t.sentence && isJapaneseCompoundPart(next, lists.jaStop) && LATIN_START.test(next.base)) {
          run += ' ';
          continue;
        }
      }
      flush();
      if (isNounPrefix(t)) {
        const next = tokens[i + 1];
        if (next && next.sentence === t.sentence && isJapaneseCompoundPart(next, lists.jaStop) && next.posDetail !== '接尾') {
          run = t.base;
          runLength = 1;
        }
        continue;
      }
      if ((t.pos === 'verb' || t.pos === 'adjective') && !t.stop && !lists.jaNegations.has(t.base) && acceptableTerm(t.base)) {
        terms.push(t.base);
      }
      continue;
    }

    flush();
    afterNumber = false;
    const content = !t.stop && CONTENT_POS.has(t.pos) && t.base.length > 1;
    if (content) {
      terms.push(t.base);
      // Noun phrases only ("credit card", "late delivery"): verb pairs like "keep log" are not concepts.
      if (prevEnglish && t.pos === 'noun' && (prevEnglish.pos === 'noun' || prevEnglish.pos === 'adjective')) {
        terms.push(`${prevEnglish.base} ${t.base}`);
      }
      prevEnglish = t;
    } else {
      if (prevEnglish && t.stop && lists.enPhrasalVerbs.has(`${prevEnglish.base} ${t.base}`)) {
        terms.push(`${prevEnglish.base} ${t.base}`);
      }
      prevEnglish = null;
    }
  }
  flush();
  return terms;
}
