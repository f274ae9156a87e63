// The incremental theme step at size (more analysed documents than clusterSample, a stored space and live themes):
// its cost follows the pending documents, and its memory neither (assignments stay in the store, read and written
// in chunks). (1) Pending documents with no cached vector (none themed provisionally) are projected and given their
// nearest theme; (2) new themes are discovered among the pending documents no theme took (at most clusterSample of
// them clustered, the rest assigned to the new themes), as a nightly incremental run does; (2b) an emerging part of
// a theme becomes a theme of its own when the step brings documents (emerging-themes-at-size.ts: counts by the date
// index, only emerging themes read); (3) curation is replayed; (4) one streamed pass over every primary assignment
// with its cached vector gives each theme's size, negative share, kinds and centre (running counts) and its quotes
// and label (400-member samples); (5) the pending documents are scored against their theme's centre and get their
// secondary themes. When the members to read hold less than REREAD_ALL_SHARE of all members, step 4 reads every
// member's id alone; a theme whose members are the stored ones less those that departed (analysed again, or gone:
// recorded with what they had added, theme_departures) and plus its pending members is brought up to date from its
// stored figures, reading its pending members alone; a theme any other change reached (members moved in or out) is
// read whole; the others keep their figures.
// Steps 2–5 are one transaction: a step killed half-way leaves the themes of the step before, and the provisional
// themes of the batches.
import type { Db } from '../store/open-store.js';
import {
  loadThemeDocsByIds,
  saveThemeChanges,
  saveThemeRows,
  markThemeStepDone,
  type StoredThemeDoc,
} from '../store/theme-repository.js';
import {
  countPendingThemeDocs,
  departures,
  hasPrimaryMembers,
  loadPrimaries,
  loadRunThemeChanges,
  loadVectorRows,
  moveMembers,
  pendingDocsWithoutVector,
  pendingPrimaries,
  pendingPrimaryMembers,
  primaryAssignmentChunks,
  primaryMemberChunks,
  replaceSecondary,
  setPrimary,
  setPrimaryScore,
  themeMembers,
  unthemedPendingDocs,
  type Departure,
} from '../store/theme-step-repository.js';
import {
  categorizeThemes,
  discoverClusters,
  isLive,
  sampleRows,
  type CurationAction,
  type FittedVectorizer,
  type ResolvedThemeOptions,
  type ThemeChange,
  type ThemeSet,
} from '../themes/index.js';
import type { Theme } from '../themes/theme-types.js';
import { nearest } from '../themes/discover-clusters.js';
import { addMemberHash, withMemberHash } from '../themes/members-hash.js';
import { SummaryAccumulator } from '../themes/summary-accumulator.js';
import { newTheme, nextThemeId } from '../themes/theme-set.js';
import { clusterOptionsOf, stanceOfKind, stanceOptions, themeChanges, withKindParts } from '../themes/update-theme-set.js';
import { nearestThemeAssigner, scoreAndFindSecondary } from './provisional-themes.js';
import { curatedDocIds, replayCurationStored, STREAM_CHUNK } from './stream-themes.js';
import { splitEmergingStored } from './emerging-themes-at-size.js';

export interface IncrementalStep {
  set: ThemeSet;
  changes: ThemeChange[];
  documents: number;
  unthemed: number;
  /** Pending documents this step finished (provisionally themed or not). */
  pending: number;
  /** Pending documents no theme took, among which new themes were looked for. */
  discovered: number;
  /**
   * Live themes whose members the summary read again, those brought up to date from their stored figures (members
   * that joined added, members analysed again or gone taken out), of all live themes; the others kept theirs.
   */
  reread: { themes: number; fromStored: number; of: number };
  vectorsComputed: number;
  timings: { vectorize: number; themes: number; write: number };
  /** Milliseconds of the themes part: discovery, curation replay, the summary pass, rescoring what it placed. */
  parts: { discover: number; curation: number; summary: number; rescore: number };
}

