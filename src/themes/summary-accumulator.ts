// Theme summaries from a stream of document chunks, for corpora too large to hold at once: exact running counts
// (size, negative share, kinds, the sum of member vectors for the centre) and a bounded, seeded sample of members
// per theme from which quotes and labels are picked: the members with the lowest seeded hash of their id (a bottom-k
// sample: uniform, whatever the order members come in, and a member more or less changes it by at most one, so a
// theme's quotes and label do not churn when a person moves one document or a night adds a few). Memory grows with
// themes × sampleSize, not with the corpus. summarizeThemes (theme-set.ts) does the same over an in-memory corpus, on
// every member.
//
// A step that changed few themes (a move, a merge, a small nightly run into a large store) need not read every
// member's vector and analysis: countMember takes each member's id alone (the samples are the ones addMember would
// keep), addFigures adds the vector, sentiment and kind of the changed themes' members, and the other themes keep
// the centre, negative share and kinds they have stored (unchanged members give unchanged figures). A theme whose
// members changed only by new and re-analysed documents starts from its stored figures (addStoredFigures), takes out
// what the departed members had added (subtractFigures) and adds the pending members' (addFigures).
import { pickQuotes } from './pick-quotes.js';
import { hashString } from './seeded-random.js';
import { withMemberHash } from './members-hash.js';
import { dot, normalizeVector, vectorNorm } from './vector-math.js';
import { isLive, relabelThemes, type ThemeSet } from './theme-set.js';
import type { Theme, ThemeDoc } from './theme-types.js';

/** Members kept per theme for quotes and labels: ~1–2 MB per theme of short feedback, enough for c-TF-IDF terms. */
export const SUMMARY_SAMPLE_SIZE = 400;

interface Sampled {
  doc: ThemeDoc;
  vector: Float32Array | null;
  priority: number;
}

interface Running {
  size: number;
  negative: number;
  kinds: Theme['kinds'];
  sum: Float64Array;
  /** Whether negative, kinds and sum were added for every member (else the theme's stored figures stand). */
  exact: boolean;
  /** Fingerprint of the counted members' ids (members-hash.ts). */
  hash: number;
  /** The kept members, a max-heap on priority; vector is null until fillSampledVectors when only counted. */
  sample: Sampled[];
}

export class SummaryAccumulator {
  private readonly byTheme = new Map<string, Running>();

