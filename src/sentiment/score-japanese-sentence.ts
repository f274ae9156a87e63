// Japanese sentence valence from kuromoji tokens: longest lexicon match at token boundaries, then negation
// (〜ない, 〜ません, 〜ず), intensity (とても, 少し), contrast (〜が、〜けど, しかし), requests (〜てほしい, 〜てください,
// 〜ていただけませんか), inabilities (できない, 押せない), unmet expectations (〜のに) and questions, as cues for
// finishSentence.
import type { Token } from '../types.js';
import type { JapaneseLexicon } from './japanese-lexicon.js';
import { emptyCues, hasQuestionMark, negate, countExclamations, type Hit, type SentenceCues } from './sentence-valence.js';
import { isBoundary, longestJapaneseMatch } from './match-japanese.js';
import { japaneseModifier, type Modifier } from './sentiment-modifiers.js';

/** Negation is looked for this many tokens after a hit (良くはなかった, 満足できませんでした). */
const NEGATION_WINDOW = 5;
/** A booster reaches the next hit within this many tokens (とても部屋が綺麗). */
const BOOST_WINDOW = 3;
/** A negator that negates no lexicon word still hints at a complaint (〜がない, 使えなかった). */
const BARE_NEGATION = -0.15;

/** A negator after these does not negate: 残念でなりません (emphasis), 良いかもしれません (hedge). */
const NOT_NEGATED_AFTER = new Set(['なる', 'なり', 'しれる', '知れる']);
/** 〜ことがない, 気になることはありません: a negated existence negates the complaint before it in the clause. */
const EXISTENCE_VERBS = new Set(['ある', 'なる', 'いる', '見当たる', '感じる', '思う']);
/** 食べきれないほど: a negation measuring quantity, not a complaint. */
const DEGREE_AFTER = new Set(['ほど', 'くらい', 'ぐらい']);

/** 〜ていただけませんか asks as 〜てください does: the same mild valence (ja-cx.tsv's くださる). */
const POLITE_REQUEST = -0.1;

/** A verb of receiving a favour right after て / で (追加していただける, 変更してくれる): kind benefactive. */
function isBenefactiveAfterTe(tokens: readonly Token[], j: number, mod: Modifier | undefined): boolean {
  const prev = tokens[j - 1];
  return mod?.kind === 'benefactive' && prev !== undefined && isTeForm(prev);
}

/**
 * A request verb (くださる) asks only as an imperative: ください, alone or before ね / ませ (〜てくださいませんか), not before
 * ます / ました (教えてくださいます / ました), and not in its other forms (くださった, くださり), which are honorifics.
 */
function isImperative(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.surface !== `${t.base.slice(0, -1)}い`) return false;
  const next = tokens[i + 1];
  return !(next?.base === 'ます' && next.surface !== 'ませ');
}

/**
 * The valence of an instruction broken, when のに at `i` follows the past of a verb or サ変 noun of asking, paying or
 * booking (お願いしたのに, 指定したのに, 払ったのに; kind instruction), else undefined.
 */
function instructionBefore(tokens: readonly Token[], i: number, lex: JapaneseLexicon): number | undefined {
  if (!isPastAuxiliary(tokens[i - 1])) return undefined;
  const verb = tokens[i - 2];
  if (!verb || verb.pos !== 'verb') return undefined;
  // お願いした: the noun before する names the act; 頼んだ, 払った: the verb itself.
  const act = verb.base === 'する' ? tokens[i - 3] : verb;
  const mod = act && japaneseModifier(lex.modifiers, act.base, act.posDetail);
  return mod?.kind === 'instruction' ? mod.value : undefined;
}

/** The past auxiliary: た, or だ after a 撥音便 (頼んだ); not だ's attributive な (静かなのに). */
function isPastAuxiliary(t: Token | undefined): boolean {
  return t !== undefined && t.pos === 'auxiliary' && (t.base === 'た' || t.base === 'だ') && t.surface !== 'な';
}

function isTeForm(t: Token): boolean {
  return t.pos === 'particle' && t.posDetail === '接続助詞' && (t.base === 'て' || t.base === 'で');
}

