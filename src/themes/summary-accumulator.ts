// Theme summaries from a stream of document chunks, for corpora too large to hold at once: exact running counts
// (size, negative share, kinds, the sum of member vectors for the centre) and a bounded, seeded sample of members
// per theme (reservoir sampling) from which quotes and labels are picked. Memory grows with themes × sampleSize,
// not with the corpus. summarizeThemes (theme-set.ts) does the same over an in-memory corpus, on every member.
//
// A step that changed few themes (a move, a merge, a small nightly run into a large store) need not read every
// member's vector and analysis: countMember takes each member's id alone, in the same order (so the samples are the
// ones addMember would keep), addFigures adds the vector, sentiment and kind of the changed themes' members, and the
// other themes keep the centre, negative share and kinds they have stored (unchanged members give unchanged figures).
import { pickQuotes } from './pick-quotes.js';
import { seededRandom, type Random } from './seeded-random.js';
import { addMemberHash } from './members-hash.js';
import { dot, normalizeVector } from './vector-math.js';
import { isLive, relabelThemes, type ThemeSet } from './theme-set.js';
import type { Theme, ThemeDoc } from './theme-types.js';

/** Members kept per theme for quotes and labels: ~1–2 MB per theme of short feedback, enough for c-TF-IDF terms. */
export const SUMMARY_SAMPLE_SIZE = 400;

interface Running {
  size: number;
  negative: number;
  kinds: Theme['kinds'];
  sum: Float64Array;
  /** Whether negative, kinds and sum were added for every member (else the theme's stored figures stand). */
  exact: boolean;
  /** Fingerprint of the counted members' ids (members-hash.ts). */
  hash: number;
  seen: number;
  /** vector is null until fillSampledVectors when the member was only counted. */
  sample: { doc: ThemeDoc; vector: Float32Array | null }[];
}

export class SummaryAccumulator {
  private readonly byTheme = new Map<string, Running>();
  private readonly random: Random;

  constructor(
    private readonly dim: number,
    seed: number,
    private readonly sampleSize = SUMMARY_SAMPLE_SIZE,
  ) {
    this.random = seededRandom(seed ^ 0x5117);
  }

  /** Adds one chunk: `vectors` holds one row per document of `docs`; documents with no primary theme are skipped. */
  add(set: ThemeSet, docs: readonly ThemeDoc[], vectors: Float32Array): void {
    docs.forEach((doc, r) => {
      const a = set.assignments.get(doc.id);
      if (a) this.addMember(a.themeId, doc, vectors, r * this.dim);
    });
  }

  /**
   * Adds one member of `themeId` whose vector starts at `offset` in `vectors`. `doc` needs only id, sentiment and
   * kind when the sampled members' full documents are filled in later (fillSampledDocs).
   */
  addMember(themeId: string, doc: ThemeDoc, vectors: Float32Array, offset: number): void {
    const slot = this.count(themeId, doc);
    if (slot) slot.vector = vectors.slice(offset, offset + this.dim);
    this.addFigures(themeId, doc, vectors, offset);
  }

  /**
   * Counts one member of `themeId` and offers it to the sample, without its vector, sentiment or kind. Every member
   * of every theme must come through here (or addMember) in one order; then addFigures for each member of a theme
   * whose stored figures no longer hold, and fillSampledVectors.
   */
  countMember(themeId: string, docId: string): void {
    this.count(themeId, { id: docId, text: '', lang: 'en', terms: [], sentiment: null, kind: null });
  }

  /** Adds one counted member's sentiment, kind and vector (at `offset` in `vectors`) to its theme's figures. */
  addFigures(themeId: string, doc: Pick<ThemeDoc, 'sentiment' | 'kind'>, vectors: Float32Array, offset: number): void {
    const run = this.byTheme.get(themeId);
    if (!run) throw new Error(`addFigures: ${themeId} has no counted member`);
    run.exact = true;
    if (doc.sentiment === 'negative') run.negative++;
    if (doc.kind) run.kinds[doc.kind] = (run.kinds[doc.kind] ?? 0) + 1;
    for (let i = 0; i < this.dim; i++) run.sum[i]! += vectors[offset + i]!;
  }

