import fs from 'node:fs';
import iconv from 'iconv-lite';
import { IngestFatalError } from './ingest-options.js';
import { SNIFF_BYTES, detectEncoding, type TextEncoding } from './detect-encoding.js';

export type EncodingOption = 'auto' | 'utf8' | 'shift_jis';

interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

function createDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'cp932') {
    const decoder = iconv.getDecoder('cp932');
    return { write: (b) => decoder.write(b), end: () => decoder.end() ?? '' };
  }
  // TextDecoder keeps a character split between chunks for the next call and drops a leading BOM.
  const label = encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
  const decoder = new TextDecoder(label, { fatal: false });
  return { write: (b) => decoder.decode(b, { stream: true }), end: () => decoder.decode() };
}

function fatal(file: string, err: unknown): IngestFatalError {
  if (err instanceof IngestFatalError) return err;
  const e = err as NodeJS.ErrnoException;
  const why =
    e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  return new IngestFatalError(file, `cannot read: ${why}`, err);
}

/**
 * Streams a file as decoded text, chunk by chunk. The encoding is chosen from the first 64 KiB (or forced);
 * `onEncoding` hears which one before the first chunk. Only read errors throw (IngestFatalError).
 */
export async function* readTextChunks(
  file: string,
  encoding: EncodingOption,
  onEncoding?: (encoding: TextEncoding) => void,
): AsyncGenerator<string> {
  let stream: fs.ReadStream;
  try {
    stream = fs.createReadStream(file, { highWaterMark: SNIFF_BYTES });
  } catch (err) {
    throw fatal(file, err);
  }
  const head: Buffer[] = [];
  let headBytes = 0;
  const start = (complete: boolean): ChunkDecoder => {
    const sample = Buffer.concat(head, headBytes);
    const chosen: TextEncoding =
      encoding === 'utf8' ? 'utf8' : encoding === 'shift_jis' ? 'cp932' : detectEncoding(sample, complete);
    onEncoding?.(chosen);
    return createDecoder(chosen);
  };
  // A forced encoding needs no sample: decode from the first byte.
  let decoder: ChunkDecoder | null = encoding === 'auto' ? null : start(false);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (decoder) {
        const text = decoder.write(chunk);
        if (text) yield text;
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) continue;
      decoder = start(false);
      const text = decoder.write(Buffer.concat(head, headBytes));
      head.length = 0;
      if (text) yield text;
    }
  } catch (err) {
    throw fatal(file, err);
  } finally {
    stream.destroy();
  }
  if (!decoder) {
    if (headBytes === 0) return;
    decoder = start(true);
    const text = decoder.write(Buffer.concat(head, headBytes));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