function isOwnPredicate(t: Token | undefined): boolean {
  return t !== undefined && (t.pos === 'verb' || t.pos === 'adjective') && t.posDetail === '自立';
}

/** Counters of time (IPADIC 名詞,接尾 after a number): 2時間, 30分, 一週間, 1ヶ月. */
const TIME_COUNTERS = new Set(['秒', '分', '時間', '日', '週間', '週', 'ヶ月', 'か月', 'カ月', '箇月', '年']);

/** A duration stressed with も right before token `i`: number, time counter, も (一週間も, 30分も). */
function stressedDurationBefore(tokens: readonly Token[], i: number): boolean {
  const [num, counter, mo] = [tokens[i - 3], tokens[i - 2], tokens[i - 1]];
  return num?.pos === 'number' && counter !== undefined && TIME_COUNTERS.has(counter.base) && mo?.base === 'も' && mo.pos === 'particle';
}

/** Nouns that only complete what came before (こと, の, よう, わけ, ん) do not end a negation scope. */
function isDependentNoun(t: Token): boolean {
  return t.posDetail === '非自立' || t.posDetail === '接尾' || t.posDetail === '代名詞';
}

function isNegator(t: Token, mod: Modifier | undefined): boolean {
  return mod?.kind === 'negator' && (t.pos === 'auxiliary' || t.pos === 'adjective');
}

const NEGATION_FACTOR = -0.8;
/** How far before a bare negation its capability noun may stand: 機能 が あり ませ ん. */
const CAPABILITY_BEFORE = 5;
const WISH_VALENCE = -0.25;
/** 前のバージョンの方が良かった: as ja-cx.tsv's 方が良い (advice) weighs. */
const REGRET_VALENCE = -0.3;

function namesTopic(before: Token | undefined): boolean {
  return before !== undefined && (before.pos === 'noun' || (before.pos === 'particle' && before.base === 'の'));
}

/** A word of kind former (前, 以前) in the noun phrase ending at `end` (前のバージョンの, 以前の). */
function comparesWithFormer(tokens: readonly Token[], end: number, lex: JapaneseLexicon): boolean {
  for (let k = end; k >= Math.max(0, end - 4); k--) {
    const t = tokens[k];
    if (!t || !(namesTopic(t) || t.pos === 'other')) return false;
    if (japaneseModifier(lex.modifiers, t.base, t.posDetail)?.kind === 'former') return true;
  }
  return false;
}

/**
 * What a positive word right after a conditional or 方が (skipping particles) says: 'wish' (〜があれば嬉しい) or advice
 * (〜した方が良い), i.e. something was missing; 'regret' when the comparison favours how things were
 * (前のバージョンの方が良かった), a complaint about the present; null when it is plain praise.
 */
function wishOrRegret(tokens: readonly Token[], i: number, lex: JapaneseLexicon): 'wish' | 'regret' | null {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k];
    if (!t || isBoundary(t)) return null;
    const mod = japaneseModifier(lex.modifiers, t.base, t.posDetail) ?? japaneseModifier(lex.modifiers, t.surface, t.posDetail);
    const before = tokens[k - 1];
    // 〜していただけると助かります, 〜してもらえると嬉しい: a favour asked for with と is a polite request, whatever tag
    // IPADIC gives that と (格助詞 after these verbs, where 接続助詞 would be right).
    if (t.base === 'と' && t.pos === 'particle' && before && japaneseModifier(lex.modifiers, before.base, before.posDetail)?.kind === 'benefactive') {
      return 'wish';
    }
    // After a noun or の it names a topic, not a condition: この値段なら満足 (at this price), スタッフの方が親切 (the
    // person), こちらの方が良い (a comparison); the wish and the advice follow a predicate (あれば, した方が). A
    // comparison in favour of how things were (前のバージョンの方が良かった) is a regret.
    if (mod?.kind === 'conditional') {
      if (!namesTopic(before)) return 'wish';
      return comparesWithFormer(tokens, k - 1, lex) ? 'regret' : null;
    }
    if (t.pos !== 'particle') return null;
  }
  return null;
}

const capabilityNouns = new WeakMap<JapaneseLexicon, string[]>();

