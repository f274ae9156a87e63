// Builds tokenized docs from plain text the way the pipeline does (normalize → tokenize), for sentiment tests.
import { normalizeFeedback } from '../../src/normalize/index.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import type { TokenizedDoc } from '../../src/types.js';

let tokenizer: Promise<DocTokenizer> | undefined;

export async function makeDoc(text: string): Promise<TokenizedDoc> {
  tokenizer ??= createTokenizer();
  const doc = normalizeFeedback({
    file: 'test.jsonl', line: 1, sourceId: null, text, createdAt: null, rating: null, ratingScale: null,
    channel: null, product: null, source: null, metadata: {},
  });
  return (await tokenizer).tokenize(doc);
}
