// Builds TokenizedDocs for the classify tests from a text (real kuromoji / English tokenizer), and sentiment results
// of a chosen polarity.
import type { Doc, Lang, RatingScale, SentimentLabel, SentimentResult, TokenizedDoc } from '../../src/types.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';

let tokenizer: Promise<DocTokenizer> | undefined;
/** One tokenizer per test worker: kuromoji takes ~0.4 s to load. */
export function sharedTokenizer(): Promise<DocTokenizer> {
  tokenizer ??= createTokenizer();
  return tokenizer;
}

export async function tokenizedDoc(text: string, options: DocOptions = {}): Promise<TokenizedDoc> {
  return (await sharedTokenizer()).tokenize(makeDoc(text, options));
}

export function langOf(text: string): Lang {
  return /[\u3040-\u30ff\u4e00-\u9fff]/.test(text) ? 'ja' : 'en';
}

export interface DocOptions {
  lang?: Lang;
  rating?: number;
  ratingScale?: RatingScale;
  channel?: string;
}

export function makeDoc(text: string, options: DocOptions = {}): Doc {
  const normalized = text.normalize('NFKC');
  const lang = options.lang ?? langOf(normalized);
  return {
    id: normalized,
    sourceId: null,
    contentHash: '',
    text: normalized,
    lang,
    sentences: normalized.split(/(?<=[。.!?])\s*/).filter((s) => s !== ''),
    piiMasked: {},
    createdAt: null,
    rating: options.rating ?? null,
    ratingScale: options.ratingScale ?? (options.rating === undefined ? null : 'stars'),
    channel: options.channel ?? null,
    product: null,
    source: null,
    metadata: {},
  };
}

/** A document with no tokens: regex cues only. */
export function untokenized(text: string, options: DocOptions = {}): TokenizedDoc {
  return { ...makeDoc(text, options), tokens: [], terms: [] };
}

export function sentimentOf(label: SentimentLabel, score = label === 'positive' ? 0.6 : label === 'negative' ? -0.6 : 0): SentimentResult {
  return { label, score, confidence: label === 'neutral' ? 0.3 : 0.7, sentences: [score], model: 'test' };
}

export const NEUTRAL = sentimentOf('neutral');
