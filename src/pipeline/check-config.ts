import { CONSTANT_FIELDS, FIELD_NAMES, INGEST_OPTION_KEYS } from '../ingest/index.js';
import { RATING_SCALES } from '../ingest/parse-rating.js';
import { OPTION_KEYS as THEME_KEYS } from './update-themes.js';
import { DEFAULT_CONFIG } from './config.js';

/** The keys an object may have; a nested schema for values that are objects themselves; null: any keys (a map). */
interface ObjectSchema {
  keys: Record<string, ObjectSchema | 'value'>;
}

const value = 'value' as const;
const keysOf = (names: readonly string[]): ObjectSchema => ({ keys: Object.fromEntries(names.map((n) => [n, value])) });

/**
 * koe.config.json as the run reads it, at every depth (labelMap's keys are the model's labels: free). The top
 * level is DEFAULT_CONFIG's keys, so a new setting is accepted as soon as it has a default. Built on first use
 * (config.ts imports this module).
 */
let schema: ObjectSchema | null = null;
function configSchema(): ObjectSchema {
  schema ??= {
    keys: {
      ...keysOf(Object.keys(DEFAULT_CONFIG)).keys,
      ingest: {
        keys: {
          ...keysOf(INGEST_OPTION_KEYS).keys,
          fieldMap: keysOf(FIELD_NAMES),
          ratings: keysOf(Object.keys(RATING_SCALES)),
          set: keysOf(CONSTANT_FIELDS),
        },
      },
      sentiment: keysOf(['backend', 'neutralBand', 'modelDir', 'batchSize', 'labelMap', 'allowRemote', 'dtype', 'model']),
      kind: keysOf(['backend', 'model']),
      themes: keysOf(THEME_KEYS),
    },
  };
  return schema;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The valid key closest to a misspelled one, if it is close (case or one or two letters off). */
export function closestKey(key: string, valid: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const v of valid) {
    const d = v.toLowerCase() === key.toLowerCase() ? 0.5 : distance(key.toLowerCase(), v.toLowerCase());
    if (d < bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : null;
}

/** Thrown for a config with an unknown key or a wrongly shaped section; the message names the path. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Checks a config object at every depth: an unknown key fails naming its path, the valid keys and the closest
 * one ("ingest.timeZone: unknown key … did you mean "timezone"?"). `where` prefixes the message (a file name).
 */
export function checkConfig(config: unknown, where = 'config'): void {
  walk(config, configSchema(), [], where);
}

function walk(node: unknown, schema: ObjectSchema, path: string[], where: string): void {
  const at = path.length === 0 ? where : `${where}: ${path.join('.')}`;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new ConfigError(`${at} must be an object, got ${Array.isArray(node) ? 'an array' : JSON.stringify(node)}`);
  }
  const valid = Object.keys(schema.keys);
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    const sub = schema.keys[key];
    if (sub === undefined) {
      const near = closestKey(key, valid);
      const name = [...path, key].join('.');
      throw new ConfigError(
        `${where}: unknown key "${name}"${near ? ` — did you mean "${[...path, near].join('.')}"?` : ''} (valid keys${path.length > 0 ? ` in ${path.join('.')}` : ''}: ${valid.join(', ')})`,
      );
    }
    if (sub !== value && child !== undefined) walk(child, sub, [...path, key], where);
  }
}