  /** Counts a member and, by reservoir sampling, maybe keeps it: returns its sample slot when kept. */
  private count(themeId: string, doc: ThemeDoc): { doc: ThemeDoc; vector: Float32Array | null } | null {
    let run = this.byTheme.get(themeId);
    if (!run) {
      run = { size: 0, negative: 0, kinds: {}, sum: new Float64Array(this.dim), exact: false, hash: 0, seen: 0, sample: [] };
      this.byTheme.set(themeId, run);
    }
    run.size++;
    run.hash = addMemberHash(run.hash, doc.id);
    // Reservoir sampling: every member has the same chance to be kept, whatever the chunk it came in.
    run.seen++;
    const slot = run.sample.length < this.sampleSize ? run.sample.length : Math.floor(this.random() * run.seen);
    if (slot >= this.sampleSize) return null;
    run.sample[slot] = { doc, vector: null };
    return run.sample[slot];
  }

  /** Themes with counted members: how many each has, and their fingerprint (members-hash.ts). */
  counted(): Map<string, { size: number; hash: number }> {
    return new Map([...this.byTheme].map(([id, run]) => [id, { size: run.size, hash: run.hash }]));
  }

  /** Ids of the members kept in the per-theme samples. */
  sampledIds(): string[] {
    const ids: string[] = [];
    for (const run of this.byTheme.values()) for (const m of run.sample) ids.push(m.doc.id);
    return ids;
  }

  /** Puts the full documents (text, terms) in place of the sampled members' stubs; a member not found is dropped. */
  fillSampledDocs(byId: ReadonlyMap<string, ThemeDoc>): void {
    for (const run of this.byTheme.values()) {
      run.sample = run.sample.flatMap((m) => {
        const doc = byId.get(m.doc.id);
        return doc ? [{ doc, vector: m.vector }] : [];
      });
    }
  }

  /** Gives the counted members kept in the samples their vectors: `vectors` has one row per id of sampledIds(). */
  fillSampledVectors(vectors: Float32Array): void {
    let row = 0;
    for (const run of this.byTheme.values()) for (const m of run.sample) m.vector = vectors.slice(row * this.dim, ++row * this.dim);
  }

  /**
   * Writes size, negative share, kinds, centre, quotes and (unless pinned) label of every live theme, as
   * summarizeThemes does (a theme whose members were only counted keeps its stored centre, negative share and
   * kinds); a theme with no member left is retired. Returns the sampled members and each live theme's
   * rows among them (for categories).
   */
  finish(set: ThemeSet, runId: number | null, quotes = 3): { docs: ThemeDoc[]; membersOf: Map<string, number[]> } {
    const dim = this.dim;
    const sampleDocs: ThemeDoc[] = [];
    const groups: number[][] = [];
    const membersOf = new Map<string, number[]>();
    for (const theme of set.themes.filter(isLive)) {
      const run = this.byTheme.get(theme.id);
      const before = theme.size;
      if (!run || run.size === 0) {
        theme.status = 'retired';
        theme.size = 0;
        theme.quotes = [];
        if (before !== 0) theme.updatedRunId = runId;
        continue;
      }
      if (run.exact) {
        theme.centroid = normalizeVector(Float32Array.from(run.sum));
        theme.shareNegative = run.negative / run.size;
        theme.kinds = run.kinds;
      } else if (theme.centroid === null || theme.centroid.length !== dim) {
        throw new Error(`theme ${theme.id}: its members were counted but it has no stored centre of ${dim} dimensions`);
      }
      const centroid = theme.centroid;
      theme.size = run.size;
      theme.membersHash = run.hash;
      const members = [...run.sample].sort((a, b) => (a.doc.id < b.doc.id ? -1 : 1));
      theme.quotes = pickQuotes(
        members.map(({ doc, vector }) => ({ doc, score: vector ? dot(vector, 0, centroid, 0, dim) : 0 })),
        quotes,
      );
      if (before !== theme.size) theme.updatedRunId = runId;
      const rows = members.map((_, i) => sampleDocs.length + i);
      groups.push(rows);
      membersOf.set(theme.id, rows);
      sampleDocs.push(...members.map((m) => m.doc));
    }
    relabelThemes(set.themes.filter(isLive), sampleDocs, groups);
    return { docs: sampleDocs, membersOf };
  }
}
