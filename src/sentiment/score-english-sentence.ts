// English sentence valence, VADER-style, from the sentence text itself: case (ALL CAPS), apostrophes (didn't),
// emoticons and punctuation carry sentiment that a stemming tokenizer drops. Lexicon words are matched exactly,
// then by Porter stem.
import type { EnglishLexicon } from './english-lexicon.js';
import { isInflectionOfStem, porterStem } from './english-lexicon.js';
import { emptyCues, hasQuestionMark, negate, countExclamations, type SentenceCues } from './sentence-valence.js';
import type { Modifier } from './sentiment-modifiers.js';

interface Word {
  /** Lowercase, ’ → '. */
  w: string;
  caps: boolean;
  /** Punctuation that ends a clause (, ; : . ! ?). */
  boundary: boolean;
}

const NEGATION_WINDOW = 3;
const BOOST_WINDOW = 2;
const CAPS_FACTOR = 1.3;
const BARE_NEGATION = -0.1;
const SARCASM_FACTOR = 0.5;
const POLITE_THANKS_FACTOR = 0.3;
const THANKS = new Set(['thanks', 'thank', 'thx', 'thnx', 'thanx', 'ty']);
const PIECE_WORDS = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[,;:.!?]+/g;

/** Splits a sentence into words, dropping URLs and @mentions; emoticon pieces become their own entries. */
function splitWords(text: string, lex: EnglishLexicon, emoticonHits: number[]): Word[] {
  const words: Word[] = [];
  for (const piece of text.split(/\s+/)) {
    if (piece === '') continue;
    if (/^(?:https?:|www\.)/i.test(piece) || piece.startsWith('@')) continue;
    const emoticon = lex.emoticons.get(piece) ?? lex.emoticons.get(piece.replace(/[.,!?]+$/, ''));
    if (emoticon !== undefined && !/^[A-Za-z]+$/.test(piece)) {
      emoticonHits.push(emoticon);
      words.push({ w: '', caps: false, boundary: true });
      continue;
    }
    for (const m of piece.matchAll(PIECE_WORDS)) {
      const raw = m[0];
      if (/^[,;:.!?]+$/.test(raw)) {
        words.push({ w: raw, caps: false, boundary: true });
        continue;
      }
      words.push({ w: raw.toLowerCase().replace(/’/g, "'"), caps: raw.length > 1 && /^[A-Z]+$/.test(raw), boundary: false });
    }
  }
  return words;
}

function isNegatorWord(w: string, mod: Modifier | undefined): boolean {
  return mod?.kind === 'negator' || w.endsWith("n't");
}

/** The longest phrase or modifier phrase starting at word i. */
function phraseAt<T extends { words: string[] }>(list: readonly T[] | undefined, words: readonly Word[], i: number): T | undefined {
  if (!list) return undefined;
  outer: for (const p of list) {
    if (i + p.words.length > words.length) continue;
    for (let k = 1; k < p.words.length; k++) {
      const w = words[i + k];
      if (!w || w.boundary || w.w !== p.words[k]) continue outer;
    }
    return p;
  }
  return undefined;
}

function wordValence(w: string, lex: EnglishLexicon): number | undefined {
  const exact = lex.words.get(w);
  if (exact !== undefined) return exact;
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return undefined;
  const stem = porterStem(w);
  return isInflectionOfStem(w, stem) ? lex.stems.get(stem) : undefined;
}

