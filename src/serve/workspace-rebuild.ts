// The workspace's theme rebuild: one at a time, in a worker thread (rebuild-worker.ts), started by a button and
// watched by every page (a notice while it runs, its outcome after). What `koe themes rebuild` does, for a support
// lead who has no shell: after a koe update ("the themes predate the dictionary") or when the themes have drifted.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../spawn-worker.js';
import type { Db } from '../store/open-store.js';
import { describeHolder, isHolderAlive, readLeaseHolder } from '../store/write-lease.js';
import { CurationError } from '../pipeline/update-themes.js';
import type { RebuildReply, RebuildRequest } from './rebuild-worker.js';

export interface WorkspaceRebuild {
  /** The rebuild this workspace started and is still running (its start, ISO), or null. */
  readonly running: { startedAt: string } | null;
  /** How the last rebuild this workspace started ended, or null. */
  readonly last: ({ finishedAt: string } & RebuildReply) | null;
  /** Starts a rebuild; throws CurationError 'conflict' when one is running or another process writes the database. */
  start(): void;
  /** Resolves when no rebuild is running (tests; a server that closes stops it instead). */
  idle(): Promise<void>;
  /** Stops a running rebuild (its transaction rolls back; the next writer marks its run failed). */
  stop(): Promise<void>;
}

export function createWorkspaceRebuild(db: Db, config: Record<string, unknown>): WorkspaceRebuild {
  let running: { startedAt: string; worker: Worker; done: Promise<void> } | null = null;
  let last: WorkspaceRebuild['last'] = null;
  return {
    get running() {
      return running ? { startedAt: running.startedAt } : null;
    },
    get last() {
      return last;
    },
    start() {
      if (running) throw new CurationError(`a rebuild started here at ${running.startedAt} is still running`, 'conflict');
      if (db.memory) throw new CurationError('an in-memory database cannot be rebuilt from the workspace', 'invalid');
      const holder = readLeaseHolder(db);
      if (holder && isHolderAlive(holder)) {
        throw new CurationError(`the database is being written by ${describeHolder(holder)}: rebuild when it has finished`, 'conflict');
      }
      const request: RebuildRequest = { dbPath: db.name, config };
      const worker = spawnWorker(import.meta.url, 'rebuild-worker', request);
      const startedAt = new Date().toISOString();
      const done = new Promise<void>((resolve) => {
        const settle = (reply: RebuildReply) => {
          last = { finishedAt: new Date().toISOString(), ...reply };
          running = null;
          resolve();
        };
        worker.once('message', (reply: RebuildReply) => settle(reply));
        worker.once('error', (err) => settle({ ok: false, message: err.message }));
        worker.once('exit', (code) => {
          if (running?.worker === worker) settle({ ok: false, message: `the rebuild stopped (exit code ${code})` });
        });
      });
      running = { startedAt, worker, done };
    },
    async idle() {
      await running?.done;
    },
    async stop() {
      const r = running;
      if (!r) return;
      await r.worker.terminate();
      await r.done;
    },
  };
}
