import type { IpadicFeatures } from 'kuromoji';
import type { PartOfSpeech, Token } from '../types.js';
import type { KuromojiTokenizer } from './get-kuromoji.js';
import { SPECIAL_SEQUENCE, mayHaveSpecial, specialToken } from './special-tokens.js';
import type { WordLists } from './word-lists.js';

const POS_BY_IPADIC: Readonly<Record<string, PartOfSpeech>> = {
  名詞: 'noun',
  動詞: 'verb',
  形容詞: 'adjective',
  副詞: 'adverb',
  助動詞: 'auxiliary',
  助詞: 'particle',
  感動詞: 'interjection',
  記号: 'symbol',
  フィラー: 'interjection',
};

const LATIN_WORD = /^[A-Za-z][A-Za-z0-9'’\-.]*$/;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Japanese net laughter (www, ｗｗ after NFKC): not an English word.
const LAUGHTER = /^[wW]{2,}$/;

/** Function words for theme purposes: IPADIC sub-classes that carry grammar, not topic. */
function isFunctionWord(pos: PartOfSpeech, posDetail: string): boolean {
  switch (pos) {
    case 'particle':
    case 'auxiliary':
    case 'symbol':
    case 'number':
    case 'interjection':
    case 'other': // 接頭詞, 連体詞, 接続詞
      return true;
    case 'noun':
      return posDetail === '非自立' || posDetail === '代名詞' || posDetail === '特殊';
    case 'verb':
    case 'adjective':
      return posDetail === '非自立' || posDetail === '接尾';
    default:
      return false;
  }
}

// Blanks stay as symbol tokens (記号,空白): they keep "サブスク アプデ" from being read as one compound.
function toToken(f: IpadicFeatures, sentence: number, lists: WordLists): Token {
  const surface = f.surface_form;
  const posDetail = f.pos_detail_1;
  let pos: PartOfSpeech = POS_BY_IPADIC[f.pos] ?? 'other';
  if (pos === 'noun' && posDetail === '数') pos = 'number';
  let base = f.basic_form === '*' || f.basic_form === undefined ? surface : f.basic_form;
  let stop: boolean;
  if (!HAS_LETTER_OR_DIGIT.test(surface)) {
    // kuromoji tags unknown punctuation runs ("～！！", "(^") as nouns: they are symbols
    pos = 'symbol';
    stop = true;
  } else if (LAUGHTER.test(surface)) {
    pos = 'interjection';
    stop = true;
  } else if (LATIN_WORD.test(surface)) {
    // An English word inside Japanese text ("iPhone"): lowercase like English tokens, English stopwords apply.
    base = base.toLowerCase();
    stop = lists.enStop.has(base);
  } else if (lists.jaNegations.has(base) && (pos === 'auxiliary' || pos === 'adjective')) {
    stop = false; // ない, ぬ, ん, ず: sentiment needs negation
  } else {
    stop = isFunctionWord(pos, posDetail) || lists.jaStop.has(base);
  }
  return { surface, base, stem: base, pos, posDetail, sentence, stop };
}

const LATIN_HEAD = /^[A-Za-z][A-Za-z0-9]*$/;
const LATIN_PART = /^[A-Za-z0-9]+$/;
const LATIN_JOINER = /^['’-]$/;

/**
 * kuromoji splits a hyphenated or apostrophed Latin word inside Japanese text ("Wi-Fi" → Wi / - / Fi), which the
 * English tokenizer keeps whole: join such runs back into one noun so both languages share the term "wi-fi".
 */
function joinLatinWords(features: IpadicFeatures[]): IpadicFeatures[] {
  // Most sentences have nothing to join: the same array comes back.
  if (!features.some((f, i) => i + 2 < features.length && LATIN_JOINER.test(features[i + 1]!.surface_form) && LATIN_HEAD.test(f.surface_form))) {
    return features;
  }
  const out: IpadicFeatures[] = [];
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    if (!LATIN_HEAD.test(f.surface_form)) {
      out.push(f);
      continue;
    }
    let surface = f.surface_form;
    while (
      i + 2 < features.length &&
      LATIN_JOINER.test(features[i + 1]!.surface_form) &&
      LATIN_PART.test(features[i + 2]!.surface_form)
    ) {
      surface += features[i + 1]!.surface_form + features[i + 2]!.surface_form;
      i += 2;
    }
    out.push(surface === f.surface_form ? f : { ...f, surface_form: surface, basic_form: surface, pos: '名詞', pos_detail_1: '一般' });
  }
  return out;
}

type TokenParts = Omit<Token, 'sentence'>;

/**
 * A dictionary word always gives the same Token but for its sentence: it is worked out once per word id (per
 * tokenizer, as ids belong to a dictionary, and per word lists), not for every occurrence.
 */
const knownTokens = new WeakMap<KuromojiTokenizer, { lists: WordLists; byId: Map<number, TokenParts> }>();
const KNOWN_TOKEN_LIMIT = 50_000;

function knownTokenCache(kuromoji: KuromojiTokenizer, lists: WordLists): Map<number, TokenParts> {
  let cache = knownTokens.get(kuromoji);
  if (cache === undefined || cache.lists !== lists || cache.byId.size >= KNOWN_TOKEN_LIMIT) {
    cache = { lists, byId: new Map() };
    knownTokens.set(kuromoji, cache);
  }
  return cache.byId;
}

function pushKuromoji(kuromoji: KuromojiTokenizer, text: string, sentence: number, lists: WordLists, out: Token[]): void {
  if (text === '') return;
  const features = kuromoji.tokenize(text);
  const joined = joinLatinWords(features);
  const byId = knownTokenCache(kuromoji, lists);
  for (const f of joined) {
    // Joined Latin words (Wi-Fi) are new objects with their first part's id: never cached.
    if (f.word_type !== 'KNOWN' || (joined !== features && !features.includes(f))) {
      out.push(toToken(f, sentence, lists));
      continue;
    }
    let t = byId.get(f.word_id);
    if (t === undefined) {
      const { sentence: _, ...parts } = toToken(f, 0, lists);
      t = parts;
      byId.set(f.word_id, t);
    }
    out.push({ surface: t.surface, base: t.base, stem: t.stem, pos: t.pos, posDetail: t.posDetail, sentence, stop: t.stop });
  }
}

/** Japanese tokens of one sentence (kuromoji), with emoji, PII placeholders and mentions cut out first. */
export function pushJapaneseTokens(
  kuromoji: KuromojiTokenizer,
  text: string,
  sentence: number,
  lists: WordLists,
  out: Token[],
): void {
  if (!mayHaveSpecial(text)) {
    pushKuromoji(kuromoji, text, sentence, lists, out);
    return;
  }
  let last = 0;
  for (const m of text.matchAll(SPECIAL_SEQUENCE)) {
    const at = m.index ?? 0;
    pushKuromoji(kuromoji, text.slice(last, at), sentence, lists, out);
    out.push(specialToken(m.groups ?? {}, m[0], sentence));
    last = at + m[0].length;
  }
  pushKuromoji(kuromoji, text.slice(last), sentence, lists, out);
}
