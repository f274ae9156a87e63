import iconv from 'iconv-lite';

/** The encodings koe decodes. CP932 is Shift_JIS as Windows and Excel write it (with NEC/IBM extensions). */
export type TextEncoding = 'utf8' | 'cp932' | 'utf16le' | 'utf16be';

/** How much of a file is looked at to tell its encoding. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Tells the encoding from the first bytes of a file: a BOM decides; then UTF-16 by its zero bytes; valid UTF-8 is UTF-8, and text that
 * is not is CP932 — unless it is mostly good UTF-8 with a few broken bytes, which stays UTF-8 so that only the
 * damaged rows are rejected rather than the whole file turning into mojibake.
 * `complete` says the sample is the whole file (otherwise a character cut at its end is not an error).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  const utf16 = sniffUtf16(sample);
  if (utf16) return utf16;
  const { multibyte, invalid } = scanUtf8(sample, complete);
  if (invalid === 0) return 'utf8';
  if (multibyte >= invalid * 4) return 'utf8';
  const decoded = iconv.getDecoder('cp932').write(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength));
  let cp932Invalid = 0;
  for (let k = decoded.indexOf('\uFFFD'); k !== -1; k = decoded.indexOf('\uFFFD', k + 1)) cp932Invalid++;
  return cp932Invalid < invalid ? 'cp932' : 'utf8';
}

/**
 * UTF-16 without a BOM (some exporters write none): text with ASCII in it has a zero byte in every other
 * position — the odd ones in little-endian, the even ones in big-endian — which UTF-8 and CP932 text never has.
 */
function sniffUtf16(b: Uint8Array): TextEncoding | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf16be';
  return null;
}

/** Counts well-formed multibyte UTF-8 sequences and bytes that cannot be UTF-8. */
function scanUtf8(b: Uint8Array, complete: boolean): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      invalid++;
      i++;
      continue;
    }
    if (!complete && i + need >= n) break; // a character cut at the sample's end
    let cp = c & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}
