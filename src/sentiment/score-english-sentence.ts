// English sentence valence, VADER-style, from the sentence text itself: case (ALL CAPS), apostrophes (didn't),
// emoticons and punctuation carry sentiment that a stemming tokenizer drops. Lexicon words are matched exactly,
// then by Porter stem.
import type { EnglishLexicon } from './english-lexicon.js';
import { isInflectionOfStem, porterStem } from './english-lexicon.js';
import { emptyCues, hasQuestionMark, negate, countExclamations, type SentenceCues } from './sentence-valence.js';
import { englishOpener, type Modifier } from './sentiment-modifiers.js';

interface Word {
  /** Lowercase, ’ → '. */
  w: string;
  caps: boolean;
  /** Punctuation that ends a clause (, ; : . ! ?). */
  boundary: boolean;
}

/** Wasted time is the commonest service-failure event ("waited 2 hours", "3 days", "45min") even without a polar word. */
const DURATION_VALENCE = -0.35;
const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'several', 'many', 'couple', 'multiple']);
const TIME_UNIT = /^(?:hrs?|hours?|mins?|minutes?|days?|wks?|weeks?)$/;
/** "over an hour", "for a day", "more than a week": a single unit counts only after a word that makes it a wait. */
const LONG_WAIT_LEAD = new Set(['over', 'for', 'almost', 'nearly', 'than']);
const SINGLE_UNIT = /^(?:hour|day|week)$/;
const NUMBER_WITH_UNIT = /^\d+(?:\.\d+)?(?:hrs?|hours?|mins?|minutes?|days?|wks?|weeks?)$/;
/** A duration after these is a speed or a deadline ("arrived in 2 days", "within an hour"), not time wasted. */
const SPEED_LEAD = new Set(['in', 'within']);
/** Time saved, given in advance, or a rate or a past date is not time wasted ("20 minutes early", "24 hours a day"). */
const NOT_WASTED = new Set(['early', 'earlier', 'ahead', 'prior', 'before', 'left', 'remaining', 'notice', 'a', 'per', 'ago', 'old', 'later']);

const NEGATION_WINDOW = 3;
/** A negator before "of" (none of, neither of, not one of) negates the predicate after the noun phrase it names. */
const NEGATION_WINDOW_OF = 6;
const BOOST_WINDOW = 2;
const CAPS_FACTOR = 1.3;
const BARE_NEGATION = -0.25;
const SARCASM_FACTOR = 0.5;
const WEAK_POSITIVE = 0.15;
const RESOLVED = new Set(['fixed', 'fixing', 'resolved', 'resolving', 'solved', 'sorted', 'averted', 'handled']);
const RESOLVED_WINDOW = 4;
const STATEMENT_OPENERS = new Set(['when', 'where', 'will', 'any']);
const OPENER_KINDS = ['info-question', 'rhetorical'] as const;
const IMPROVEMENT = new Set(['better', 'improve', 'improved', 'improvement', 'improvements', 'faster', 'easier']);
const DEMANDED_IMPROVEMENT = -0.3;
const NEGATIVE_WEIGHT = 2;
const STILL_WINDOW = 2;
const STILL_UNRESOLVED = -0.4;
/** How negative what follows thanks must be to read as sarcasm (a failure, not a topic such as a refund). */
const SARCASM_COMPLAINT = -0.4;
const POLITE_THANKS_FACTOR = 0.6;
const THANKS = new Set(['thanks', 'thank', 'thx', 'thnx', 'thanx', 'ty']);
/** Praise that a complaint in the same clause turns sarcastic ("love being on hold", "great job losing my bag"). */
const SARCASTIC_PRAISE = new Set(['love', 'great', 'awesome', 'nice', 'wonderful', 'fantastic', 'perfect', 'brilliant', 'amazing', 'glad']);
const PIECE_WORDS = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[,;:.!?]+/g;