export function englishSentenceCues(text: string, lex: EnglishLexicon): SentenceCues {
  const cues = emptyCues();
  const emoticonHits: number[] = [];
  const words = splitWords(text, lex, emoticonHits);
  // When (nearly) everything is in capitals, capitals stress nothing.
  let upper = 0;
  let lower = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  const shouting = upper + lower > 0 && upper / (upper + lower) > 0.7;
  const negators: { pos: number; clause: number; value: number }[] = [];
  const boosters: { pos: number; clause: number; value: number }[] = [];
  const usedNegators = new Set<number>();
  let clause = 0;
  let seenContent = false;

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    if (word.boundary) {
      clause++;
      continue;
    }
    const isFirst = !seenContent;
    seenContent = true;
    const lexPhrase = phraseAt(lex.phrases.get(word.w), words, i);
    const modPhrase = phraseAt(lex.modifiers.phrasesByFirstWord.get(word.w), words, i);
    const modLength = modPhrase ? modPhrase.words.length : 1;
    const mod = modPhrase?.modifier ?? lex.modifiers.byTerm.get(word.w)?.[0];
    if (!lexPhrase || lexPhrase.words.length < modLength) {
      if (isNegatorWord(word.w, mod)) {
        negators.push({ pos: i, clause, value: mod?.kind === 'negator' ? mod.value : -0.74 });
      } else if (mod) {
        switch (mod.kind) {
          case 'booster':
          case 'dampener':
            boosters.push({ pos: i + modLength - 1, clause, value: mod.value });
            break;
          case 'contrast':
          case 'contrast-initial':
            cues.contrasts.push({ pos: i, value: mod.value });
            if (isFirst) cues.initialContrast = true;
            clause++;
            break;
          case 'request':
            cues.requests.set(clause, Math.min(cues.requests.get(clause) ?? 1, mod.value));
            break;
          case 'unmet':
            cues.unmet.push({ pos: i, value: mod.value });
            break;
          default:
            break;
        }
      }
    }
    const span = lexPhrase ? lexPhrase.words.length : 1;
    // A negator's own valence (VADER rates "no" -1.2) is not counted: it acts through what it negates.
    if (!lexPhrase && isNegatorWord(word.w, mod)) continue;
    let score = lexPhrase ? lexPhrase.score : wordValence(word.w, lex);
    if (score === undefined || score === 0) {
      i += Math.max(span, modLength) - 1;
      continue;
    }
    // A booster that is also a lexicon word ("terribly", "seriously") boosts the next hit instead of scoring.
    const next = words[i + span];
    if (!lexPhrase && mod && (mod.kind === 'booster' || mod.kind === 'dampener') && next && !next.boundary) {
      const nextScore = lex.phrases.has(next.w) || wordValence(next.w, lex);
      if (nextScore) continue;
    }
    for (const b of boosters) if (b.clause === clause && b.pos < i && i - b.pos <= BOOST_WINDOW) score *= b.value;
    let negated = false;
    for (const n of negators) {
      // "never been so pissed off", "never this bad": never + intensifier is emphasis, not negation (VADER).
      const emphatic = words[n.pos]?.w === 'never' && boosters.some((b) => b.pos > n.pos && b.pos < i);
      if (n.clause === clause && n.pos < i && i - n.pos <= NEGATION_WINDOW && !emphatic) {
        negated = !negated;
        usedNegators.add(n.pos);
      }
    }
    if (negated) {
      const factor = negators.find((n) => n.clause === clause && n.pos < i && i - n.pos <= NEGATION_WINDOW)?.value ?? -0.74;
      score = negate(score, factor);
    }
    if (word.caps && !shouting) score *= CAPS_FACTOR;
    cues.hits.push({ pos: i, clause, score });
    i += span - 1;
  }
  // Cheap sarcasm cue: thanks followed by a complaint in the same clause ("Thanks for the two-hour delay"); beside
  // a complaint elsewhere in the sentence, thanks is politeness and weighs little.
  for (const h of cues.hits) {
    const w = words[h.pos]?.w ?? '';
    if (h.score <= 0 || !THANKS.has(w)) continue;
    if (cues.hits.some((o) => o.clause === h.clause && o.pos > h.pos && o.score < 0)) h.score = -h.score * SARCASM_FACTOR;
    else if (cues.hits.some((o) => o.score < 0)) h.score *= POLITE_THANKS_FACTOR;
  }
  // "Awesome service... NOT!": a closing NOT takes back the praise.
  let last = words.length - 1;
  while (last >= 0 && words[last]?.boundary) last--;
  if (last > 0 && words[last]?.w === 'not') {
    for (const h of cues.hits) if (h.score > 0) h.score = -h.score * SARCASM_FACTOR;
  }
  // A negation with nothing to negate still hints at a problem ("it will not stay on", "didn't arrive").
  for (const n of negators) {
    if (!usedNegators.has(n.pos)) cues.hits.push({ pos: n.pos, clause: n.clause, score: BARE_NEGATION });
  }
  for (const e of emoticonHits) cues.textCue += e;
  if (hasQuestionMark(text)) cues.questionFactor = 0.5;
  cues.exclamations = countExclamations(text);
  return cues;
}
