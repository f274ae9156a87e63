// Hashed text features for the linear classifier: word 1–3-grams and character n-grams, sublinear TF,
// L2-normalised. Hashing (rather than a vocabulary) keeps a model a fixed size and lets new words in at predict time.
import type { Lang, Token } from '../types.js';

export interface FeatureOptions {
  /** log2 of the hashed dimension count (18 → 262,144 buckets). */
  bits: number;
  /** Seed of the feature hash: a model only works with the seed it was trained with. */
  seed: number;
  /** Character n-gram lengths for Japanese (over the whole text). */
  jaCharNgrams: [number, number];
  /** Character n-gram lengths for English and other Latin text (within words, padded with spaces). */
  enCharNgrams: [number, number];
  /** Weight of the word features relative to the character features before normalising. */
  wordWeight: number;
  /** Longest word n-gram (2: unigrams + bigrams, 3: also trigrams). Default 2. */
  wordNgrams?: number;
  /** Multiplier of the extra (non-text) features, which are added after the text part is normalised. */
  extraWeight?: number;
  /** Multiplier of the sentence-encoder vector's components, added after the text part is normalised. Default 1. */
  vectorWeight?: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  bits: 18,
  seed: 0x6b6f65,
  jaCharNgrams: [2, 4],
  enCharNgrams: [3, 5],
  wordWeight: 1.5,
  wordNgrams: 3,
};

/** What a document gives the feature extractor: text, language, and tokens when the tokenizer has run. */
export interface FeatureInput {
  text: string;
  lang: Lang;
  tokens?: readonly Token[];
  /**
   * Named numeric features that are not text (e.g. what the rules scorer said, the rating), added after the text
   * part is L2-normalised so they keep their scale whatever the document's length.
   */
  extra?: Readonly<Record<string, number>>;
  /**
   * The document's vector from a pretrained sentence encoder (src/models/sentence-encoder.ts), when the model was
   * trained with one: dense meaning that word and character n-grams cannot see (synonyms, paraphrase, tone).
   */
  vector?: ArrayLike<number>;
}

/** A sparse vector: sorted unique indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** FNV-1a over UTF-16 code units, seeded, finished with murmur3's fmix32 so nearby strings spread out. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Without tokens: words are letter/number runs; every other visible character (punctuation, emoji) is its own word.
const FALLBACK_WORD = /[\p{L}\p{N}'’]+|[^\s\p{L}\p{N}]/gu;
const WHITESPACE = /\s+/gu;

function wordsOf(input: FeatureInput): { words: string[]; charWords: string[] } {
  if (input.tokens && input.tokens.length > 0) {
    const words: string[] = [];
    const charWords: string[] = [];
    for (const t of input.tokens) {
      if (t.surface.trim() === '') continue;
      // kuromoji gives '*' as the base form of unknown words.
      const base = t.base && t.base !== '*' ? t.base : t.surface;
      words.push((input.lang === 'en' ? t.stem || base : base).toLowerCase());
      charWords.push(t.surface.toLowerCase());
    }
    return { words, charWords };
  }
  const found = input.text.toLowerCase().match(FALLBACK_WORD) ?? [];
  return { words: found, charWords: found };
}

function addCount(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The feature strings of a document with their raw counts (before hashing). Exposed for tests and debugging. */
export function featureCounts(input: FeatureInput, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): Map<string, number> {
  const counts = new Map<string, number>();
  const { words, charWords } = wordsOf(input);
  for (let i = 0; i < words.length; i++) {
    addCount(counts, `w ${words[i]}`);
    if (i > 0) addCount(counts, `b ${words[i - 1]} ${words[i]}`);
    if (i > 1 && (options.wordNgrams ?? 2) >= 3) addCount(counts, `t ${words[i - 2]} ${words[i - 1]} ${words[i]}`);
  }
  if (input.lang === 'ja') {
    // Japanese has no spaces: n-grams over the whole text catch words the tokenizer split oddly.
    const text = input.text.toLowerCase().replace(WHITESPACE, ' ');
    const chars = Array.from(text);
    const [lo, hi] = options.jaCharNgrams;
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= chars.length; i++) addCount(counts, `c${chars.slice(i, i + n).join('')}`);
    }
  } else {
    const [lo, hi] = options.enCharNgrams;
    for (const w of charWords) {
      const chars = Array.from(` ${w} `);
      for (let n = lo; n <= hi; n++) {
        for (let i = 0; i + n <= chars.length; i++) addCount(counts, `c${chars.slice(i, i + n).join('')}`);
      }
    }
  }
  return counts;
}

/**
 * Hashes a document into a sparse vector: each feature string goes to a bucket with a sign (signed hashing keeps
 * collisions from adding up), its count becomes 1 + ln(count), word features are scaled by `wordWeight`, then the
 * vector is L2-normalised.
 */
export function extractFeatures(input: FeatureInput, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): SparseVector {
  const mask = (1 << options.bits) - 1;
  const buckets = new Map<number, number>();
  for (const [feature, count] of featureCounts(input, options)) {
    const h = hashString(feature, options.seed);
    const sign = h & 0x80000000 ? -1 : 1;
    const weight = feature.charCodeAt(0) === 0x63 /* 'c' */ ? 1 : options.wordWeight;
    const index = h & mask;
    buckets.set(index, (buckets.get(index) ?? 0) + sign * weight * (1 + Math.log(count)));
  }
  const indices = Int32Array.from(buckets.keys()).sort();
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let i = 0; i < indices.length; i++) {
    const v = buckets.get(indices[i] as number) ?? 0;
    values[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
  if (!input.extra && !input.vector) return { indices, values };
  const merged = new Map<number, number>();
  indices.forEach((index, i) => merged.set(index, values[i] as number));
  const addNamed = (name: string, value: number): void => {
    if (value === 0 || !Number.isFinite(value)) return;
    const h = hashString(name, options.seed);
    const index = h & mask;
    merged.set(index, (merged.get(index) ?? 0) + (h & 0x80000000 ? -1 : 1) * value);
  };
  const extraWeight = options.extraWeight ?? 1;
  for (const [name, value] of Object.entries(input.extra ?? {})) addNamed(`x${name}`, extraWeight * value);
  if (input.vector) {
    const vectorWeight = options.vectorWeight ?? 1;
    for (let i = 0; i < input.vector.length; i++) addNamed(`v${i}`, vectorWeight * (input.vector[i] as number));
  }
  const allIndices = Int32Array.from(merged.keys()).sort();
  return { indices: allIndices, values: Float32Array.from(allIndices, (i) => merged.get(i) ?? 0) };
}
