// A theme whose requests and problem reports are about different things is two themes. Discovery keeps requests,
// bugs, complaints and questions in one graph (a request for later delivery slots and a complaint about missed slots
// are one issue), so a small group of requests can be cut into the community of the problems it borders: the
// sample's English "please add a proper English UI" requests sat in the app-crash theme, tied by "app" and
// "Japanese", and labelled it "crash, japanese". Within one issue the speech acts share the words and their
// centres point the same way (the sample's time-slot requests and complaints: centre cosine 0.85; search 0.78;
// price 0.60; every kind part of a Banking77 or livedoor theme through koe run 0.62 or more, median 0.96); a request
// part glued to crash reports had 0.14. So after discovery (and after the emerging split, whose 2-means reads the
// theme as discovery left it) each cluster is cut along one speech act when that act's members and the other acts'
// have centres with a cosine below `maxSimilarity`, and both keep the least theme size and a tenth of the cluster;
// the smaller side leaves. Praise and "other" take no side (praise has its stance; "other" says nothing).
import type { Clusters } from './discover-clusters.js';
import type { ThemeDoc } from './theme-types.js';
import { centroidOf, dot } from './vector-math.js';

export interface KindSplitOptions {
  /** A speech act's members leave when their centre and the other acts' have a cosine below this. */
  maxSimilarity: number;
  /** Least documents each part keeps (the step's least theme size). */
  minSize: number;
  /** Least share of the cluster each part keeps. */
  minPartShare: number;
}

export const KIND_SPLIT_DEFAULTS: Omit<KindSplitOptions, 'minSize'> = { maxSimilarity: 0.2, minPartShare: 0.1 };

/** Speech acts a cluster can be cut along; praise (a stance of its own), "other" and unknown kinds are none (-1). */
const PROBLEM = 0;
const REQUEST = 1;
const QUESTION = 2;
const SPEECH_ACTS = [PROBLEM, REQUEST, QUESTION];

export function speechActOf(kind: ThemeDoc['kind']): number {
  if (kind === 'bug' || kind === 'complaint') return PROBLEM;
  if (kind === 'feature_request') return REQUEST;
  if (kind === 'question') return QUESTION;
  return -1;
}

/** The speech act of each document, in `docs` order (rows of the step's vectors). */
export function speechActsOf(docs: readonly Pick<ThemeDoc, 'kind'>[]): Int8Array {
  return Int8Array.from(docs, (d) => speechActOf(d.kind));
}

/**
 * `clusters` (rows of `m`, unit vectors) with each cluster that holds two things cut in two along the speech act
 * whose members' centre is least like the other acts' (when that cosine is below `maxSimilarity`): the smaller side
 * leaves as a cluster of its own (after the others, with its parent's stance; the parent's centre recomputed).
 * `acts[r]`: row r's speech act (speechActsOf). `skip(c)`: clusters never to cut (one that mostly holds a theme a
 * person merged). One cut per cluster.
 */
export function splitClustersByKind(
  clusters: Clusters,
  m: Float32Array,
  dim: number,
  acts: ArrayLike<number>,
  options: KindSplitOptions,
  skip: (cluster: number) => boolean = () => false,
): Clusters {
  const members = clusters.members.map((g) => g.slice());
  const centroids = clusters.centroids.slice();
  const stances = clusters.stances?.slice();
  clusters.members.forEach((rows, c) => {
    if (skip(c)) return;
    const cut = leastAlikeAct(rows, m, dim, acts, options);
    if (!cut) return;
    members[c] = cut.rest;
    centroids[c] = centroidOf(m, dim, cut.rest);
    members.push(cut.part);
    centroids.push(centroidOf(m, dim, cut.part));
    stances?.push(stances[c]!);
  });
  if (members.length === clusters.members.length) return clusters;
  return { ...clusters, members, centroids, ...(stances ? { stances } : {}) };
}

function leastAlikeAct(rows: readonly number[], m: Float32Array, dim: number, acts: ArrayLike<number>, options: KindSplitOptions): { part: number[]; rest: number[] } | null {
  const least = Math.max(options.minSize, Math.ceil(options.minPartShare * rows.length));
  let best: { act: number; similarity: number } | null = null;
  for (const act of SPEECH_ACTS) {
    // One act's members against the other acts' (praise and "other" take no side: they say nothing of the split).
    const part = rows.filter((r) => acts[r] === act);
    const others = rows.filter((r) => acts[r] !== act && acts[r]! >= 0);
    if (part.length < least || others.length < least) continue;
    const similarity = dot(centroidOf(m, dim, part), 0, centroidOf(m, dim, others), 0, dim);
    if (similarity < options.maxSimilarity && (!best || similarity < best.similarity)) best = { act, similarity };
  }
  if (!best) return null;
  const part = rows.filter((r) => acts[r] === best.act);
  const rest = rows.filter((r) => acts[r] !== best.act);
  // The cluster keeps the larger side (and so, through a rebuild, its theme); the smaller leaves.
  return part.length <= rest.length ? { part, rest } : { part: rest, rest: part };
}