/** A capability noun, alone or ending a compound the dictionary keeps whole (検索機能, ダークモード). */
function isCapabilityNoun(base: string, lex: JapaneseLexicon): boolean {
  let nouns = capabilityNouns.get(lex);
  if (!nouns) {
    nouns = [...lex.modifiers.byTerm].filter(([, mods]) => mods.some((m) => m.kind === 'capability')).map(([term]) => term);
    capabilityNouns.set(lex, nouns);
  }
  return nouns.some((noun) => base.endsWith(noun));
}

interface LexiconMatch {
  length: number;
  score: number;
}

function matchAt(tokens: readonly Token[], i: number, lex: JapaneseLexicon): LexiconMatch | undefined {
  const m = longestJapaneseMatch(tokens, i, lex.valence, lex.valencePrefixes);
  return m && { length: m.length, score: m.value };
}

/** True when the word ending at token `end` is negated (好きではない, 怖くなかった). */
export function isNegatedAfter(tokens: readonly Token[], end: number, lex: JapaneseLexicon): boolean {
  return negationsAfter(tokens, end, lex, new Set()) % 2 === 1;
}

/** Counts negators after a hit that ends at `end`, stopping at the end of its clause or the next content word. */
function negationsAfter(
  tokens: readonly Token[],
  end: number,
  lex: JapaneseLexicon,
  claimed: Set<number>,
  ofTrouble = false,
): number {
  let count = 0;
  const stop = Math.min(tokens.length, end + 1 + NEGATION_WINDOW);
  for (let j = end + 1; j < stop; j++) {
    const t = tokens[j];
    if (!t || isBoundary(t)) break;
    // Two stops for a trouble (a negative hit), whose negation would turn it into praise: キャンセルできません, a trouble
    // right before できる, is what cannot be done; 小さすぎて読めない, a trouble before a て-form and a verb of its own, is
    // the cause of what the negation says (読めない). A good word keeps the negation in both (満足できない, 安心して
    // 使えない: the manner is what is missing), and an auxiliary verb carries it back (届いていない, 満足していない).
    if (ofTrouble && j === end + 1 && japaneseModifier(lex.modifiers, t.base, t.posDetail)?.kind === 'ability') break;
    if (ofTrouble && isTeForm(t) && isOwnPredicate(tokens[j + 1])) break;
    // 〜でなりません / 〜てならない is emphasis and 〜かもしれない a hedge, not negation.
    if (NOT_NEGATED_AFTER.has(t.base)) {
      const prev = tokens[j - 1];
      if (t.base !== 'なる' && t.base !== 'なり') return 0;
      if (prev && (prev.surface === 'で' || prev.surface === 'て')) return 0;
    }
    const mod = japaneseModifier(lex.modifiers, t.base, t.posDetail);
    if (isNegator(t, mod)) {
      count++;
      claimed.add(j);
      continue;
    }
    if (mod && (mod.kind === 'contrast' || mod.kind === 'unmet')) break;
    // 不安が消えない: the negation is the vanishing verb's (the trouble stays), not the trouble's; 改善していただけませんか:
    // the negation belongs to the favour asked for (a politeness), 改善していただけませんでした to the favour refused.
    if (mod?.kind === 'vanish' || isBenefactiveAfterTe(tokens, j, mod)) break;
    if (t.pos === 'noun' && !isDependentNoun(t)) break;
    if (t.pos === 'adjective' && t.posDetail !== '非自立') break;
    if (t.pos === 'adverb' || t.pos === 'other') break;
  }
  return count;
}

/**
 * IPADIC reads a concessive のに before a verb as の (noun) + に (格助詞): 頼んだのに来なかった, 注文したのに届かない. After a
 * past (た, だ) or an adjective (高いのに) のに is the concession, so the pair becomes the one particle the rules read.
 */
function withConcessiveNoni(tokens: readonly Token[]): readonly Token[] {
  let out: Token[] | null = null;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const [before, no, ni] = [tokens[i - 1]!, tokens[i]!, tokens[i + 1]!];
    if (no.base !== 'の' || no.pos !== 'noun' || ni.base !== 'に' || ni.posDetail !== '格助詞') continue;
    const adjective = before.pos === 'adjective' && before.posDetail === '自立' && before.surface === before.base;
    if (!isPastAuxiliary(before) && !adjective) continue;
    out ??= tokens.slice();
    const at = out.indexOf(no);
    out.splice(at, 2, { ...no, surface: 'のに', base: 'のに', stem: 'のに', pos: 'particle', posDetail: '接続助詞' });
  }
  return out ?? tokens;
}

