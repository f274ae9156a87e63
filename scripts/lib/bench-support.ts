// Shared by the bench scripts: generated inputs (cached in the temp directory), peak memory and peak disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFeedbackGenerator } from './feedback-generator.js';

/** A JSONL file of `rows` generated rows (seeded), written once and reused from the temp directory. */
export function generatedInput(rows: number, seed = 12): string {
  const file = path.join(os.tmpdir(), `koe-bench-varied-${rows}-${seed}.jsonl`);
  if (fs.existsSync(file)) return file;
  const next = createFeedbackGenerator(seed);
  const tmp = `${file}.${process.pid}.part`;
  const fd = fs.openSync(tmp, 'w');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += JSON.stringify(next()) + '\n';
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return file;
}

/** Peak resident memory of this process, main and worker threads together (they share one address space). */
export function peakRssBytes(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

/** The database file with its -wal and -shm, in bytes. */
export function databaseBytes(db: string): number {
  let total = 0;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) {
    try {
      total += fs.statSync(f).size;
    } catch {
      // not there (yet)
    }
  }
  return total;
}

/** Samples databaseBytes every `everyMs`; stop() returns the peak. */
export function watchDisk(db: string, everyMs = 250): { stop(): number; peak(): number } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, databaseBytes(db))), everyMs);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, databaseBytes(db));
      return peak;
    },
  };
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
