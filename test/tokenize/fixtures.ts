import type { Doc, Lang } from '../../src/types.js';

/** A Doc as normalize would hand it over, for tokenizer tests. */
export function makeDoc(lang: Lang, sentences: string[], id = 'doc-1'): Doc {
  return {
    id,
    sourceId: null,
    contentHash: '0'.repeat(64),
    text: sentences.join(lang === 'ja' ? '' : ' '),
    lang,
    sentences,
    piiMasked: {},
    createdAt: null,
    rating: null,
    ratingScale: null,
    channel: null,
    product: null,
    source: null,
    metadata: {},
  };
}
