// The default vectorizer: content terms and shared concept ids, weighted by sublinear TF × IDF, reduced by a seeded
// randomized SVD (LSA) and scaled to unit length. LSA lets "card never arrived" and "still waiting for my card"
// meet through co-occurring words; concept ids let ログイン and "log in" meet across languages.
import { createHash } from 'node:crypto';
import { englishWords, loadConceptDictionary, matchConcepts, stemWord, type ConceptDictionary } from './concept-dictionary.js';
import { randomizedSvd } from './randomized-svd.js';
import { sparseFromRows, sparseTimesDense } from './sparse-matrix.js';
import { normalizeRows } from './vector-math.js';
import type { ThemeDoc } from './theme-types.js';
import type { FittedVectorizer, SerializedVectorizer, VectorizerBackend } from './vectorizer.js';

export const CONCEPT_PREFIX = '§';

interface TfidfLsaParams {
  vocabulary: string[];
  idf: number[];
  rank: number;
  conceptBoost: number;
  /**
   * Terms up to which a document's concepts get the whole boost; a longer document's boost shrinks in proportion
   * (see CONCEPT_BOOST_LENGTH). Absent in models fitted before it existed: the whole boost for every length.
   */
  conceptBoostLength?: number;
  dictionaryVersion: string;
  /**
   * The id of the space as fitted, kept when words were erased from it (withoutFeatures, koe forget): the vectors
   * of every stored document are the same. Absent: the id is the hash of the parameters and components.
   */
  id?: string;
}

// More dimensions keep more distinctions (Banking77: AMI 0.605 at 100, 0.617 at 200) but cost time in proportion;
// large corpora use fewer so that 100k documents stay within the time budget. A corpus of a few hundred documents
// has too few to fill 200: its LSA then barely reduces anything, and documents meet only on shared words. Below
// SMALL_CORPUS the rank is a tenth of the documents (at least MIN_DIMENSIONS). Measured on subsets of the labelled
// sets (`eval-themes --per-group N --group-offset K`, AMI averaged over five starts), 200 → a tenth: livedoor at 270
// articles 0.360 / 0.336 → 0.390 / 0.422 (two subsets), at 540 0.366 / 0.426 → 0.441 / 0.479; Banking77 at 539
// questions (7 per intent) 0.406 → 0.450 (9–10 themes for 77 intents → 14–15); at 1,000 the two agree
// (Banking77 at 1,001 questions 0.500 at 200, 0.507 at 100; livedoor at 1,080 0.469 / 0.473 at 200, 0.483 / 0.482 at
// 100), so the switch costs nothing there. Above it a tenth did not help: livedoor's 1,350 read 0.492 at 135 against
// 0.508 at 200, the sample 12.0 planted issues (mean of seeds 1–4) at 153 against 12.8.
const SMALL_CORPUS = 1_000;
const MIN_DIMENSIONS = 20;
export function defaultDimensions(docCount: number): number {
  if (docCount < SMALL_CORPUS) return Math.max(MIN_DIMENSIONS, Math.round(docCount / 10));
  return docCount <= 20_000 ? 200 : 100;
}
const CONCEPT_BOOST = 1.5;
/**
 * A concept stands for every word that says it (端末, 機種, 携帯 → device), so in a short text it is most of what
 * two texts share, and its boost lets ja and en feedback meet. A long text has many words of its own; there the
 * boosted concepts, broad and matched anywhere in the text, outweigh them and pull texts about different things
 * together (livedoor news, 34 terms per article: AMI 0.42 with the whole boost, 0.45 with it spread over length).
 * Feedback (Banking77, the sample: 90% of texts have 14 terms or fewer) keeps the whole boost.
 */
export const CONCEPT_BOOST_LENGTH = 20;
const MAX_FEATURES = 60_000;

/** English terms match by Porter stem ("arrived", "arrival" → "arriv"); Japanese base forms are kept as they are. */
export function featureTerm(term: string): string {
  if (!/[a-zA-Z]/.test(term)) return term;
  return englishWords(term).map(stemWord).join(' ') || term;
}

/** Raw feature counts of a document: its terms (concept variants replaced by their concept) and its concepts. */
export function documentFeatures(doc: ThemeDoc, dictionary: ConceptDictionary): Map<string, number> {
  const { concepts, coveredTerms } = matchConcepts(dictionary, doc.text, doc.terms, doc.lang);
  const counts = new Map<string, number>();
  for (const term of doc.terms) {
    if (coveredTerms.has(term)) continue;
    const t = featureTerm(term);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const [id, c] of concepts) counts.set(CONCEPT_PREFIX + id, c);
  return counts;
}

class TfidfLsaVectorizer implements FittedVectorizer {
  readonly backend = 'tfidf-lsa';
  readonly modelId: string;
  readonly dim: number;
  private readonly index: Map<string, number>;

  constructor(
    private readonly params: TfidfLsaParams,
    private readonly components: Float32Array,
    private readonly dictionary: ConceptDictionary,
  ) {
    this.dim = params.rank;
    this.index = new Map(params.vocabulary.map((t, i) => [t, i]));
    const h = createHash('sha1');
    h.update(JSON.stringify([params.vocabulary, params.idf, params.rank, params.conceptBoost, params.conceptBoostLength, params.dictionaryVersion]));
    h.update(new Uint8Array(components.buffer, components.byteOffset, components.byteLength));
    this.modelId = params.id ?? `tfidf-lsa:${h.digest('hex').slice(0, 16)}`;
  }