  constructor(
    private readonly dim: number,
    private readonly seed: number,
    private readonly sampleSize = SUMMARY_SAMPLE_SIZE,
  ) {}

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
    const slot = this.count(themeId, doc.id, doc);
    if (slot) slot.vector = vectors.slice(offset, offset + this.dim);
    this.addFigures(themeId, doc, vectors, offset);
  }

  /**
   * Counts one member of `themeId` and offers it to the sample, without its vector, sentiment or kind. Every member
   * of every theme must come through here (or addMember); then addFigures for each member of a theme whose stored
   * figures no longer hold, and fillSampledVectors.
   */
  countMember(themeId: string, docId: string): void {
    this.count(themeId, docId, null);
  }

  /**
   * Starts a counted theme's figures from those stored for the `size` members it had (their centre's direction and
   * length: the sum of their vectors, their negative share and kinds); subtractFigures then takes out each member
   * that departed (with what it had added, recorded before it changed) and addFigures adds each pending one. Its
   * fingerprint must say that the counted members are exactly those.
   */
  addStoredFigures(themeId: string, stored: { size: number; centroid: Float32Array; centroidNorm: number; shareNegative: number; kinds: Theme['kinds'] }): void {
    const run = this.byTheme.get(themeId);
    if (!run) throw new Error(`addStoredFigures: ${themeId} has no counted member`);
    if (run.exact) throw new Error(`addStoredFigures: ${themeId} has figures already`);
    if (stored.centroid.length !== this.dim) throw new Error(`addStoredFigures: ${themeId} has no stored centre of ${this.dim} dimensions`);
    run.exact = true;
    run.negative = Math.round(stored.shareNegative * stored.size);
    run.kinds = { ...stored.kinds };
    for (let i = 0; i < this.dim; i++) run.sum[i] = stored.centroid[i]! * stored.centroidNorm;
  }

  /**
   * Takes out of a theme's figures (started with addStoredFigures) what a member that left them had added: one that
   * was analysed again (its new figures come back with addFigures) or left the theme.
   */
  subtractFigures(themeId: string, doc: Pick<ThemeDoc, 'sentiment' | 'kind'>, vector: Float32Array): void {
    const run = this.byTheme.get(themeId);
    if (!run?.exact) throw new Error(`subtractFigures: ${themeId} has no figures to take from`);
    this.changeFigures(run, doc, vector, 0, -1);
  }

  /** Adds one counted member's sentiment, kind and vector (at `offset` in `vectors`) to its theme's figures. */
  addFigures(themeId: string, doc: Pick<ThemeDoc, 'sentiment' | 'kind'>, vectors: Float32Array, offset: number): void {
    const run = this.byTheme.get(themeId);
    if (!run) throw new Error(`addFigures: ${themeId} has no counted member`);
    run.exact = true;
    this.changeFigures(run, doc, vectors, offset, 1);
  }

  /** One member's figures added to (sign 1) or taken from (sign -1) a theme's; a kind none has left is dropped. */
  private changeFigures(run: Running, doc: Pick<ThemeDoc, 'sentiment' | 'kind'>, vectors: Float32Array, offset: number, sign: 1 | -1): void {
    if (doc.sentiment === 'negative') run.negative += sign;
    if (doc.kind) {
      const n = (run.kinds[doc.kind] ?? 0) + sign;
      if (n > 0) run.kinds[doc.kind] = n;
      else delete run.kinds[doc.kind];
    }
    for (let i = 0; i < this.dim; i++) run.sum[i]! += sign * vectors[offset + i]!;
  }

  /**
   * Counts a member and keeps it when its priority is among the sampleSize lowest (the sample is a max-heap on
   * priority: its root is the next one out); returns its sample slot then. `doc` null: a stub with the id alone.
   */
  private count(themeId: string, docId: string, doc: ThemeDoc | null): Sampled | null {
    let run = this.byTheme.get(themeId);
    if (!run) {
      run = { size: 0, negative: 0, kinds: {}, sum: new Float64Array(this.dim), exact: false, hash: 0, sample: [] };
      this.byTheme.set(themeId, run);
    }
    run.size++;
    const idHash = hashString(docId);
    run.hash = withMemberHash(run.hash, idHash);
    const priority = samplePriority(this.seed, idHash);
    const heap = run.sample;
    if (heap.length >= this.sampleSize && !before(priority, docId, heap[0]!)) return null;
    const kept: Sampled = { doc: doc ?? { id: docId, text: '', lang: 'en', terms: [], sentiment: null, kind: null }, vector: null, priority };
    if (heap.length < this.sampleSize) {
      heap.push(kept);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!before(heap[parent]!.priority, heap[parent]!.doc.id, heap[i]!)) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
      return kept;
    }
    heap[0] = kept;
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let top = i;
      if (l < heap.length && before(heap[top]!.priority, heap[top]!.doc.id, heap[l]!)) top = l;
      if (r < heap.length && before(heap[top]!.priority, heap[top]!.doc.id, heap[r]!)) top = r;
      if (top === i) break;
      [heap[top], heap[i]] = [heap[i]!, heap[top]!];
      i = top;
    }
    return kept;
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
        return doc ? [{ ...m, doc }] : [];
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
        theme.centroidNorm = vectorNorm(run.sum);
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

/** A member's place in its theme's sample: its id's hash, seeded and mixed (murmur3's finalizer). */
function samplePriority(seed: number, idHash: number): number {
  let h = (idHash ^ Math.imul(seed ^ 0x5117, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Whether a member of this priority and id comes before `b` (lower priority first; the id breaks a tie). */
function before(priority: number, id: string, b: Sampled): boolean {
  return priority < b.priority || (priority === b.priority && id < b.doc.id);
}
