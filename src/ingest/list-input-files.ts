import fs from 'node:fs';
import path from 'node:path';
import { IngestFatalError, type InputFormat } from './ingest-options.js';

const FORMAT_BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json-lines': 'jsonl',
};

/** The format a file's extension names (case-insensitive), or null. */
export function formatFromExtension(file: string): InputFormat | null {
  const lower = file.toLowerCase();
  for (const [ext, format] of Object.entries(FORMAT_BY_EXTENSION)) if (lower.endsWith(ext)) return format;
  return null;
}

function statOrFail(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new IngestFatalError(p, code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${(err as Error).message}`, err);
  }
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new IngestFatalError(dir, `cannot list directory: ${(err as Error).message}`, err);
  }
  const names = entries.map((e) => e.name).filter((name) => !name.startsWith('.'));
  names.sort();
  for (const name of names) {
    const full = path.join(dir, name);
    const stat = statOrFail(full);
    if (stat.isDirectory()) walk(full, out);
    else if (stat.isFile() && formatFromExtension(name)) out.push(full);
  }
}

/**
 * The files to read, in a repeatable order: each argument in the order given; a directory expands to the
 * supported files under it (.csv .tsv .tab .jsonl .ndjson .json-lines; hidden entries skipped), sorted by path.
 * A file named explicitly is read whatever its extension (its format is then sniffed). Each file appears once.
 * Throws IngestFatalError naming the path when one is missing or unreadable.
 */
export function listInputFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const stat = statOrFail(p);
    if (stat.isDirectory()) {
      walk(p, out);
      continue;
    }
    try {
      fs.accessSync(p, fs.constants.R_OK);
    } catch (err) {
      throw new IngestFatalError(p, 'cannot read: permission denied', err);
    }
    out.push(p);
  }
  return [...new Set(out)];
}
