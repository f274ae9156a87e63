import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../src/ingest/index.js';

const text = 'お問い合わせへの対応が早くて助かりました。ありがとうございます。';

describe('detectEncoding', () => {
  it('reads BOMs', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), true)).toBe('utf8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]), true)).toBe('utf16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]), true)).toBe('utf16be');
  });

  it('takes valid UTF-8 (and plain ASCII) as UTF-8', () => {
    expect(detectEncoding(Buffer.from(text, 'utf8'), true)).toBe('utf8');
    expect(detectEncoding(Buffer.from('id,text\n1,hello\n'), true)).toBe('utf8');
  });

  it('takes Shift_JIS as CP932', () => {
    expect(detectEncoding(iconv.encode(text, 'cp932'), true)).toBe('cp932');
  });

  it('does not count a character cut by the end of the sample', () => {
    const bytes = Buffer.from(text, 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false)).toBe('utf8');
  });

  it('keeps mostly-good UTF-8 with a stray byte as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff]), Buffer.from(text, 'utf8')]);
    expect(detectEncoding(bytes, true)).toBe('utf8');
  });
});
