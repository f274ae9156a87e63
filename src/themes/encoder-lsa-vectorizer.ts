// The opt-in 'tfidf-lsa+encoder' vectorizer: the default space (words and bilingual concepts, TF-IDF + LSA) joined
// with a sentence encoder's vector for every document in a language the encoder knows (use-lite-en: English). The
// encoder carries what shared words miss ("my card never came" / "still waiting for the card"); the words and
// concepts keep Japanese and English feedback meeting as before, and keep labels. A document the encoder does not
// cover is placed by its words alone (its LSA part at full length).
//
// Encoding is asynchronous and slow (use-lite-en: ≈ 8–11 ms an English document on one core) and this stage is
// not, so the pipeline encodes and caches first (src/pipeline/embed-documents.ts) and hands each document its
// vector as `ThemeDoc.encoded`. Measured (docs/themes.md): Banking77 AMI 0.626 → 0.655 at 10,003 questions.
import { createHash } from 'node:crypto';
import { tfidfLsaBackend } from './tfidf-lsa-vectorizer.js';
import type { EncoderRef, ThemeDoc } from './theme-types.js';
import type { FittedVectorizer, SerializedVectorizer, VectorizerBackend } from './vectorizer.js';

export const ENCODER_LSA_BACKEND = 'tfidf-lsa+encoder';

/**
 * The encoder's share of a covered document's squared length (the LSA part has the rest). Banking77 at its test
 * split's density (40 questions an intent, two subsets) 0.562 / 0.581 with none, 0.586 / 0.602 at 0.3, 0.589 / 0.581
 * at 0.5; all 10,003 0.655 at 0.3, 0.666 at 0.5; but at 0.5 the bilingual sample lost planted issues (14 of 17 at
 * seed 42 against 15), since an English and a Japanese text then meet only through half their length.
 */
export const ENCODER_WEIGHT = 0.3;

interface EncoderLsaParams {
  /** The LSA part's parameters, as the tfidf-lsa backend stores them (dictionaryVersion stays readable at the top). */
  lsa: Record<string, unknown>;
  lsaModelId: string;
  dictionaryVersion: unknown;
  encoder: EncoderRef;
  /** Mean encoder vector of the covered documents it was fitted on: centred vectors spread over the sphere. */
  mean: number[];
  weight: number;
}

/** Where an encoder's vectors are cached in `doc_vectors`: its id names the weights, so new weights encode again. */
export function encoderVectorsId(encoder: Pick<EncoderRef, 'id'>): string {
  return `encoder:${encoder.id}`;
}

/** Whether the encoder `ref` gives `doc` a vector. */
export function encoderCovers(ref: Pick<EncoderRef, 'langs'>, doc: Pick<ThemeDoc, 'lang'>): boolean {
  return ref.langs === null || ref.langs.includes(doc.lang);
}

class EncoderLsaVectorizer implements FittedVectorizer {
  readonly backend = ENCODER_LSA_BACKEND;
  readonly modelId: string;
  readonly dim: number;

  constructor(
    private readonly lsa: FittedVectorizer,
    private readonly params: EncoderLsaParams,
  ) {
    this.dim = lsa.dim + params.encoder.dims;
    const h = createHash('sha1').update(JSON.stringify([lsa.modelId, params.encoder, params.weight, params.mean]));
    this.modelId = `${ENCODER_LSA_BACKEND}:${h.digest('hex').slice(0, 16)}`;
  }

  get encoder(): EncoderRef {
    return this.params.encoder;
  }

  features(doc: ThemeDoc): Map<string, number> {
    return this.lsa.features(doc);
  }

  featureOf(term: string): string {
    return this.lsa.featureOf?.(term) ?? term;
  }

  withoutFeatures(features: ReadonlySet<string>): FittedVectorizer {
    // The stored vectors stay what they were, and so does the id (the LSA part keeps its own, see tfidf-lsa).
    const lsa = this.lsa.withoutFeatures ? this.lsa.withoutFeatures(features) : this.lsa;
    return new EncoderLsaVectorizer(lsa, { ...this.params, lsa: lsa.serialize().params as Record<string, unknown> });
  }

