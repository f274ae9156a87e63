// The candidate scan of the large-set neighbour search (knn-graph.ts), the part of theme discovery that costs most
// (≈ three quarters of it at 30,000 documents), shared between the calling thread and one helper thread. Each
// point's neighbour list depends on nothing but the cells and the matrix, so the rows can be scanned by whoever takes
// them and the graph is the same, bit for bit, as one thread's. The caller stays synchronous: it scans chunks of rows
// itself while the helper takes others (a shared counter hands them out), then waits on shared memory for the chunk
// the helper holds. A helper that is not started yet, or cannot start, takes nothing: the caller scans every row.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../spawn-worker.js';
import { dot } from './vector-math.js';

/** What the scan reads and writes; the arrays are shared with the helper thread when it takes part. */
export interface ScanJob {
  m: Float32Array;
  dim: number;
  n: number;
  k: number;
  probes: number;
  /** pointCells[i * probes + p]: the p-th nearest cell of point i. */
  pointCells: Int32Array;
  /** Members of cell c: cellMembers[cellStarts[c] .. cellStarts[c + 1]). */
  cellStarts: Int32Array;
  cellMembers: Int32Array;
  /** Scan at most this many members of a cell (0: all). */
  cap: number;
  neighbours: Int32Array;
  similarities: Float32Array;
  /** [next chunk, chunks the helper holds, rows the helper scanned]. */
  control: Int32Array;
}

/** Rows per chunk handed out: small enough to share the last ones evenly, large enough that handing out is free. */
const SCAN_CHUNK = 256;
const NEXT = 0;
const HELD = 1;
const HELPER_ROWS = 2;

/** Puts j, at similarity s, into i's list of its k nearest (kept in descending order) if it is nearer than the last. */
export function insertNeighbour(neighbours: Int32Array, similarities: Float32Array, k: number, i: number, j: number, s: number): void {
  const o = i * k;
  if (s <= similarities[o + k - 1]!) return;
  let p = k - 1;
  while (p > 0 && similarities[o + p - 1]! < s) {
    similarities[o + p] = similarities[o + p - 1]!;
    neighbours[o + p] = neighbours[o + p - 1]!;
    p--;
  }
  similarities[o + p] = s;
  neighbours[o + p] = j;
}

/** Scans the rows [from, to): each row's nearest `k` among the members of its probed cells. */
function scanRows(job: Omit<ScanJob, 'control'>, from: number, to: number): void {
  const { m, dim, k, probes, pointCells, cellStarts, cellMembers, cap, neighbours, similarities } = job;
  for (let i = from; i < to; i++) {
    for (let p = 0; p < probes; p++) {
      const c = pointCells[i * probes + p]!;
      const start = cellStarts[c]!;
      const size = cellStarts[c + 1]! - start;
      // Dense regions (many near-duplicates) overflow every cell: a bounded, fixed slice of a crowded cell
      // still holds neighbours as close as any, and keeps the cost per point bounded.
      const scan = cap > 0 ? Math.min(size, cap) : size;
      for (let q = 0; q < scan; q++) {
        const j = cellMembers[start + q]!;
        if (j === i) continue;
        insertNeighbour(neighbours, similarities, k, i, j, dot(m, i * dim, m, j * dim, dim));
      }
    }
  }
}

/** Takes chunks until none is left; the helper counts the rows it scanned in the job's control. */
function takeChunks(job: ScanJob, helper: boolean): void {
  for (;;) {
    // The helper says it holds a chunk before it takes one, so a caller that finds none left and nothing held
    // knows every row is written.
    if (helper) Atomics.add(job.control, HELD, 1);
    const from = Atomics.add(job.control, NEXT, 1) * SCAN_CHUNK;
    const to = Math.min(job.n, from + SCAN_CHUNK);
    if (from < to) scanRows(job, from, to);
    if (helper) {
      if (from < to) Atomics.add(job.control, HELPER_ROWS, to - from);
      Atomics.sub(job.control, HELD, 1);
      Atomics.notify(job.control, HELD);
    }
    if (from >= to) return;
  }
}

/** Above this many points the scan is shared with a helper thread (below, starting one costs more than it saves). */
export const SHARED_SCAN_FROM = 8000;
/** A helper that holds a chunk this long without finishing it has stopped: the scan fails rather than hang. */
const STALLED_MS = 120_000;

let helper: Worker | null | undefined;

/** The process's one scan helper, started on first use (null where threads are unavailable or one core). */
function scanHelper(): Worker | null {
  if (helper !== undefined) return helper;
  helper = null;
  if (os.availableParallelism() < 2 || typeof SharedArrayBuffer === 'undefined') return null;
  try {
    const w = spawnWorker(import.meta.url, 'knn-scan-worker', null);
    w.unref(); // never keeps a finished process alive
    w.on('error', () => {
      if (helper === w) helper = null; // the next scan runs alone (this one's chunks are the caller's)
    });
    w.on('exit', () => {
      if (helper === w) helper = null;
    });
    helper = w;
  } catch {
    helper = null;
  }
  return helper;
}

/** Copies a typed array into shared memory (the helper thread reads the same bytes). */
function shared<T extends Float32Array | Int32Array>(a: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/**
 * Scans every row into the job's neighbours and similarities, with the helper thread when the set is large enough
 * (`sharedFrom` points) and the helper is there (it works on shared copies; the results are copied back). Returns
 * the rows the helper scanned.
 */
export function scanAllRows(job: Omit<ScanJob, 'control'>, sharedFrom = SHARED_SCAN_FROM): { helperRows: number } {
  const w = job.n >= sharedFrom ? scanHelper() : null;
  if (!w) {
    scanRows(job, 0, job.n);
    return { helperRows: 0 };
  }
  const f32 = (b: SharedArrayBuffer): Float32Array => new Float32Array(b);
  const i32 = (b: SharedArrayBuffer): Int32Array => new Int32Array(b);
  const sharedJob: ScanJob = {
    ...job,
    m: shared(job.m, f32),
    pointCells: shared(job.pointCells, i32),
    cellStarts: shared(job.cellStarts, i32),
    cellMembers: shared(job.cellMembers, i32),
    neighbours: shared(job.neighbours, i32),
    similarities: shared(job.similarities, f32),
    control: new Int32Array(new SharedArrayBuffer(3 * 4)),
  };
  w.postMessage(sharedJob);
  takeChunks(sharedJob, false);
  let waited = 0;
  for (let held = Atomics.load(sharedJob.control, HELD); held !== 0; held = Atomics.load(sharedJob.control, HELD)) {
    if (Atomics.wait(sharedJob.control, HELD, held, 1000) === 'timed-out') {
      waited += 1000;
      if (waited >= STALLED_MS) throw new Error('the neighbour search helper thread stopped answering (theme discovery)');
    }
  }
  job.neighbours.set(sharedJob.neighbours);
  job.similarities.set(sharedJob.similarities);
  return { helperRows: Atomics.load(sharedJob.control, HELPER_ROWS) };
}

/** The helper's side: scans chunks of each job it is sent (counted in the job's control, chunk by chunk). */
export function helpScan(job: ScanJob): void {
  takeChunks(job, true);
}