export function updateThemesIncrementally(
  db: Db,
  input: {
    vectorizer: FittedVectorizer;
    previous: ThemeSet;
    curation: readonly CurationAction[];
    curationUpToId: number;
    runId: number | null;
    documents: number;
    options: ResolvedThemeOptions;
  },
): IncrementalStep {
  const { vectorizer, previous, options } = input;
  const dim = vectorizer.dim;
  const t0 = performance.now();
  const sizeBefore = new Map(previous.themes.map((t) => [t.id, isLive(t) ? t.size : 0]));
  const statusBefore = new Map(previous.themes.map((t) => [t.id, t.status]));
  // An early theme step of this run already recorded changes: report against the run's start instead.
  for (const [id, c] of input.runId === null ? [] : loadRunThemeChanges(db, input.runId)) {
    if (c.change === 'appeared') sizeBefore.delete(id);
    else sizeBefore.set(id, c.sizeBefore);
  }
  const previousCategory = new Map(previous.themes.map((t) => [t.id, t.categoryId]));
  // What each theme's stored figures were computed from, before this step changes anything.
  const stored = new Map<string, StoredFigures>(
    previous.themes.map((t) => [
      t.id,
      { size: t.size, hash: t.membersHash ?? null, centroid: t.centroid, centroidNorm: t.centroidNorm ?? null, shareNegative: t.shareNegative, kinds: { ...t.kinds } },
    ]),
  );

  // What re-analysed members had added to their themes' stored figures, before this step writes any theme row.
  const departed = departuresByTheme(db);

  // (1) Pending documents no batch themed (written before the space existed, or changed): as a batch would.
  const liveBefore = previous.themes.filter((t) => isLive(t) && t.centroid !== null && t.centroid.length === dim);
  const assigner = nearestThemeAssigner(db, vectorizer, liveBefore, options.assignThreshold);
  let vectorsComputed = 0;
  for (let after = ''; ; ) {
    const docs = pendingDocsWithoutVector(db, vectorizer.modelId, after, STREAM_CHUNK);
    if (docs.length === 0) break;
    db.transaction(() => assigner.assign(docs))();
    vectorsComputed += docs.length;
    after = docs[docs.length - 1]!.id;
  }
  const t1 = performance.now();

  let result: IncrementalStep | null = null;
  const timings = { discover: 0, curation: 0, summary: 0, rescore: 0 };
  db.transaction(() => {
    const set: ThemeSet = { themes: previous.themes, assignments: new Map(), categories: previous.categories, secondary: new Map() };
    const pending = countPendingThemeDocs(db);

    // (2) New themes among the pending documents no theme took, clustered on at most clusterSample of them.
    const unthemedDocs = unthemedPendingDocs(db);
    const unthemed = unthemedDocs.map((d) => d.id);
    const toCluster = sampleRows(unthemed.map((_, i) => i), options.clusterSample, options.seed).map((i) => unthemedDocs[i]!);
    const sampled = toCluster.map((d) => d.id);
    const sampleVectors = loadVectorRows(db, vectorizer.modelId, sampled, dim);
    // Praise apart from problems when the stance follows the text, as in every other theme step (stanceOfKind).
    const discovered = discoverClusters(sampleVectors, dim, sampled.map((_, i) => i), { ...clusterOptionsOf(options), ...stanceOptions(toCluster) });
    // Requests (or questions) unlike the problems they were clustered with are a theme of their own (kind-split.ts).
    const found = withKindParts(discovered, sampleVectors, dim, toCluster, options);
    const stances = found.stances;
    const give = setPrimary(db);
    const newIds = found.members.map(() => {
      const theme = newTheme(nextThemeId(set.themes), input.runId);
      set.themes.push(theme);
      return theme.id;
    });
    if (newIds.length > 0) saveThemeRows(db, set); // rows first: assignments reference them (their summaries come at the end)
    found.members.forEach((rows, c) => rows.forEach((r) => give(sampled[r]!, newIds[c]!, 0)));
    if (sampled.length < unthemed.length && found.centroids.length > 0) {
      const inSample = new Set(sampled);
      const rest = unthemedDocs.filter((d) => !inSample.has(d.id));
      for (let s = 0; s < rest.length; s += STREAM_CHUNK) {
        const chunk = rest.slice(s, s + STREAM_CHUNK);
        const vectors = loadVectorRows(db, vectorizer.modelId, chunk.map((d) => d.id), dim);
        chunk.forEach((d, k) => {
          const stance = stanceOfKind(d.kind);
          const best = nearest(vectors, dim, k, found.centroids, stances ? (c) => stances[c] === stance : undefined);
          if (best.index >= 0 && best.similarity >= options.assignThreshold) give(d.id, newIds[best.index]!, best.similarity);
        });
      }
    }

    // (2b) An emerging part of a theme (themes/emerging-split.ts) becomes a theme of its own, before curation is
    // replayed (a person's merge keeps the theme whole). Only in a step that brings documents: without them no
    // theme's dates change but by a person's move, which is theirs to make (and a curation step at a million then
    // skips the counts by date, 2.6 s of 12).
    const splitOff =
      pending > 0 ? splitEmergingStored(db, {
          set,
          modelId: vectorizer.modelId,
          dim,
          options: options.emergingSplit,
          mergeSimilarity: options.mergeSimilarity,
          curation: input.curation,
          runId: input.runId,
          give,
        }) : [];

    timings.discover = performance.now() - t1;
    const t3 = performance.now();
    // (3) Curation: the documents the log names are loaded, the log replayed, what it changed written back.
    replayCurationStored(set, input.curation, {
      loadPrimaries: (ids) => loadPrimaries(db, ids),
      setPrimary: (docId, themeId, score) => give(docId, themeId, score),
      moveMembers: (from, to) => void moveMembers(db, from, to),
      hasMembers: (id) => hasPrimaryMembers(db, id),
    });
    const curatedIds = curatedDocIds(input.curation);
    const byId = new Map(set.themes.map((t) => [t.id, t]));
    timings.curation = performance.now() - t3;
    const t35 = performance.now();
    // (4) Summaries from the stored vectors: every member counted, the figures of the themes a change reached.
    const { summary, themed, dropped, reread } = summarizeStored(db, {
      byId,
      stored,
      departed,
      pending,
      documents: input.documents,
      modelId: vectorizer.modelId,
      dim,
      seed: options.seed,
    });
    for (const docId of dropped) give(docId, null, 0);
    const sampledDocs = summary.finish(set, input.runId);
    categorizeThemes(set, sampledDocs.docs, previousCategory, sampledDocs.membersOf);
    timings.summary = performance.now() - t35;

    // (5) The documents this step placed (new themes, curation): scored against their theme's final centre, and
    // their secondary themes. Provisionally themed documents were scored in their batch.
    const t4 = performance.now();
    const rescore = [...new Set([...unthemed, ...curatedIds, ...splitOff])].sort();
    const active = new Set(set.themes.filter((t) => t.status === 'active').map((t) => t.id));
    const score = setPrimaryScore(db);
    const secondaryOf = replaceSecondary(db);
    for (let s0 = 0; s0 < rescore.length; s0 += STREAM_CHUNK) {
      const docs = loadThemeDocsByIds(db, rescore.slice(s0, s0 + STREAM_CHUNK));
      const vectors = loadVectorRows(db, vectorizer.modelId, docs.map((d) => d.id), dim);
      scoreAndFindSecondary(db, { themes: set.themes, byId, active, vectors, dim, docs, score, secondaryOf });
    }
    timings.rescore = performance.now() - t4;
    const t2 = performance.now();

    saveThemeRows(db, set);
    const changes = themeChanges(set, sizeBefore, statusBefore);
    if (input.runId !== null) saveThemeChanges(db, input.runId, changes);
    markThemeStepDone(db, input.curationUpToId);
    result = {
      set,
      changes,
      documents: input.documents,
      unthemed: input.documents - themed,
      pending,
      reread,
      discovered: unthemed.length,
      vectorsComputed,
      timings: { vectorize: Math.round(t1 - t0), themes: Math.round(t2 - t1), write: Math.round(performance.now() - t2) },
      parts: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])) as IncrementalStep['parts'],
    };
  })();
  return result!;
}