/** Sentence cues for one Japanese sentence. `text` is the sentence as written (for ?, !). */
export function japaneseSentenceCues(sentenceTokens: readonly Token[], text: string, lex: JapaneseLexicon): SentenceCues {
  const tokens = withConcessiveNoni(sentenceTokens);
  const cues = emptyCues();
  const claimedNegators = new Set<number>();
  let clause = 0;
  let seenContent = false;
  let boost: { factor: number; until: number; clause: number; ownScore: number | undefined; pos: number } | null = null;
  let lastHitEnd = -10;
  const negatedHits = new Set<object>();
  // A sentence that ends as a question (?, 〜ますか, 〜でしょうか): there a verb of receiving a favour asks for it.
  let lastContent = -1;
  for (let k = tokens.length - 1; k >= 0 && lastContent < 0; k--) if (tokens[k] && !isBoundary(tokens[k]!)) lastContent = k;
  const last = lastContent >= 0 ? tokens[lastContent] : undefined;
  const lastMod = last && japaneseModifier(lex.modifiers, last.base, last.posDetail);
  const questionMark = hasQuestionMark(text);
  const endsAsQuestion = questionMark || lastMod?.kind === 'question';

  const bareNegation = (i: number, clause: number): void => {
    const next = tokens[i + 1];
    if (next && DEGREE_AFTER.has(next.base)) return;
    // Existence negated (〜ことはありません, 一度もなかった): it clears the complaints before it in the clause.
    let k = i - 1;
    while (k >= 0 && tokens[k]?.pos === 'auxiliary') k--;
    const before = tokens[k];
    const existence = before !== undefined && (EXISTENCE_VERBS.has(before.base) || before.pos === 'particle');
    const complaints = cues.hits.filter((h) => h.clause === clause && h.score < 0);
    if (existence && complaints.length > 0) {
      for (const h of complaints) h.score = negate(h.score, NEGATION_FACTOR);
      return;
    }
    // 支払いができません, 先に進めません, ボタンが押せない: what the customer cannot do is a failure, clearer than a bare
    // negation, after a capability noun too (kind ability: できる and the potential verbs).
    const ability = before && japaneseModifier(lex.modifiers, before.base, before.posDetail);
    if (ability?.kind === 'ability') {
      cues.hits.push({ pos: i, clause, score: ability.value });
      return;
    }
    // ダークモードがありません, 検索機能がない: a capability the product lacks is a request, not a complaint.
    if (namesCapabilityBefore(i)) {
      cues.hits.push({ pos: i, clause, score: BARE_NEGATION, requestWord: true });
      cues.wantsCapability = true;
      cues.requests.set(clause, cues.requests.get(clause) ?? 1);
      return;
    }
    cues.hits.push({ pos: i, clause, score: BARE_NEGATION });
  };

  /** A capability noun (機能, モード: kind capability) among the few tokens before `i` in its clause. */
  const namesCapabilityBefore = (i: number): boolean => {
    for (let k = i - 1; k >= Math.max(0, i - CAPABILITY_BEFORE); k--) {
      const t = tokens[k];
      if (!t || isBoundary(t)) return false;
      if (t.pos === 'noun' && isCapabilityNoun(t.base, lex)) return true;
    }
    return false;
  };

  /**
   * The complaint a predicate starting at token `i` takes as its subject: the last hit, in this clause, not yet
   * negated, linked to `i` by one particle (騒音も|気になりません, 不安が|消えた).
   */
  const troubleJustBefore = (i: number): Hit | undefined => {
    const prev = cues.hits[cues.hits.length - 1];
    const linked = i - lastHitEnd === 2 && tokens[lastHitEnd + 1]?.pos === 'particle';
    return prev && prev.clause === clause && prev.score < 0 && linked && !negatedHits.has(prev) ? prev : undefined;
  };

  // 不安が消えた, 悩みがなくなった: a trouble that vanishes is relief, and the verb of vanishing, a loss on its own
  // (ポイントが消えた), is not counted; 不安が消えない keeps the trouble. True when the verb starting at `i` and ending
  // at `end` took a trouble (its modifier's value negates it).
  const vanishesTrouble = (i: number, end: number, factor: number): boolean => {
    const trouble = troubleJustBefore(i);
    if (!trouble) return false;
    if (negationsAfter(tokens, end, lex, claimedNegators) % 2 === 0) {
      trouble.score = negate(trouble.score, factor);
      negatedHits.add(trouble);
    }
    return true;
  };

  const flushBoost = (): void => {
    if (boost?.ownScore !== undefined) cues.hits.push({ pos: boost.pos, clause: boost.clause, score: boost.ownScore });
    boost = null;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (isBoundary(t)) {
      flushBoost();
      clause++;
      continue;
    }
    if (boost && i > boost.until) flushBoost();
    const match = matchAt(tokens, i, lex);
    const mod = japaneseModifier(lex.modifiers, t.base, t.posDetail);
    const isFirst = !seenContent;
    seenContent = true;

    if (mod && (!match || match.length === 1)) {
      switch (mod.kind) {
        case 'booster':
        case 'dampener':
          flushBoost();
          boost = { factor: mod.value, until: i + BOOST_WINDOW, clause, ownScore: match?.score, pos: i };
          continue;
        case 'contrast':
          flushBoost();
          cues.contrasts.push({ pos: i, value: mod.value });
          if (isFirst) cues.initialContrast = true;
          clause++;
          continue;
        case 'contrast-initial':
          if (isFirst) {
            cues.contrasts.push({ pos: i, value: mod.value });
            cues.initialContrast = true;
            clause++;
            continue;
          }
          break;
        case 'unmet': {
          // のに is itself the concession; はず / つもり count only when a contrast follows (〜はずが, 〜つもりだったのに).
          let fires = t.base === 'のに' || tokens[i + 1]?.base === 'が';
          for (let k = i + 1; !fires && k < Math.min(tokens.length, i + 4); k++) {
            const next = tokens[k];
            const m = next && japaneseModifier(lex.modifiers, next.base, next.posDetail);
            if (m && (m.kind === 'contrast' || m.kind === 'unmet')) fires = true;
          }
          if (fires) cues.unmet.push({ pos: i, value: mod.value });
          if (t.base === 'のに') {
            // In the clause before のに, so that a negation after it (来なかった) negates what followed, not this.
            const broken = instructionBefore(tokens, i, lex);
            if (broken !== undefined) cues.hits.push({ pos: i, clause, score: broken });
            cues.contrasts.push({ pos: i, value: 0.5 });
            clause++;
          }
          continue;
        }
        case 'request-verb':
          // 教えてくださいました: an honorific for a kindness done, neither a request nor its valence.
          if (!isImperative(tokens, i)) {
            if (match) i += match.length - 1;
            continue;
          }
          cues.requests.set(clause, Math.min(cues.requests.get(clause) ?? 1, mod.value));
          break;
        case 'request':
          cues.requests.set(clause, Math.min(cues.requests.get(clause) ?? 1, mod.value));
          if (tokens[i + 1]?.base === 'た') cues.pastWish = true;
          break;
        case 'benefactive':
          // 追加していただけませんか, 変更してもらえますか: a polite request, and the negators after the verb are its
          // politeness (claimed here, so neither a bare negation nor the negation of what came before).
          if (!endsAsQuestion || !isBenefactiveAfterTe(tokens, i, mod)) break;
          for (let k = i + 1; k < tokens.length && !isBoundary(tokens[k]!); k++) {
            const next = tokens[k]!;
            if (isNegator(next, japaneseModifier(lex.modifiers, next.base, next.posDetail))) claimedNegators.add(k);
          }
          flushBoost();
          cues.hits.push({ pos: i, clause, score: POLITE_REQUEST, requestWord: true });
          cues.requests.set(clause, Math.min(cues.requests.get(clause) ?? 1, mod.value));
          continue;
        case 'takes-time':
          // 一週間もかかった, 30分も待ちました: time wasted (a hit of its own; 2時間も待たされた's lexicon word wins).
          if (match && match.score !== 0) break;
          if (!stressedDurationBefore(tokens, i)) break;
          // 一週間もかからずに届いた: less than that, no time wasted (the negation is claimed, nothing is scored).
          if (negationsAfter(tokens, i, lex, claimedNegators) % 2 === 1) continue;
          flushBoost();
          cues.hits.push({ pos: i, clause, score: mod.value });
          lastHitEnd = i;
          continue;
        case 'question':
        case 'conditional':
          break;
        case 'return': {
          // また / ぜひ + verb in the same clause: an intent to come back (また来ます, 又行きたい).
          let verb = -1;
          for (let k = i + 1; k < Math.min(tokens.length, i + 4); k++) {
            const next = tokens[k];
            if (!next || isBoundary(next)) break;
            if (next.pos === 'verb') {
              verb = k;
              break;
            }
          }
          if (verb < 0) break;
          // また + a problem verb is the problem again (ポイントがまた消えました, また落ちた), not an intent to return:
          // the verb is scored as it is.
          const verbMatch = matchAt(tokens, verb, lex);
          if (verbMatch && verbMatch.score < 0) break;
          let score = mod.value;
          if (negationsAfter(tokens, verb, lex, claimedNegators) % 2 === 1) score = negate(score, NEGATION_FACTOR);
          cues.hits.push({ pos: i, clause, score, notRequest: true });
          lastHitEnd = verb;
          i = verb;
          continue;
        }
        case 'negator':
          if (isNegator(t, mod) && !claimedNegators.has(i) && !match) {
            claimedNegators.add(i);
            bareNegation(i, clause);
            continue;
          }
          break;
      }
    }
    if (!match || match.score === 0 || claimedNegators.has(i)) {
      if (match) i += match.length - 1;
      continue;
    }
    if (mod?.kind === 'vanish' && vanishesTrouble(i, i + match.length - 1, mod.value)) {
      lastHitEnd = i + match.length - 1;
      i = lastHitEnd;
      continue;
    }
    let score = match.score;
    if (boost && boost.clause === clause) {
      score *= boost.factor;
      boost = null;
    }
    const end = i + match.length - 1;
    // 二度と使いません: the negation belongs to 二度と, whose valence already says "never again" (claimed, not counted).
    // キャンセルできません, 小さすぎて読めない: the negation is not the trouble's (see negationsAfter); it is left for
    // the bare negation rule. 不具合は確認できません still negates the defect.
    const negations =
      negationsAfter(tokens, end, lex, claimedNegators, match.score < 0) * (mod?.kind === 'needs-negation' ? 0 : 1);
    if (negations % 2 === 1) {
      score = negate(score, NEGATION_FACTOR);
      // 騒音も気になりませんでした: the negated predicate clears the complaint just before it too.
      const trouble = troubleJustBefore(i);
      if (trouble) {
        trouble.score = negate(trouble.score, NEGATION_FACTOR);
        negatedHits.add(trouble);
      }
    }
    const wish = score > 0 ? wishOrRegret(tokens, i, lex) : null;
    if (wish !== null) {
      // 〜があれば嬉しい, 〜した方が良い: a wish or advice, i.e. something was missing; 前の方が良かった: a regret, a
      // complaint that asks for nothing.
      score = wish === 'wish' ? WISH_VALENCE : REGRET_VALENCE;
      if (wish === 'wish') cues.requests.set(clause, Math.min(cues.requests.get(clause) ?? 1, 0.2));
    }
    const hit: Hit = { pos: i, clause, score };
    if (match.length === 1 && (mod?.kind === 'request' || mod?.kind === 'request-verb')) hit.requestWord = true;
    if (negations % 2 === 1) negatedHits.add(hit);
    cues.hits.push(hit);
    lastHitEnd = end;
    i = end;
  }
  flushBoost();

  if (questionMark) cues.questionFactor = 0.6;
  else if (lastMod?.kind === 'question') cues.questionFactor = lastMod.value;
  cues.exclamations = countExclamations(text);
  return cues;
}
