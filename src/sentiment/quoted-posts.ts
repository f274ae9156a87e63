// Someone else's words inside a post: a retweet ("RT @brand: …") or a quoted post (“@brand: …”) repeats what the
// brand or another user said. The customer's opinion is what they wrote around it, so the quote is not scored.

const RETWEET = /(?:^|\s)RT\s+@\w+:?/;
const QUOTE_OPEN = /[“"]@\w+:?/;
const QUOTE_CLOSE = /[”"]/;

/**
 * The sentences of a post with quoted posts blanked out, in order and aligned with the input. A quote may span
 * sentences; a retweet runs to the end of the post.
 */
export function withoutQuotedPosts(sentences: readonly string[]): string[] {
  let inQuote = false;
  let retweet = false;
  return sentences.map((sentence) => {
    let rest = sentence;
    let kept = '';
    while (rest !== '' && !retweet) {
      if (inQuote) {
        const close = QUOTE_CLOSE.exec(rest);
        if (!close) return kept;
        rest = rest.slice(close.index + 1);
        inQuote = false;
        continue;
      }
      const rt = RETWEET.exec(rest);
      const open = QUOTE_OPEN.exec(rest);
      const first = rt && (!open || rt.index <= open.index) ? rt : open;
      if (!first) {
        kept += rest;
        break;
      }
      kept += rest.slice(0, first.index);
      rest = rest.slice(first.index + first[0].length);
      if (first === rt) retweet = true;
      else inQuote = true;
    }
    return kept;
  });
}
