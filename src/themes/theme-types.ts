// The records of the theme stage. The stage is pure: the store loads these, the stage returns new ones.
import type { FeedbackKind, Lang, SentimentLabel } from '../types.js';

/** What theme discovery needs of one analysed document. */
export interface ThemeDoc {
  id: string;
  text: string;
  lang: Lang;
  /** Content terms from the tokenizer (TokenizedDoc.terms). */
  terms: readonly string[];
  sentiment: SentimentLabel | null;
  kind: FeedbackKind | null;
  /** When the customer wrote it (ISO 8601, UTC), when known: emerging parts of a theme are told by it. */
  createdAt?: string | null;
  /**
   * The document's vector from a sentence encoder, for the 'tfidf-lsa+encoder' space (encoder-lsa-vectorizer.ts);
   * absent for every other space and for documents in languages the encoder does not cover.
   */
  encoded?: Float32Array;
}

/** What a theme space records of the sentence encoder it reads (models/sentence-encoder.ts gives one). */
export interface EncoderRef {
  /** A built-in name (use-lite-en) or a local model directory. */
  name: string;
  /** Identity of the weights: vectors of another id are not comparable. */
  id: string;
  dims: number;
  /** Languages it gives vectors for (null: any). */
  langs: Lang[] | null;
}

export type ThemeStatus = 'active' | 'ignored' | 'merged' | 'retired';

export interface Theme {
  id: string;
  label: string;
  labelJa: string | null;
  labelEn: string | null;
  terms: string[];
  categoryId: string | null;
  status: ThemeStatus;
  mergedInto: string | null;
  size: number;
  shareNegative: number;
  kinds: Partial<Record<FeedbackKind, number>>;
  /** Ids of the most central documents, best first. */
  quotes: string[];
  centroid: Float32Array | null;
  /**
   * The members centroid, shareNegative and kinds were computed from (themes/members-hash.ts; with `size`), so a step
   * at size can keep a theme no change reached; null or absent when not known.
   */
  membersHash?: number | null;
  /**
   * The length of the sum of those members' vectors (centroid × centroidNorm is the sum), so a step that only added
   * members can add their vectors to it; null or absent when not known.
   */
  centroidNorm?: number | null;
  /** True when a person fixed the label (rename / pin): discovery never overwrites it. */
  labelPinned: boolean;
  createdRunId: number | null;
  updatedRunId: number | null;
}

export interface ThemeCategory {
  id: string;
  label: string;
}

export interface ThemeAssignment {
  docId: string;
  themeId: string;
  /** Cosine similarity to the theme centre. */
  score: number;
}

export type CurationAction =
  | { action: 'rename'; themeId: string; label: string }
  | { action: 'pin'; themeId: string; label?: string }
  | { action: 'unpin'; themeId: string }
  | { action: 'merge'; themeId: string; from: string[] }
  /** `parts`: the documents each child took (child id → document ids), so a rebuild can restore the split. */
  | { action: 'split'; themeId: string; into?: string[]; parts?: Record<string, string[]> }
  /** One document to another theme (`themeId` is where it goes; `from` where it was, for the record). */
  | { action: 'move'; themeId: string; docId: string; from?: string | null }
  | { action: 'ignore'; themeId: string }
  | { action: 'unignore'; themeId: string };

export type ThemeChangeKind = 'appeared' | 'grew' | 'shrank' | 'merged' | 'retired' | 'split';

export interface ThemeChange {
  themeId: string;
  change: ThemeChangeKind;
  sizeBefore: number;
  sizeAfter: number;
}

export interface ThemeOptions {
  /** Desired number of themes; automatic when absent. */
  themes?: number;
  seed?: number;
  /** Vectorizer backend name (see VECTORIZERS). */
  vectorizer?: string;
  /** LSA dimensions. */
  dimensions?: number;
  /** Neighbours per document in the similarity graph. */
  neighbours?: number;
  /** Louvain resolution: higher gives more, smaller themes. */
  resolution?: number;
  /**
   * Exponent p of the similarity graph's edge weights s^p: higher cuts finer. From the graph's own similarities when
   * absent (themes/graph-sharpening.ts: 6 on short feedback, about 2.2 on news paragraphs).
   */
  sharpening?: number;
  /** Smallest theme; smaller communities are dissolved into their nearest theme. */
  minThemeSize?: number;
  /** A document joins a theme when its cosine similarity to the theme centre is at least this. */
  assignThreshold?: number;
  /**
   * Most documents the vectorizer is fitted on and clustered at once (default 30,000); a larger corpus is fitted and
   * clustered on a seeded sample of this size, and its other documents join their nearest theme.
   */
  clusterSample?: number;
  /** Two themes whose centres have at least this cosine are one issue and are merged (0.8; above 1 turns it off). */
  mergeSimilarity?: number;
  /**
   * A part of a theme that surges while the rest does not (koe emerging's test) becomes a theme of its own
   * (themes/emerging-split.ts); default true.
   */
  emergingSplit?: boolean;
  /**
   * Requests (or questions) whose centre is unlike the problems they were clustered with (cosine below 0.2) become a
   * theme of their own (themes/kind-split.ts); default true.
   */
  kindSplit?: boolean;
}
