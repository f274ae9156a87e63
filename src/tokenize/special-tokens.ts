// Pieces of text that become one token of their own before any tokenizer sees them:
// - emoji: kuromoji 0.1.2 mis-handles runs of astral-plane symbols (in "😀👍🏻最高" the word 最高 disappears) and
//   splits "❤️" into a noun and a blank;
// - PII placeholders left by normalize ("<EMAIL>", "<URL>"): otherwise "email" and "url" would become theme terms;
// - @mentions ("@VirginAmerica"): an address, not a word.
import type { Token } from '../types.js';

/** posDetail of emoji tokens (pos 'symbol'); sentiment may read them. */
export const EMOJI_DETAIL = 'EMOJI';
/** posDetail of PII placeholder tokens (pos 'other'). */
export const PLACEHOLDER_DETAIL = 'PII';
/** posDetail of @mention tokens (pos 'other'). */
export const MENTION_DETAIL = 'MENTION';

const EMOJI = '\\p{Extended_Pictographic}(?:[\\u{1F3FB}-\\u{1F3FF}]|\\uFE0F|\\u20E3|\\u200D\\p{Extended_Pictographic})*|[\\u{1F1E6}-\\u{1F1FF}]{2}';
const PLACEHOLDER = '<[A-Z]{2,12}>';
const MENTION = '(?<![A-Za-z0-9_])@[A-Za-z0-9_]{1,30}';

/** Regex source with named groups emoji / placeholder / mention, for building a larger pattern. */
export const SPECIAL_PATTERN = `(?<emoji>${EMOJI})|(?<placeholder>${PLACEHOLDER})|(?<mention>${MENTION})`;
export const SPECIAL_SEQUENCE = new RegExp(SPECIAL_PATTERN, 'gu');
const MAYBE_SPECIAL = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}<@]/u;

/** A cheap pre-check: most sentences have no special piece and skip the split. */
export function mayHaveSpecial(text: string): boolean {
  return MAYBE_SPECIAL.test(text);
}

/** The token for a match of SPECIAL_PATTERN, by its group. */
export function specialToken(groups: Record<string, string | undefined>, surface: string, sentence: number): Token {
  if (groups.emoji !== undefined) {
    return { surface, base: surface, stem: surface, pos: 'symbol', posDetail: EMOJI_DETAIL, sentence, stop: true };
  }
  const posDetail = groups.placeholder !== undefined ? PLACEHOLDER_DETAIL : MENTION_DETAIL;
  return { surface, base: surface, stem: surface, pos: 'other', posDetail, sentence, stop: true };
}
