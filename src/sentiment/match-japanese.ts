// Matching Japanese lexicon keys at kuromoji token boundaries.
import type { Token } from '../types.js';

/** A lexicon entry spans at most this many tokens. */
const MAX_SPAN = 8;

const CLAUSE_PUNCT = /^[、,。.!！?？;；:：…・]+$/;

/** Punctuation that ends a clause. */
export function isBoundary(t: Token): boolean {
  return CLAUSE_PUNCT.test(t.surface) || t.posDetail === '句点' || t.posDetail === '読点';
}

/**
 * The longest key of `map` starting at token i, matched at token boundaries: keys are the surfaces of the tokens
 * with the last one in base form (届かない, 対応が悪い), or all base forms joined (ML-Ask style, あてになるない).
 */
export function longestJapaneseMatch<T>(
  tokens: readonly Token[],
  i: number,
  map: ReadonlyMap<string, T>,
  prefixes: ReadonlySet<string>,
): { length: number; value: T } | undefined {
  let best: { length: number; value: T } | undefined;
  let surfaces = '';
  let bases = '';
  const end = Math.min(tokens.length, i + MAX_SPAN);
  for (let j = i; j < end; j++) {
    const t = tokens[j];
    if (!t || (j > i && isBoundary(t))) break;
    // A polite or progressive negative is the plain one: 届きません reads as 届かない, 使えていません as 使えない.
    const negative = negativeFormAt(tokens, j);
    if (negative !== null) {
      const value = map.get(surfaces + negative.key);
      if (value !== undefined) best = { length: j - i + negative.length, value };
    }
    let value = map.get(surfaces + t.base);
    if (value === undefined && j > i) value = map.get(bases + t.base);
    if (value === undefined && t.surface !== t.base) value = map.get(surfaces + t.surface);
    if (value !== undefined) best = { length: j - i + 1, value };
    surfaces += t.surface;
    bases += t.base;
    // Stop as soon as no key continues what has been read (most tokens end here after one lookup).
    if (!prefixes.has(surfaces) && !prefixes.has(bases)) break;
  }
  return best;
}

/**
 * The polite (届き|ませ|ん) or progressive (使え|て|い|ない) negative starting at token j: the plain negative it reads as
 * and how many tokens it spans, or null. The two never start at the same token (ませ or て follows the verb).
 */
export function negativeFormAt(tokens: readonly Token[], j: number): { key: string; length: number } | null {
  const polite = politeNegativeKey(tokens, j);
  return polite !== null ? { key: polite, length: 3 } : progressiveNegativeKey(tokens, j);
}

const A_ROW: Readonly<Record<string, string>> = { う: 'わ', く: 'か', ぐ: 'が', す: 'さ', つ: 'た', ぬ: 'な', ぶ: 'ば', む: 'ま', る: 'ら' };

/**
 * When token j is a verb in its continuative form followed by ませ + ん (届き|ませ|ん), the plain negative it stands
 * for (届かない): the verb's irrealis form + ない. Ichidan verbs (でき/できる, 進め/進める) keep their stem; godan verbs
 * (届き/届く, つながり/つながる) take the a-row of their last kana; ある is irregular (ありません → ない). Null otherwise.
 */
export function politeNegativeKey(tokens: readonly Token[], j: number): string | null {
  const t = tokens[j];
  if (!t || t.pos !== 'verb' || !isMasenAt(tokens, j + 1)) return null;
  if (t.base === 'ある') return 'ない';
  return plainNegativeOf(t);
}

/** ませ + ん at token k. */
function isMasenAt(tokens: readonly Token[], k: number): boolean {
  const masu = tokens[k];
  return masu?.surface === 'ませ' && masu.base === 'ます' && tokens[k + 1]?.surface === 'ん';
}

/**
 * When token j is a verb in its te-form followed by a negated いる (使え|て|い|ない, 使え|て|い|ませ|ん, and the
 * spoken 使え|てる|ない), the plain negative of the verb (使えない) and how many tokens the form spans. "Has not
 * worked" says what "does not work" says: the lexicon's 動かない, ログインできない and 使えない also stand for 動いていない,
 * ログインできていません and 使えてない. Null otherwise.
 */
export function progressiveNegativeKey(tokens: readonly Token[], j: number): { key: string; length: number } | null {
  const t = tokens[j];
  if (!t || t.pos !== 'verb' || t.base === 'ある') return null;
  const te = tokens[j + 1];
  let after: number;
  if ((te?.surface === 'て' || te?.surface === 'で') && te.pos === 'particle' && tokens[j + 2]?.base === 'いる') after = j + 3;
  else if ((te?.surface === 'て' || te?.surface === 'で') && te.base.endsWith('る') && te.pos === 'verb') after = j + 2;
  else return null;
  let length: number;
  if (tokens[after]?.surface === 'ない' && tokens[after]?.pos === 'auxiliary') length = after + 1 - j;
  else if (isMasenAt(tokens, after)) length = after + 2 - j;
  else return null;
  const key = plainNegativeOf(t);
  return key === null ? null : { key, length };
}

/**
 * The plain negative of a verb token in its continuative or te-form: the verb's irrealis form + ない. Ichidan verbs
 * (でき/できる, 進め/進める) keep their stem; godan verbs (届き/届く, 動い/動く) take the a-row of their base's last kana;
 * する and 来る are irregular. Null for what it cannot tell.
 */
function plainNegativeOf(t: Token): string | null {
  if (t.base === t.surface + 'る') return `${t.surface}ない`;
  if (t.base === 'する' && t.surface === 'し') return 'しない';
  if (t.base === '来る') return '来ない';
  if (t.base === 'くる') return 'こない';
  const last = t.base.at(-1) ?? '';
  const a = A_ROW[last];
  return a === undefined || t.base.length < 2 ? null : `${t.base.slice(0, -1)}${a}ない`;
}

/** Every proper prefix of every key: lets matching stop early. */
export function keyPrefixes(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) for (let n = 1; n < k.length; n++) out.add(k.slice(0, n));
  return out;
}

