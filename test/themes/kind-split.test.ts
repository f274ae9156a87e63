// Requests unlike the problems they were clustered with (kind-split.ts): clusters of unit vectors around a few
// directions, each document with its feedback kind, cut (or left whole) by their speech acts' centres.
import { describe, expect, it } from 'vitest';
import type { Clusters } from '../../src/themes/discover-clusters.js';
import { KIND_SPLIT_DEFAULTS, speechActOf, speechActsOf, splitClustersByKind } from '../../src/themes/kind-split.js';
import { withKindParts } from '../../src/themes/update-theme-set.js';
import type { ThemeDoc } from '../../src/themes/theme-types.js';
import { seededRandom } from '../../src/seeded-random.js';
import { centroidOf } from '../../src/themes/vector-math.js';

const DIM = 5;
const options = { ...KIND_SPLIT_DEFAULTS, minSize: 5 };

/** A noisy unit vector around `axis` ("the app crashes" 0, "an English UI please" 1, "delivery slots" 2, other 3). */
function around(axis: number, random: () => number): number[] {
  const v = Array.from({ length: DIM }, (_, i) => (i === axis ? 1 : 0) + (random() - 0.5) * 0.3);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

interface Doc {
  vector: number[];
  kind: ThemeDoc['kind'];
}

const docs = (axis: number, kind: ThemeDoc['kind'], n: number, random: () => number): Doc[] => Array.from({ length: n }, () => ({ vector: around(axis, random), kind }));

/** Each group as one cluster (rows in order); returns the clusters after the kind split. */
function split(groups: Doc[][], skip?: (c: number) => boolean): { result: Clusters; all: Doc[] } {
  const all = groups.flat();
  const m = new Float32Array(all.flatMap((d) => d.vector));
  let next = 0;
  const members = groups.map((g) => g.map(() => next++));
  const clusters: Clusters = { members, centroids: members.map((g) => centroidOf(m, DIM, g)), unclustered: [], stances: members.map(() => 0) };
  return { result: splitClustersByKind(clusters, m, DIM, speechActsOf(all), options, skip), all };
}

describe('splitClustersByKind', () => {
  it('sets requests about another thing apart from the crash reports they were clustered with', () => {
    const random = seededRandom(5);
    const crashes = [...docs(0, 'bug', 40, random), ...docs(0, 'complaint', 10, random)];
    const language = docs(1, 'feature_request', 15, random);
    const { result, all } = split([[...crashes, ...language]]);
    expect(result.members).toHaveLength(2);
    expect(result.members[0]!.map((r) => all[r]!.kind).every((k) => k !== 'feature_request')).toBe(true);
    expect(result.members[1]!.map((r) => all[r]!.kind)).toEqual(language.map(() => 'feature_request'));
    // The new cluster's centre is its own members', and it keeps its parent's stance.
    expect(result.centroids[1]![1]).toBeGreaterThan(0.9);
    expect(result.stances).toEqual([0, 0]);
  });

  it('keeps requests and complaints about one thing together (slots asked for and slots missed)', () => {
    const random = seededRandom(6);
    const slots = [...docs(2, 'feature_request', 30, random), ...docs(2, 'complaint', 20, random), ...docs(2, 'question', 8, random)];
    const { result } = split([slots]);
    expect(result.members).toHaveLength(1);
  });

  it('leaves a part below the least theme size or a tenth of the cluster where it is', () => {
    const random = seededRandom(7);
    const fewRequests = [...docs(0, 'bug', 30, random), ...docs(1, 'feature_request', 4, random)];
    const tenth = [...docs(0, 'bug', 95, random), ...docs(1, 'feature_request', 9, random)];
    const { result } = split([fewRequests, tenth]);
    expect(result.members.map((g) => g.length)).toEqual([34, 104]);
  });

  it('never cuts along praise or "other", and never a cluster it is told to skip', () => {
    const random = seededRandom(8);
    const withPraise = [...docs(0, 'bug', 30, random), ...docs(3, 'praise', 15, random)];
    const withOther = [...docs(0, 'bug', 30, random), ...docs(3, 'other', 15, random)];
    const merged = [...docs(0, 'bug', 30, random), ...docs(1, 'feature_request', 15, random)];
    const { result } = split([withPraise, withOther, merged], (c) => c === 2);
    expect(result.members).toHaveLength(3);
  });

  it('is what a theme step applies after discovery, unless the theme options turn it off (kindSplit: false)', () => {
    const random = seededRandom(9);
    const all = [...docs(0, 'bug', 40, random), ...docs(1, 'feature_request', 15, random)];
    const m = new Float32Array(all.flatMap((d) => d.vector));
    const rows = all.map((_, i) => i);
    const found: Clusters = { members: [rows], centroids: [centroidOf(m, DIM, rows)], unclustered: [], stances: [0] };
    expect(withKindParts(found, m, DIM, all, { kindSplit: options }).members.map((g) => g.length)).toEqual([40, 15]);
    expect(withKindParts(found, m, DIM, all, { kindSplit: null }).members.map((g) => g.length)).toEqual([55]);
  });

  it('reads bugs and complaints as problems, requests and questions as their own acts, the rest as none', () => {
    expect(['bug', 'complaint', 'feature_request', 'question', 'praise', 'other', null].map((k) => speechActOf(k as ThemeDoc['kind']))).toEqual([0, 0, 1, 2, -1, -1, -1]);
  });
});
