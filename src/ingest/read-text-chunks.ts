import fs from 'node:fs';
import iconv from 'iconv-lite';
import { IngestFatalError } from './ingest-options.js';
import { SNIFF_BYTES, detectEncoding, type TextEncoding } from './detect-encoding.js';
import { UNDECODABLE } from './row-reader.js';

export type EncodingOption = 'auto' | 'utf8' | 'shift_jis' | 'utf16le' | 'utf16be';

/** Where a UTF-8 sequence cut by the end of `b` begins (b.length when the last character is complete). */
function completeUpTo(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Decodes UTF-8 with every byte that is not UTF-8 turned into UNDECODABLE, so U+FFFD in the file stays text. */
function markUndecodable(b: Buffer): string {
  let out = '';
  let start = 0;
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < n;
    if (ok) {
      for (let k = 1; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) ok = false;
      if (ok && need === 2) {
        const second = b[i + 1]!;
        if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f)) ok = false; // overlong, surrogate
      } else if (ok && need === 3) {
        const second = b[i + 1]!;
        if ((c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) ok = false;
      }
    }
    if (ok) {
      i += need + 1;
      continue;
    }
    out += b.toString('utf8', start, i) + UNDECODABLE;
    i++;
    start = i;
  }
  return out + b.toString('utf8', start, n);
}

interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * UTF-8, chunk by chunk: the platform's streaming decoder, and only when a chunk decodes to U+FFFD a second look at
 * its bytes that tells EF BF BD (a real U+FFFD, kept as text) from bytes that are not UTF-8 (UNDECODABLE).
 */
class Utf8Decoder implements ChunkDecoder {
  private decoder = new TextDecoder('utf-8');
  /** The bytes of a character cut by the end of the last chunk (the decoder holds them too). */
  private pending: Buffer | null = null;
  private first = true;

  write(bytes: Buffer): string {
    const cut = completeUpTo(bytes);
    const text = this.decoder.decode(bytes, { stream: true });
    const before = this.pending;
    this.pending = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : null;
    const first = this.first;
    this.first = false;
    if (!text.includes('\uFFFD')) return text;
    // Decode this chunk again, marking bytes that are not UTF-8; a fresh decoder then holds the cut character.
    const whole = before ? Buffer.concat([before, bytes.subarray(0, cut)]) : bytes.subarray(0, cut);
    let marked = markUndecodable(whole);
    if (first && marked.charCodeAt(0) === 0xfeff) marked = marked.slice(1); // the BOM, as the decoder drops it
    this.decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    if (this.pending) this.decoder.decode(this.pending, { stream: true });
    return marked;
  }

  end(): string {
    const rest = this.decoder.decode();
    if (!rest.includes('\uFFFD')) return rest;
    const pending = this.pending;
    this.pending = null;
    return pending ? markUndecodable(pending) : rest;
  }
}

function createDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'cp932') {
    // U+FFFD cannot be written in Shift_JIS: every one the decoder gives is a byte it could not read.
    const decoder = iconv.getDecoder('cp932');
    const mark = (t: string): string => (t.includes('\uFFFD') ? t.replaceAll('\uFFFD', UNDECODABLE) : t);
    return { write: (b) => mark(decoder.write(b)), end: () => mark(decoder.end() ?? '') };
  }
  if (encoding === 'utf8') return new Utf8Decoder();
  // TextDecoder keeps a character split between chunks for the next call and drops a leading BOM.
  const label = encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
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
      encoding === 'auto' ? detectEncoding(sample, complete) : encoding === 'shift_jis' ? 'cp932' : encoding;
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