  withoutFeatures(features: ReadonlySet<string>): FittedVectorizer {
    const keep = this.params.vocabulary.map((_, i) => i).filter((i) => !features.has(this.params.vocabulary[i]!));
    const components = new Float32Array(keep.length * this.dim);
    keep.forEach((i, r) => components.set(this.components.subarray(i * this.dim, (i + 1) * this.dim), r * this.dim));
    const params: TfidfLsaParams = {
      ...this.params,
      vocabulary: keep.map((i) => this.params.vocabulary[i]!),
      idf: keep.map((i) => this.params.idf[i]!),
      id: this.modelId,
    };
    return new TfidfLsaVectorizer(params, components, this.dictionary);
  }

  featureOf(term: string): string {
    return featureTerm(term);
  }

  features(doc: ThemeDoc): Map<string, number> {
    return weightRow(documentFeatures(doc, this.dictionary), this.index, this.params, true);
  }

  transform(docs: readonly ThemeDoc[]): Float32Array {
    const rows = docs.map((d) => weightRowIndexed(documentFeatures(d, this.dictionary), this.index, this.params));
    const x = sparseFromRows(rows, this.params.vocabulary.length);
    const out = sparseTimesDense(x, this.components, this.dim);
    normalizeRows(out, this.dim);
    return out;
  }

  serialize(): SerializedVectorizer {
    return { backend: this.backend, modelId: this.modelId, params: this.params, data: this.components };
  }
}

function weightOf(feature: string, count: number, idf: number, conceptBoost: number): number {
  return (1 + Math.log(count)) * idf * (feature.startsWith(CONCEPT_PREFIX) ? conceptBoost : 1);
}

/** The concept boost of one document: whole up to conceptBoostLength terms, then shrinking with its length. */
function documentConceptBoost(counts: Map<string, number>, params: TfidfLsaParams): number {
  if (!params.conceptBoostLength) return params.conceptBoost;
  let length = 0;
  for (const c of counts.values()) length += c;
  return length <= params.conceptBoostLength ? params.conceptBoost : (params.conceptBoost * params.conceptBoostLength) / length;
}

function weightRowIndexed(counts: Map<string, number>, index: Map<string, number>, params: TfidfLsaParams): Map<number, number> {
  const row = new Map<number, number>();
  let norm = 0;
  const conceptBoost = documentConceptBoost(counts, params);
  for (const [f, c] of counts) {
    const i = index.get(f);
    if (i === undefined) continue;
    const w = weightOf(f, c, params.idf[i]!, conceptBoost);
    row.set(i, w);
    norm += w * w;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (const [i, w] of row) row.set(i, w * inv);
  }
  return row;
}

function weightRow(counts: Map<string, number>, index: Map<string, number>, params: TfidfLsaParams, _named: true): Map<string, number> {
  const row = new Map<string, number>();
  const conceptBoost = documentConceptBoost(counts, params);
  for (const [f, c] of counts) {
    const i = index.get(f);
    if (i !== undefined) row.set(f, weightOf(f, c, params.idf[i]!, conceptBoost));
  }
  return row;
}

export const tfidfLsaBackend: VectorizerBackend = {
  name: 'tfidf-lsa',
  fit(docs, options) {
    const dictionary = loadConceptDictionary();
    const n = docs.length;
    const featureCounts = docs.map((d) => documentFeatures(d, dictionary));
    const df = new Map<string, number>();
    for (const counts of featureCounts) for (const f of counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    // Words seen once cannot link two documents; words in most documents cannot tell themes apart.
    const minDf = n >= 200 ? 2 : 1;
    const maxDf = n >= 50 ? Math.max(2, Math.floor(n * 0.5)) : n;
    const vocabulary = [...df.entries()]
      .filter(([, d]) => d >= minDf && d <= maxDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_FEATURES)
      .map(([f]) => f);
    const idf = vocabulary.map((f) => Math.log((1 + n) / (1 + df.get(f)!)) + 1);
    const rank = Math.max(1, Math.min(options.dimensions ?? defaultDimensions(n), vocabulary.length - 1, n - 1));
    const params: TfidfLsaParams = { vocabulary, idf, rank, conceptBoost: CONCEPT_BOOST, conceptBoostLength: CONCEPT_BOOST_LENGTH, dictionaryVersion: dictionary.version };
    const index = new Map(vocabulary.map((t, i) => [t, i]));
    const x = sparseFromRows(
      featureCounts.map((c) => weightRowIndexed(c, index, params)),
      vocabulary.length,
    );
    let components: Float32Array;
    if (vocabulary.length === 0) components = new Float32Array(0);
    else {
      // Large corpora have a clear spectrum already: one power iteration is enough and halves the cost.
      const svd = randomizedSvd(x, { rank, seed: options.seed, powerIterations: n > 20_000 ? 1 : 2 });
      components = svd.components;
      params.rank = svd.rank;
    }
    return new TfidfLsaVectorizer(params, components, dictionary);
  },
  load(serialized) {
    if (serialized.backend !== 'tfidf-lsa' || !serialized.data) throw new Error(`not a tfidf-lsa model: ${serialized.modelId}`);
    return new TfidfLsaVectorizer(serialized.params as TfidfLsaParams, serialized.data, loadConceptDictionary());
  },
};