/**
 * Above this share of all members to be read (in the themes a step changed, and the members that joined themes
 * otherwise unchanged), its summary reads every member whole in one pass; below, every member's id (≈ a fifth of
 * the cost: at a million, 1.1 s against 5.5 s) and then those members whole.
 */
export const REREAD_ALL_SHARE = 0.5;

/** What a theme's stored figures were computed from, and those figures (a step may bring them up to date). */
export interface StoredFigures {
  size: number;
  hash: number | null;
  centroid: Float32Array | null;
  centroidNorm: number | null;
  shareNegative: number;
  kinds: Theme['kinds'];
}

/** Stored figures a step can bring up to date: a fingerprint, and a centre with the length of its sum. */
type GrowableFigures = StoredFigures & { hash: number; centroid: Float32Array; centroidNorm: number };

/**
 * Step 4's reads: every primary member counted (size, sample, fingerprint); a theme whose members are exactly the
 * stored ones keeps its figures; one whose members are the stored ones less its departures and plus its pending
 * members (fingerprint and size say so: a night's new documents, edited ones) has the departures taken out of its
 * stored figures and its pending members' figures added; any other theme a change reached (a member moved in or out
 * by a person, figures written since a departure, no stored centre) is read whole. When those reads come to more
 * than REREAD_ALL_SHARE of the members, every member is read whole in one pass. Members of themes that are not live
 * are returned as dropped.
 */
