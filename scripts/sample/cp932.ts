// Keeps the survey file representable in Shift_JIS (CP932), as a Japanese Excel export would be.

import iconv from 'iconv-lite';

/** Characters with a CP932 look-alike: what a Windows IME would have typed instead. */
const SUBSTITUTES: Record<string, string> = { '〜': '～', '¥': '￥', '−': '－', '—': '―', '–': '-', '♡': '♪' };

/** Replaces look-alikes, drops what CP932 cannot hold (emoji, variation selectors), and tidies spaces. */
export function toCp932Safe(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = SUBSTITUTES[ch] ?? ch;
    if (iconv.decode(iconv.encode(c, 'cp932'), 'cp932') === c) out += c;
  }
  return out.replace(/ {2,}/g, ' ').replace(/ +$/gm, '').trim();
}

export function roundTripsInCp932(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'cp932'), 'cp932') === text;
}