/** Splits a sentence into words, dropping URLs and @mentions; emoticon pieces become their own entries. */
function splitWords(text: string, lex: EnglishLexicon, emoticonHits: number[]): Word[] {
  const words: Word[] = [];
  for (const piece of text.split(/\s+/)) {
    if (piece === '') continue;
    if (/^(?:https?:|www\.)/i.test(piece) || piece.startsWith('@')) continue;
    if (/^#[A-Za-z]/.test(piece)) {
      const tag = piece.slice(1).replace(/[^A-Za-z0-9]+$/, '');
      for (const w of hashtagWords(tag, lex)) words.push({ w, caps: false, boundary: false });
      // A hashtag stands apart from the sentence around it.
      words.push({ w: '', caps: false, boundary: true });
      continue;
    }
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

/** Past forms that say something was done: a regular past (-ed) or a common irregular one. */
const DONE_IRREGULAR = new Set(['came', 'got', 'sent', 'done', 'made', 'paid', 'back', 'here', 'there']);
const isDone = (word: Word | undefined): boolean => word !== undefined && !word.boundary && (/[a-z]ed$/.test(word.w) || DONE_IRREGULAR.has(word.w));

/**
 * A duration at word i ("2 hours", "2hrs", "a couple of days"): its length in words, and whether it is time spent
 * waiting; null when there is none.
 */
function durationAt(words: readonly Word[], i: number): { span: number; wasted: boolean } | null {
  const w = words[i]?.w ?? '';
  let span = 0;
  if (NUMBER_WITH_UNIT.test(w)) span = 1;
  else if ((w === 'an' || w === 'a') && LONG_WAIT_LEAD.has(words[i - 1]?.w ?? '') && SINGLE_UNIT.test(words[i + 1]?.w ?? '')) span = 2;
  else if (/^\d+(?:\.\d+)?$/.test(w) || NUMBER_WORDS.has(w)) {
    const next = words[i + 1];
    const after = words[i + 2];
    if (next && !next.boundary && TIME_UNIT.test(next.w)) span = 2;
    else if (next?.w === 'of' && after && TIME_UNIT.test(after.w)) span = 3;
  }
  if (span === 0) return null;
  // "arrived in 2 days", "fixed within an hour": a speed or a deadline, not time spent waiting. After something done
  // ("delivered in 2 days") its words are a speed too, not the unit's own lexicon valence ("days" as a wait); after
  // anything else ("my flight is in 4 hours", "7 hrs in 4 days") the unit keeps it.
  if (SPEED_LEAD.has(words[i - 1]?.w ?? '')) return isDone(words[i - 2]) ? { span, wasted: false } : null;
  const follower = words[i + span];
  return follower && !follower.boundary && NOT_WASTED.has(follower.w) ? null : { span, wasted: true };
}

/**
 * Words a hashtag is made of (#usairwaysfail → fail, #NeverAgain → never, again): camelCase parts, and inside a
 * lowercase run the longest lexicon words of 4+ letters, so that the polar part of a run-together tag counts.
 */
function hashtagWords(tag: string, lex: EnglishLexicon): string[] {
  const out: string[] = [];
  for (const part of tag.split(/(?<=[a-z])(?=[A-Z])|[^A-Za-z]+/)) {
    const p = part.toLowerCase();
    if (p === '') continue;
    if (lex.words.has(p) || lex.modifiers.byTerm.has(p) || p.length < 8) {
      out.push(p);
      continue;
    }
    // A word found inside the run must start it, end it, or follow a word already found: "#worstserviceever" gives
    // worst, "#usairwaysfail" fail, but "#emirates" does not give "irate" from its middle.
    let lastEnd = 0;
    for (let start = 0; start < p.length; ) {
      let found = '';
      for (let end = Math.min(p.length, start + 12); end - start >= 3; end--) {
        const sub = p.slice(start, end);
        const v = lex.words.get(sub);
        const anchored = start === lastEnd || end === p.length;
        if (v && anchored && (sub.length >= 4 || Math.abs(v) >= 0.4)) {
          found = sub;
          break;
        }
      }
      if (found) {
        out.push(found);
        start += found.length;
        lastEnd = start;
      } else start++;
    }
  }
  return out;
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

/** How far from a word of lack its capability noun may stand: "missing some features", "lack of zoom in video mode". */
const CAPABILITY_AFTER = 6;
/** "features are missing", "the only thing missing". */
const CAPABILITY_BEFORE = 3;

/** Whether words[k] is a capability noun, alone ("feature") or ending a two-word entry ("only thing"). */
function isCapabilityAt(words: readonly Word[], k: number, lex: EnglishLexicon): boolean {
  const w = words[k]?.w ?? '';
  if (lex.modifiers.byTerm.get(w)?.some((m) => m.kind === 'capability')) return true;
  const prev = words[k - 1];
  if (!prev || prev.boundary) return false;
  return lex.modifiers.phrasesByFirstWord.get(prev.w)?.some((p) => p.modifier.kind === 'capability' && p.words.length === 2 && p.words[1] === w) ?? false;
}

/**
 * A missing capability is a request, not a loss: "missing some features", "I miss the undo feature", "lack of zoom
 * in video mode", "the only thing missing" wish for something the product does not do, while "my bag is missing" or
 * "lack of communication" stay complaints. A word of lack (kind lack) with a capability noun in its clause is
 * softened by its factor, counts as a request word (never a complaint on its own) and makes its clause a request.
 */
function wantedCapabilities(words: readonly Word[], cues: SentenceCues, lex: EnglishLexicon): void {
  for (const h of cues.hits) {
    if (h.score >= 0) continue;
    const lack = lex.modifiers.byTerm.get(words[h.pos]?.w ?? '')?.find((m) => m.kind === 'lack');
    if (!lack) continue;
    let found = false;
    for (let k = h.pos + 1; !found && k <= h.pos + CAPABILITY_AFTER && k < words.length && !words[k]?.boundary; k++) found = isCapabilityAt(words, k, lex);
    for (let k = h.pos - 1; !found && k >= h.pos - CAPABILITY_BEFORE && k >= 0 && !words[k]?.boundary; k--) found = isCapabilityAt(words, k, lex);
    if (!found) continue;
    h.score *= lack.value;
    h.requestWord = true;
    cues.wantsCapability = true;
    // A factor of 1: the clause asks, its praise keeps its weight ("love it, only thing missing is a widget").
    cues.requests.set(h.clause, cues.requests.get(h.clause) ?? 1);
  }
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
  const negators: { pos: number; clause: number; value: number; reach: number }[] = [];
  const boosters: { pos: number; clause: number; value: number }[] = [];
  const usedNegators = new Set<number>();
  // "least" by position, with its negation factor: it negates the word right after it (see the 'least' kind).
  const leasts = new Map<number, number>();
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
        // "none of the staff were helpful": the negation reaches past the noun phrase after "of" to its predicate.
        const reach = words[i + 1]?.w === 'of' ? NEGATION_WINDOW_OF : NEGATION_WINDOW;
        negators.push({ pos: i, clause, value: mod?.kind === 'negator' ? mod.value : -0.74, reach });
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
          case 'least': {
            const before = words[i - 1];
            if (!before || before.boundary || (before.w !== 'at' && before.w !== 'very')) leasts.set(i, mod.value);
            break;
          }
          default:
            break;
        }
      }
    }
    const span = lexPhrase ? lexPhrase.words.length : 1;
    // A negator's own valence (VADER rates "no" -1.2) is not counted: it acts through what it negates.
    if (!lexPhrase && isNegatorWord(word.w, mod)) continue;
    const duration = lexPhrase ? null : durationAt(words, i);
    if (duration) {
      if (duration.wasted) cues.hits.push({ pos: i, clause, score: DURATION_VALENCE });
      i += duration.span - 1;
      continue;
    }
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
    const reaches = (n: (typeof negators)[number]): boolean => n.clause === clause && n.pos < i && i - n.pos <= n.reach;
    let negated = false;
    for (const n of negators) {
      // "never been so pissed off", "never this bad": never + intensifier is emphasis, not negation (VADER).
      const emphatic = words[n.pos]?.w === 'never' && boosters.some((b) => b.pos > n.pos && b.pos < i);
      if (reaches(n) && !emphatic) {
        negated = !negated;
        usedNegators.add(n.pos);
      }
    }
    const least = leasts.get(i - 1);
    if (least !== undefined) score = negate(score, least);
    if (negated) {
      const factor = negators.find(reaches)?.value ?? -0.74;
      // Negating a service word that is barely positive ("won't help", "can't get a refund") is a failure, not
      // a near-zero: at least as negative as a bare negation.
      score = score > 0 && score < WEAK_POSITIVE ? Math.min(negate(score, factor), BARE_NEGATION) : negate(score, factor);
    }
    if (word.caps && !shouting) score *= CAPS_FACTOR;
    cues.hits.push({ pos: i, clause, score });
    i += span - 1;
  }
  // Cheap sarcasm cue: thanks followed by a complaint in the same clause ("Thanks for the two-hour delay"); beside
  // a complaint elsewhere in the sentence, thanks is politeness and weighs little.
  for (const h of cues.hits) {
    const w = words[h.pos]?.w ?? '';
    if (h.score <= 0) continue;
    if (SARCASTIC_PRAISE.has(w)) {
      // Only when the praise opens the clause: "love being on hold", not "I love the crew, the delay was short".
      const opens = h.pos === 0 || words[h.pos - 1]?.boundary === true || words[h.pos - 1]?.w === 'i';
      if (opens && cues.hits.some((o) => o.clause === h.clause && o.pos > h.pos && o.score <= SARCASM_COMPLAINT)) h.score = -h.score * SARCASM_FACTOR;
      continue;
    }
    if (!THANKS.has(w)) continue;
    // Sincere when something good comes first ("thanks for getting us home after the cancellation") or when what
    // follows is only a topic ("thank you for the refund").
    const complaint = cues.hits.find((o) => o.clause === h.clause && o.pos > h.pos && o.score <= SARCASM_COMPLAINT);
    if (complaint && !cues.hits.some((o) => o.pos > h.pos && o.pos < complaint.pos && o.score > 0)) h.score = -h.score * SARCASM_FACTOR;
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
  // A trouble that was dealt with is not a complaint: "fixed the broken link", "problem solved", "crisis averted".
  for (let k = 0; k < words.length; k++) {
    if (!RESOLVED.has(words[k]?.w ?? '')) continue;
    const here = cues.hits.find((h) => h.pos === k);
    if (here && here.score <= 0) continue; // negated: "they have not fixed it"
    // "still not fixed": a phrase (still not) took the negator before it, so the word itself was never negated.
    const prev = words[k - 1];
    if (prev && !prev.boundary && isNegatorWord(prev.w, lex.modifiers.byTerm.get(prev.w)?.[0])) continue;
    for (const h of cues.hits) {
      const after = h.pos > k && h.pos - k <= RESOLVED_WINDOW;
      const before = h.pos < k && k - h.pos <= 2;
      if (h.score < 0 && (after || before) && !words.slice(Math.min(h.pos, k), Math.max(h.pos, k)).some((w) => w.boundary)) {
        h.score = negate(h.score, -0.74);
      }
    }
  }
  // "still trying to get home", "still haven't heard back", "still deplaning": an ongoing or unmet event after still
  // is an unresolved problem, clearer than still alone.
  for (const h of cues.hits) {
    if (words[h.pos]?.w !== 'still' || h.score >= 0) continue;
    for (let k = h.pos + 1; k <= h.pos + STILL_WINDOW; k++) {
      const next = words[k];
      if (!next || next.boundary) break;
      const mod = lex.modifiers.byTerm.get(next.w)?.[0];
      if (isNegatorWord(next.w, mod) || (next.w.endsWith('ing') && next.w.length > 5)) {
        h.score = Math.min(h.score, STILL_UNRESOLVED);
        break;
      }
    }
  }
  // "You should offer better service", "please improve": an improvement demanded is a complaint, not praise.
  for (const h of cues.hits) {
    if (h.score > 0 && cues.requests.has(h.clause) && IMPROVEMENT.has(words[h.pos]?.w ?? '')) {
      h.score = DEMANDED_IMPROVEMENT;
      h.notRequest = true;
    }
  }
  wantedCapabilities(words, cues, lex);
  // In feedback a stated failure outweighs a kind word beside it ("crew was nice but we sat 3 hours on the tarmac").
  for (const h of cues.hits) if (h.score < 0) h.score *= NEGATIVE_WEIGHT;
  // How the sentence opens: an information request weighs its topic words little ("any delays tonight?"); a
  // rhetorical why / how come is a complaint in itself.
  const start = words.findIndex((w) => !w.boundary);
  if (start >= 0) {
    const plain = words.map((w) => w.w);
    const opener = englishOpener(lex.modifiers, plain, start, OPENER_KINDS);
    // Tweets often drop the question mark ("are there any seats left on the 6pm"); an inverted verb still asks, but
    // when / where / will / any also open statements ("when I called they hung up"), so those need the mark.
    const asks = hasQuestionMark(text) || !STATEMENT_OPENERS.has(plain[start] ?? '');
    if (opener?.kind === 'info-question' && asks) for (const h of cues.hits) h.score *= opener.value;
    else if (opener?.kind === 'rhetorical') cues.hits.push({ pos: start, clause: 0, score: opener.value });
  }
  for (const e of emoticonHits) cues.textCue += e;
  if (hasQuestionMark(text)) cues.questionFactor = 0.5;
  // Exclamation marks stress what was said; with no cue they would only stress the back-off prior.
  cues.exclamations = cues.hits.length > 0 || emoticonHits.length > 0 ? countExclamations(text) : 0;
  return cues;
}