function summarizeStored(
  db: Db,
  input: {
    byId: ReadonlyMap<string, Theme>;
    stored: ReadonlyMap<string, StoredFigures>;
    departed: ReadonlyMap<string, DepartedMembers>;
    pending: number;
    documents: number;
    modelId: string;
    dim: number;
    seed: number;
  },
): { summary: SummaryAccumulator; themed: number; dropped: string[]; reread: { themes: number; fromStored: number; of: number } } {
  const { byId, stored, modelId, dim } = input;
  const live = (id: string): boolean => {
    const t = byId.get(id);
    return t !== undefined && isLive(t);
  };
  const liveCount = [...byId.values()].filter(isLive).length;
  const canGrow = (was: StoredFigures | undefined): was is GrowableFigures =>
    was !== undefined && was.hash !== null && was.centroid !== null && was.centroid.length === dim && was.centroidNorm !== null;
  // Most members pending (a first run, a resume): one whole pass, without asking which themes they are in.
  if (input.pending <= REREAD_ALL_SHARE * input.documents) {
    // What joined each theme since its figures were stored: its pending members (new or re-analysed documents).
    const joined = new Map<string, { size: number; hash: number }>();
    for (const m of pendingPrimaries(db)) {
      const j = joined.get(m.themeId) ?? { size: 0, hash: 0 };
      j.size++;
      j.hash = addMemberHash(j.hash, m.docId);
      joined.set(m.themeId, j);
    }
    // Themes that cannot grow from stored figures are read whole (figures stored before migration 015: once).
    const wholeAtLeast = [...joined].reduce((n, [id, j]) => n + (canGrow(stored.get(id)) ? j.size : j.size + (stored.get(id)?.size ?? 0)), 0);
    if (wholeAtLeast <= REREAD_ALL_SHARE * input.documents) {
      const summary = new SummaryAccumulator(dim, input.seed);
      const { themed, dropped } = eachLiveMember(primaryAssignmentChunks(db, STREAM_CHUNK), live, (m) => summary.countMember(m.themeId, m.docId));
      const counted = summary.counted();
      const reread: string[] = [];
      const fromStored: { id: string; was: GrowableFigures }[] = [];
      for (const [id, now] of counted) {
        const was = stored.get(id);
        const j = joined.get(id);
        const left = input.departed.get(id);
        if (canGrow(was) && (left === undefined || left.current)) {
          if (!j && !left && was.size === now.size && was.hash === now.hash) continue; // no change reached it
          // Its stored members without those that left them, and those that joined: exactly its members now?
          const baseSize = was.size - (left?.size ?? 0);
          const baseHash = (was.hash - (left?.hash ?? 0)) >>> 0;
          if (baseSize + (j?.size ?? 0) === now.size && withMemberHash(baseHash, j?.hash ?? 0) === now.hash) {
            fromStored.push({ id, was });
            continue;
          }
        }
        reread.push(id);
      }
      const toRead = reread.reduce((n, id) => n + counted.get(id)!.size, 0) + fromStored.reduce((n, { id }) => n + (joined.get(id)?.size ?? 0), 0);
      if (toRead <= REREAD_ALL_SHARE * themed) {
        const zero = new Float32Array(dim);
        for (const id of reread) for (const m of themeMembers(db, modelId, id)) summary.addFigures(id, m, m.vector ?? zero, 0);
        if (fromStored.length > 0) {
          for (const { id, was } of fromStored) {
            summary.addStoredFigures(id, was);
            for (const d of input.departed.get(id)?.members ?? []) summary.subtractFigures(id, d, d.vector);
          }
          const growing = new Set(fromStored.map((f) => f.id));
          for (const m of pendingPrimaryMembers(db, modelId)) if (growing.has(m.themeId)) summary.addFigures(m.themeId, m, m.vector ?? zero, 0);
        }
        fillSampled(db, summary, true, modelId, dim);
        return { summary, themed, dropped, reread: { themes: reread.length, fromStored: fromStored.length, of: liveCount } };
      }
    }
  }
  const summary = new SummaryAccumulator(dim, input.seed);
  const { themed, dropped } = eachLiveMember(primaryMemberChunks(db, modelId, STREAM_CHUNK), live, (m) => {
    const stub = { id: m.docId, text: '', lang: 'en' as const, terms: [], sentiment: m.sentiment, kind: m.kind };
    summary.addMember(m.themeId, stub, m.vector ?? new Float32Array(dim), 0);
  });
  fillSampled(db, summary, false, modelId, dim);
  return { summary, themed, dropped, reread: { themes: liveCount, fromStored: 0, of: liveCount } };
}