  transform(docs: readonly ThemeDoc[]): Float32Array {
    const lsaDim = this.lsa.dim;
    const encDim = this.params.encoder.dims;
    const lsa = this.lsa.transform(docs);
    const out = new Float32Array(docs.length * this.dim);
    const lsaScale = Math.sqrt(1 - this.params.weight);
    const encScale = Math.sqrt(this.params.weight);
    const centred = new Float32Array(encDim);
    docs.forEach((doc, i) => {
      const o = i * this.dim;
      const encoded = this.encodedOf(doc);
      let encNorm = 0;
      if (encoded) {
        for (let j = 0; j < encDim; j++) {
          centred[j] = encoded[j]! - this.params.mean[j]!;
          encNorm += centred[j]! * centred[j]!;
        }
        encNorm = Math.sqrt(encNorm);
      }
      // The LSA row is unit length or zero; a document with both parts splits its length by the weight.
      let lsaNorm = 0;
      for (let j = 0; j < lsaDim; j++) lsaNorm += lsa[i * lsaDim + j]! * lsa[i * lsaDim + j]!;
      const both = encNorm > 0 && lsaNorm > 0;
      const ls = both ? lsaScale : 1;
      const es = encNorm > 0 ? (both ? encScale : 1) / encNorm : 0;
      for (let j = 0; j < lsaDim; j++) out[o + j] = ls * lsa[i * lsaDim + j]!;
      for (let j = 0; j < encDim; j++) out[o + lsaDim + j] = es * centred[j]!;
    });
    return out;
  }

  /** The document's encoder vector, null when the encoder does not cover its language. */
  private encodedOf(doc: ThemeDoc): Float32Array | null {
    if (!encoderCovers(this.params.encoder, doc)) return null;
    const v = doc.encoded;
    if (!v || v.length !== this.params.encoder.dims) {
      throw new Error(
        `vectorizer '${ENCODER_LSA_BACKEND}' has no ${this.params.encoder.name} vector for document ${doc.id}: encode it first ` +
          '(precomputeEncoderVectors, or koe run / koe themes rebuild with --theme-encoder)',
      );
    }
    return v;
  }

  serialize(): SerializedVectorizer {
    const lsa = this.lsa.serialize();
    return { backend: this.backend, modelId: this.modelId, params: { ...this.params, lsa: lsa.params }, data: lsa.data };
  }
}

export const encoderLsaBackend: VectorizerBackend = {
  name: ENCODER_LSA_BACKEND,
  fit(docs, options) {
    const encoder = options.encoder;
    if (!encoder) {
      throw new Error(
        `vectorizer '${ENCODER_LSA_BACKEND}' needs a sentence encoder and each document's vector from it: pass { encoder } ` +
          'and ThemeDoc.encoded (koe run --theme-encoder use-lite-en does both)',
      );
    }
    const lsa = tfidfLsaBackend.fit(docs, options);
    const mean = new Float64Array(encoder.dims);
    let covered = 0;
    for (const doc of docs) {
      if (!encoderCovers(encoder, doc) || !doc.encoded) continue;
      for (let j = 0; j < encoder.dims; j++) mean[j]! += doc.encoded[j]!;
      covered++;
    }
    const serialized = lsa.serialize();
    const params: EncoderLsaParams = {
      lsa: serialized.params as Record<string, unknown>,
      lsaModelId: lsa.modelId,
      dictionaryVersion: (serialized.params as { dictionaryVersion?: unknown }).dictionaryVersion ?? null,
      encoder: { name: encoder.name, id: encoder.id, dims: encoder.dims, langs: encoder.langs },
      mean: [...mean].map((s) => (covered > 0 ? s / covered : 0)),
      weight: ENCODER_WEIGHT,
    };
    return new EncoderLsaVectorizer(lsa, params);
  },
  load(serialized) {
    const p = serialized.params as Partial<EncoderLsaParams> | null;
    if (serialized.backend !== ENCODER_LSA_BACKEND || !p?.lsa || !p.encoder || !p.mean || p.weight === undefined || !p.lsaModelId) {
      throw new Error(`not a ${ENCODER_LSA_BACKEND} model: ${serialized.modelId}`);
    }
    const lsa = tfidfLsaBackend.load({ backend: 'tfidf-lsa', modelId: p.lsaModelId, params: p.lsa, data: serialized.data });
    return new EncoderLsaVectorizer(lsa, p as EncoderLsaParams);
  },
};

/** The encoder a fitted space of this backend reads, or null for any other space. */
export function spaceEncoder(vectorizer: FittedVectorizer): EncoderRef | null {
  return vectorizer instanceof EncoderLsaVectorizer ? vectorizer.encoder : null;
}
