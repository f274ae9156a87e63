// Theme writes outside a run, each holding the write lease: a rebuild (recorded in `runs` as an operation, so a
// failure is recorded as failed, never left 'running') and curation (applied now, or queued for the run that holds
// the database).
import type { Db } from '../store/open-store.js';
import { tryAcquireLease, acquireWriteLease, DatabaseBusyError, isHolderAlive, readLeaseHolder, type LeaseHolder } from '../store/write-lease.js';
import type { CurationAction } from '../themes/index.js';
import { runOperation } from './long-operation.js';
import { DEFAULT_CONFIG } from './config.js';
import { precomputeEmbeddings, precomputeEncoderVectors } from './embed-documents.js';
import { applyPendingCuration, curateThemes, QUEUEABLE_CURATION, queueCuration, undoCuration, updateThemes, type ThemeUpdateSummary } from './update-themes.js';

export interface WriteWaitOptions {
  /** Seconds to wait for another writer (Infinity: as long as it takes); 0 or absent: fail at once. */
  wait?: number;
  onWait?: (holder: LeaseHolder) => void;
}

export interface RebuildOptions extends WriteWaitOptions {
  /** The themes config (themes, seed, embeddingModel…). */
  config?: Record<string, unknown>;
  command?: string;
  log?: (message: string) => void;
  /** Worker threads that encode with the themes config's sentence encoder, when it names one (default: koe run's). */
  workers?: number;
}

/** `koe themes rebuild`: re-clusters everything, recorded as an operation in `runs`. */
export async function rebuildThemes(db: Db, options: RebuildOptions = {}): Promise<ThemeUpdateSummary & { runId: number }> {
  const config = options.config ?? {};
  const embeddingModel = config.embeddingModel as string | undefined;
  const encoderName = config.encoder as string | undefined;
  return runOperation(db, { kind: 'rebuild', command: options.command ?? 'themes rebuild', config: { themes: config }, wait: options.wait, onWait: options.onWait }, async (op) => {
    op.phase('themes');
    if (embeddingModel) await precomputeEmbeddings(db, embeddingModel, options.log ? { log: options.log } : {});
    const encoder = encoderName
      ? (await precomputeEncoderVectors(db, encoderName, { workers: options.workers ?? DEFAULT_CONFIG.workers, ...(options.log ? { log: options.log } : {}) })).encoder
      : undefined;
    const summary = updateThemes(db, op.runId, config, { rebuild: true, ...(encoder ? { encoder } : {}) });
    applyPendingCuration(db, config);
    return summary;
  });
}

export type CurationOutcome =
  | { applied: true; themeIds: string[] }
  /** Another process (a run or rebuild) holds the database: queued, applied at its theme step. */
  | { applied: false; queued: true; logId: number; holder: LeaseHolder };

/**
 * A curation command: applied now under the write lease; while a run or rebuild holds the database it is queued
 * in the curation log (its theme step applies it) unless `wait` says to wait for the lease instead. A split, or a
 * holder that is not a run (a training), cannot take a queued action: it waits or fails naming the holder.
 */
export async function curate(db: Db, action: CurationAction, options: WriteWaitOptions & { config?: Record<string, unknown> } = {}): Promise<CurationOutcome> {
  const first = tryAcquireLease(db, `themes ${action.action}`);
  let lease = 'lease' in first ? first.lease : null;
  if (!lease) {
    const holder = 'busy' in first ? first.busy : null;
    if (holder && holder.runId !== null && QUEUEABLE_CURATION.includes(action.action) && !(options.wait && options.wait > 0)) {
      return { applied: false, queued: true, logId: whileWriterCommits(db, () => queueCuration(db, action)), holder };
    }
    lease = (await acquireWriteLease(db, `themes ${action.action}`, options)).lease;
  }
  try {
    applyPendingCuration(db, options.config ?? {});
    return { applied: true, ...curateThemes(db, action, options.config ?? {}) };
  } finally {
    lease.release();
  }
}

/**
 * Undoes a curation action (default: the latest in force) under the write lease: it changes the theme set, so it
 * waits for (or fails naming) another writer rather than being queued.
 */
export async function undoCurate(db: Db, id: number | null, options: WriteWaitOptions & { config?: Record<string, unknown> } = {}): Promise<ReturnType<typeof undoCuration>> {
  const { lease } = await acquireWriteLease(db, 'themes undo', options);
  try {
    applyPendingCuration(db, options.config ?? {});
    return undoCuration(db, id, options.config ?? {});
  } finally {
    lease.release();
  }
}

/**
 * One short insert beside a live writer: its batch transactions take milliseconds, but its theme step's
 * transaction can take a while at size, so wait for SQLite's lock longer than the usual 5 s.
 */
function whileWriterCommits<T>(db: Db, work: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 300000');
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

/** The live holder of the database, if any (for `koe stats` and messages). */
export function currentWriter(db: Db): LeaseHolder | null {
  const h = readLeaseHolder(db);
  return h && isHolderAlive(h) ? h : null;
}

export { DatabaseBusyError };