/** The departures of one theme's stored figures (016-theme-departures.sql): members analysed again since. */
interface DepartedMembers {
  size: number;
  hash: number;
  /** Whether every one was taken against the figures the theme has stored now (else the theme is read whole). */
  current: boolean;
  members: Departure[];
}

function departuresByTheme(db: Db): Map<string, DepartedMembers> {
  const out = new Map<string, DepartedMembers>();
  for (const d of departures(db)) {
    const t = out.get(d.themeId) ?? { size: 0, hash: 0, current: true, members: [] };
    t.size++;
    t.hash = addMemberHash(t.hash, d.docId);
    t.current &&= d.current;
    t.members.push(d);
    out.set(d.themeId, t);
  }
  return out;
}

/** Calls `take` for each member of a live theme; the others' members are returned as dropped. */
function eachLiveMember<M extends { docId: string; themeId: string }>(
  chunks: Iterable<M[]>,
  live: (themeId: string) => boolean,
  take: (m: M) => void,
): { themed: number; dropped: string[] } {
  const dropped: string[] = [];
  let themed = 0;
  for (const chunk of chunks) {
    for (const m of chunk) {
      if (!live(m.themeId)) {
        dropped.push(m.docId);
        continue;
      }
      themed++;
      take(m);
    }
  }
  return { themed, dropped };
}

/** The sampled members' documents (text, terms) and, when they were only counted, their vectors. */
function fillSampled(db: Db, summary: SummaryAccumulator, vectors: boolean, modelId: string, dim: number): void {
  const ids = summary.sampledIds();
  if (vectors) summary.fillSampledVectors(loadVectorRows(db, modelId, ids, dim));
  summary.fillSampledDocs(new Map(loadThemeDocsByIds(db, ids).map((d): [string, StoredThemeDoc] => [d.id, d])));
}
