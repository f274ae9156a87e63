// One writer at a time (006-checkpoints-and-lease.sql): a lease row names the process that writes the database.
// It is read without locking (WAL readers never wait), taken and released in short transactions, and kept alive by
// a heartbeat. A holder whose process is gone is found by its pid on this host, or by a stale heartbeat from
// another host — never by a failed lock attempt, so a live run is never taken for a dead one.
import fs from 'node:fs';
import os from 'node:os';
import type { Db } from './open-store.js';

export interface LeaseHolder {
  /** runs.id when the holder is a run or a themes rebuild. */
  runId: number | null;
  command: string;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

export interface WriteLease {
  readonly holder: LeaseHolder;
  /** Names the run that holds the lease (once it has its runs row). */
  setRunId(runId: number): void;
  heartbeat(): void;
  release(): void;
}

/** Another process writes the database: the message names it and says what to do. */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
  constructor(
    readonly holder: LeaseHolder,
    waitedSeconds: number | null = null,
  ) {
    super(
      `the database is being written by ${describeHolder(holder)}` +
        (waitedSeconds === null ? '; try again when it ends, or add --wait [SECONDS]' : `; gave up after waiting ${waitedSeconds} s`),
    );
  }
}

export function describeHolder(h: LeaseHolder, now = Date.now()): string {
  const beat = Math.max(0, Math.round((now - Date.parse(h.heartbeatAt)) / 1000));
  const what = h.runId !== null ? `run ${h.runId} (${h.command})` : h.command;
  return `${what}, pid ${h.pid} on ${h.host}, started ${h.startedAt}, last heartbeat ${beat} s ago`;
}

/** Heartbeats are written this often; a holder on another host is stale after STALE_MS without one. */
export const HEARTBEAT_MS = 10_000;
/** Long: a theme step over a million documents keeps the event loop (and so the heartbeat) busy for minutes. */
export const STALE_MS = 15 * 60_000;

interface LeaseRow {
  run_id: number | null;
  command: string;
  pid: number;
  host: string;
  started_at: string;
  heartbeat_at: string;
}

const toHolder = (r: LeaseRow): LeaseHolder => ({
  runId: r.run_id,
  command: r.command,
  pid: r.pid,
  host: r.host,
  startedAt: r.started_at,
  heartbeatAt: r.heartbeat_at,
});

/** The current holder, alive or not (null when the database is free). */
export function readLeaseHolder(db: Db): LeaseHolder | null {
  const r = db.prepare('SELECT run_id, command, pid, host, started_at, heartbeat_at FROM write_lease WHERE id = 1').get() as LeaseRow | undefined;
  return r ? toHolder(r) : null;
}

/** Whether the holder's process still exists: by pid on this host, by its heartbeat elsewhere. */
export function isHolderAlive(h: LeaseHolder, now = Date.now()): boolean {
  if (h.host === os.hostname()) {
    try {
      process.kill(h.pid, 0);
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
    }
    return !isZombie(h.pid);
  }
  return now - Date.parse(h.heartbeatAt) < STALE_MS;
}

/**
 * A killed process its parent has not reaped yet still has its pid (signal 0 reaches it) but holds no file and
 * writes nothing: a cron job's `koe run` right after a `kill -9` must not wait for it. Linux: state Z or X in
 * /proc/PID/stat (after the command name, which may hold spaces and parentheses); elsewhere a pid that answers lives.
 */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}

export type LeaseAttempt = { lease: WriteLease; replaced: LeaseHolder | null } | { busy: LeaseHolder };

function isBusyError(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * One attempt: free or held by a dead process → taken (in a short write transaction); held by a live one →
 * `busy` naming it. Never waits on SQLite's lock beyond a moment: a busy lock means a live writer.
 */
export function tryAcquireLease(db: Db, command: string, runId: number | null = null): LeaseAttempt {
  const seen = readLeaseHolder(db);
  if (seen && isHolderAlive(seen)) return { busy: seen };
  const now = new Date().toISOString();
  const mine: LeaseHolder = { runId, command, pid: process.pid, host: os.hostname(), startedAt: now, heartbeatAt: now };
  const previousTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 1000');
  try {
    const replaced = db
      .transaction((): { busy: LeaseHolder } | { replaced: LeaseHolder | null } => {
        const current = readLeaseHolder(db);
        if (current && isHolderAlive(current)) return { busy: current };
        db.prepare(
          `INSERT OR REPLACE INTO write_lease (id, run_id, command, pid, host, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
        ).run(mine.runId, mine.command, mine.pid, mine.host, mine.startedAt, mine.heartbeatAt);
        return { replaced: current };
      })
      .immediate();
    if ('busy' in replaced) return { busy: replaced.busy };
    return { lease: holdLease(db, mine), replaced: replaced.replaced };
  } catch (err) {
    if (!isBusyError(err)) throw err;
    // Someone is writing right now: the lease row names who (or a holder that just released: try again).
    const current = readLeaseHolder(db);
    return { busy: current ?? { ...mine, command: 'another writer', pid: 0, host: '?' } };
  } finally {
    db.pragma(`busy_timeout = ${previousTimeout}`);
  }
}

function holdLease(db: Db, holder: LeaseHolder): WriteLease {
  const mine = 'pid = ? AND host = ? AND started_at = ?';
  const key = [holder.pid, holder.host, holder.startedAt] as const;
  let released = false;
  const lease: WriteLease = {
    holder,
    setRunId(runId) {
      holder.runId = runId;
      db.prepare(`UPDATE write_lease SET run_id = ? WHERE ${mine}`).run(runId, ...key);
    },
    heartbeat() {
      if (released || !db.open) return;
      holder.heartbeatAt = new Date().toISOString();
      try {
        db.prepare(`UPDATE write_lease SET heartbeat_at = ? WHERE ${mine}`).run(holder.heartbeatAt, ...key);
      } catch (err) {
        if (!isBusyError(err)) throw err; // a curation being queued: the next beat will do
      }
    },
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (db.open) db.prepare(`DELETE FROM write_lease WHERE ${mine}`).run(...key);
    },
  };
  const timer = setInterval(() => lease.heartbeat(), HEARTBEAT_MS);
  timer.unref();
  return lease;
}

export interface AcquireOptions {
  /** runs.id of the holder, when known already. */
  runId?: number | null;
  /** Seconds to wait for a live holder to finish (Infinity: as long as it takes); 0 or absent: fail at once. */
  wait?: number;
  /** Told once when the lease is held by a live process and we wait. */
  onWait?: (holder: LeaseHolder) => void;
  pollMs?: number;
}

/** Takes the lease, waiting for a live holder up to `wait` seconds; else throws DatabaseBusyError naming it. */
export async function acquireWriteLease(db: Db, command: string, options: AcquireOptions = {}): Promise<{ lease: WriteLease; replaced: LeaseHolder | null }> {
  const wait = options.wait ?? 0;
  const deadline = Date.now() + wait * 1000;
  let told = false;
  for (;;) {
    const attempt = tryAcquireLease(db, command, options.runId ?? null);
    if ('lease' in attempt) return attempt;
    if (wait <= 0) throw new DatabaseBusyError(attempt.busy);
    if (Date.now() >= deadline) throw new DatabaseBusyError(attempt.busy, wait);
    if (!told) {
      options.onWait?.(attempt.busy);
      told = true;
    }
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 500, Math.max(10, deadline - Date.now()))));
  }
}
