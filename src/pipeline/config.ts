import fs from 'node:fs';
import os from 'node:os';
import type { IngestOptions } from '../ingest/index.js';
import type { SentimentConfig } from '../sentiment/index.js';
import type { KindConfig } from '../classify/index.js';
import { checkConfig } from './check-config.js';

/** Everything a run needs, as a plain object (koe.config.json has the same shape). */
export interface KoeConfig {
  ingest: IngestOptions;
  sentiment: SentimentConfig;
  kind: KindConfig;
  /** Passed to the themes stage as it is (see src/themes). */
  themes: Record<string, unknown>;
  /** Documents per batch: one batch is analyzed by one worker and written in one go. */
  batchSize: number;
  /**
   * Characters of text per batch at most: a batch ends at `batchSize` documents or at this much text, whichever
   * comes first, so that long documents (ticket threads, e-mails) make smaller batches and memory stays bounded
   * (1,000 tickets of 20,000 characters: peak RSS 3.6 GB in batches of 500, 1.6 GB at 250,000 characters). Short
   * feedback (500 characters or less on average) still makes full batches.
   */
  batchChars: number;
  /**
   * Worker threads for tokenizing and analysis; 0 analyzes on the main thread. When not configured, a run uses
   * this default, or none for inputs under 4 MiB (see workersFor in run-koe.ts).
   */
  workers: number;
  /** Fail the run (and roll it back) on the first rejected row. */
  strict: boolean;
  /** Skip theme discovery (themes can be built later with `koe themes rebuild`). */
  skipThemes: boolean;
  /** IANA time zone of every period bucket (trends, emerging, metrics, report, serve); `--timezone` overrides. */
  timeZone: string;
}

export const DEFAULT_CONFIG: KoeConfig = {
  ingest: {},
  sentiment: { backend: 'rules' },
  kind: { backend: 'rules' },
  themes: {},
  batchSize: 500,
  batchChars: 250_000,
  // Both cores analyze; the main thread's reading and writing is light by comparison.
  workers: Math.max(1, Math.min(4, os.availableParallelism())),
  strict: false,
  skipThemes: false,
  timeZone: 'UTC',
};

export type KoeConfigInput = { [K in keyof KoeConfig]?: KoeConfig[K] extends object ? Partial<KoeConfig[K]> : KoeConfig[K] };

/** Later layers win; nested objects are merged one level deep. */
export function resolveConfig(...layers: (KoeConfigInput | undefined)[]): KoeConfig {
  const out: KoeConfig = structuredClone(DEFAULT_CONFIG);
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as [keyof KoeConfig, unknown][]) {
      if (value === undefined) continue;
      const current = out[key];
      if (current && typeof current === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
        Object.assign(current, value);
      } else {
        (out as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }
  if (!Number.isInteger(out.batchSize) || out.batchSize < 1) {
    throw new Error(`batchSize must be a positive integer, got ${String(out.batchSize)}`);
  }
  if (!Number.isInteger(out.batchChars) || out.batchChars < 1) {
    throw new Error(`batchChars must be a positive integer, got ${String(out.batchChars)}`);
  }
  if (!Number.isInteger(out.workers) || out.workers < 0) {
    throw new Error(`workers must be 0 or a positive integer, got ${String(out.workers)}`);
  }
  return out;
}

/** Reads koe.config.json; an unknown key at any depth is an error naming the file, its path and the valid keys. */
export function readConfigFile(file: string): KoeConfigInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read config: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file}: the config must be a JSON object`);
  }
  checkConfig(parsed, file);
  return parsed as KoeConfigInput;
}
