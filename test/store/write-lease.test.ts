import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { acquireWriteLease, DatabaseBusyError, isHolderAlive, readLeaseHolder, STALE_MS, tryAcquireLease } from '../../src/store/write-lease.js';

/** A pid that belonged to a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function putHolder(db: ReturnType<typeof openStore>['db'], holder: { pid: number; host: string; heartbeatAt: string; runId?: number }): void {
  db.prepare(`INSERT OR REPLACE INTO write_lease (id, run_id, command, pid, host, started_at, heartbeat_at) VALUES (1, ?, 'koe run x', ?, ?, ?, ?)`).run(
    holder.runId ?? null,
    holder.pid,
    holder.host,
    '2026-12-01T00:00:00.000Z',
    holder.heartbeatAt,
  );
}

/**
 * A process that has exited but is not reaped: a shell whose background child ends after the shell became `sleep`.
 * The child sleeps a moment first: one that ended before the `exec` could be reaped by the shell itself.
 */
async function withZombie(use: (pid: number) => void): Promise<void> {
  const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (b: Buffer) => resolve(Number(b.toString().trim()))));
    // The child has exited once its /proc entry says so; `sleep` never waits for it.
    for (let i = 0; i < 100 && !/\) [ZX]/.test(readStat(pid)); i++) await new Promise((r) => setTimeout(r, 20));
    use(pid);
  } finally {
    parent.kill();
  }
}

function readStat(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

describe('write lease', () => {
  it.runIf(process.platform === 'linux')('counts a killed process its parent has not reaped yet as gone, and a live one as alive', async () => {
    const host = os.hostname();
    const now = new Date().toISOString();
    await withZombie((pid) => {
      expect(readStat(pid)).toMatch(/\) Z/);
      expect(isHolderAlive({ runId: 1, command: 'koe run', pid, host, startedAt: now, heartbeatAt: now })).toBe(false);
    });
    expect(isHolderAlive({ runId: 1, command: 'koe run', pid: process.pid, host, startedAt: now, heartbeatAt: now })).toBe(true);
  });

  it('is taken when free, refused naming the holder while it lives, and free again once released', async () => {
    const { db, close } = openStore(':memory:');
    const first = tryAcquireLease(db, 'koe run a.csv');
    if (!('lease' in first)) throw new Error('expected the lease');
    first.lease.setRunId(7);
    const second = tryAcquireLease(db, 'koe run b.csv');
    expect(second).toMatchObject({ busy: { runId: 7, command: 'koe run a.csv', pid: process.pid } });
    await expect(acquireWriteLease(db, 'koe run b.csv')).rejects.toThrow(/run 7 \(koe run a\.csv\), pid \d+ on .*started .*--wait/);
    await expect(acquireWriteLease(db, 'koe run b.csv', { wait: 0.05, pollMs: 10 })).rejects.toBeInstanceOf(DatabaseBusyError);
    first.lease.release();
    expect(readLeaseHolder(db)).toBeNull();
    expect('lease' in tryAcquireLease(db, 'koe run b.csv')).toBe(true);
    close();
  });

  it('waits for a live holder and takes the lease when it is released', async () => {
    const { db, close } = openStore(':memory:');
    const first = tryAcquireLease(db, 'koe run a.csv');
    if (!('lease' in first)) throw new Error('expected the lease');
    let told = 0;
    const waiting = acquireWriteLease(db, 'koe run b.csv', { wait: 10, pollMs: 10, onWait: () => told++ });
    setTimeout(() => first.lease.release(), 50);
    const { lease } = await waiting;
    expect(lease.holder.command).toBe('koe run b.csv');
    expect(told).toBe(1);
    close();
  });

  it('replaces a holder whose process is gone (same host: by pid) or stale (another host: by heartbeat)', () => {
    const { db, close } = openStore(':memory:');
    const host = readHost();
    putHolder(db, { pid: deadPid(), host, heartbeatAt: new Date().toISOString(), runId: 3 });
    const taken = tryAcquireLease(db, 'koe run');
    expect(taken).toMatchObject({ replaced: { runId: 3 } });
    if ('lease' in taken) taken.lease.release();

    // Another machine sharing the file: alive while it beats, replaced once it has been silent for STALE_MS.
    putHolder(db, { pid: 1, host: 'elsewhere', heartbeatAt: new Date().toISOString() });
    expect('busy' in tryAcquireLease(db, 'koe run')).toBe(true);
    putHolder(db, { pid: 1, host: 'elsewhere', heartbeatAt: new Date(Date.now() - STALE_MS - 1000).toISOString() });
    expect(isHolderAlive(readLeaseHolder(db)!)).toBe(false);
    expect('lease' in tryAcquireLease(db, 'koe run')).toBe(true);
    close();
  });
});

function readHost(): string {
  return os.hostname();
}
