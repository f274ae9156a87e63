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

/** Formats people try that koe does not read, and what to do instead. */
const UNSUPPORTED_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.xlsx': 'an Excel workbook',
  '.xlsm': 'an Excel workbook',
  '.xls': 'an Excel workbook',
  '.ods': 'an OpenDocument spreadsheet',
  '.numbers': 'a Numbers document',
  '.parquet': 'a Parquet file',
  '.pdf': 'a PDF',
  '.zip': 'a zip archive',
  '.gz': 'a gzip archive',
};

/** Why a file cannot be read, from its extension (null when it may be readable). */
export function unsupportedFormat(file: string): string | null {
  const lower = file.toLowerCase();
  for (const [ext, what] of Object.entries(UNSUPPORTED_BY_EXTENSION)) {
    if (lower.endsWith(ext)) return `${what} (${ext}) is not a supported format: save it as CSV (UTF-8) or JSON Lines`;
  }
  return null;
}

/** A file to read and its identity for id-less rows: its path below the directory given, or its name. */
export interface InputFile {
  file: string;
  sourceKey: string;
}

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

function walk(dir: string, out: string[], skipped: string[]): void {
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
    if (stat.isDirectory()) walk(full, out, skipped);
    else if (stat.isFile() && formatFromExtension(name)) out.push(full);
    else if (stat.isFile() && unsupportedFormat(name)) skipped.push(full);
  }
}

/**
 * The files to read, in a repeatable order: each argument in the order given; a directory expands to the
 * supported files under it (.csv .tsv .tab .jsonl .ndjson .json-lines; hidden entries skipped), sorted by path.
 * A file named explicitly is read whatever its extension (its format is then sniffed), unless the extension says
 * it is a spreadsheet or archive. Each file appears once. Throws IngestFatalError naming the path when one is
 * missing, unreadable or not a supported format. `skipped` lists spreadsheets found in directories.
 */
export function listInputs(paths: string[]): { inputs: InputFile[]; skipped: string[] } {
  const inputs: InputFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, sourceKey: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    inputs.push({ file, sourceKey });
  };
  for (const p of paths) {
    const stat = statOrFail(p);
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(p, found, skipped);
      for (const f of found) add(f, path.relative(p, f).split(path.sep).join('/'));
      continue;
    }
    const unsupported = unsupportedFormat(p);
    if (unsupported) throw new IngestFatalError(p, unsupported);
    try {
      fs.accessSync(p, fs.constants.R_OK);
    } catch (err) {
      throw new IngestFatalError(p, 'cannot read: permission denied', err);
    }
    add(p, path.basename(p));
  }
  return { inputs, skipped };
}

/** The files of listInputs, without their identities. */
export function listInputFiles(paths: string[]): string[] {
  return listInputs(paths).inputs.map((i) => i.file);
}
