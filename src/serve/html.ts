// A tiny HTML template tag: every interpolated value is escaped unless it is already markup made by this tag (or
// marked with raw() for fixed strings such as an SVG built from numbers). Arrays are joined.
import { escapeHtml } from '../report/escape-html.js';

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (s: string): Markup => new Markup(s);

function part(v: unknown): string {
  if (v instanceof Markup) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return new Markup(out);
}

/** The text with every occurrence of the search terms wrapped in <mark> (case-insensitive), all of it escaped. */
export function highlight(text: string, terms: readonly string[]): Markup {
  if (terms.length === 0) return new Markup(escapeHtml(text));
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const t of terms) {
    const needle = t.toLowerCase();
    if (!needle) continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) ranges.push([i, i + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const start = Math.max(s, at);
    out += escapeHtml(text.slice(at, start)) + `<mark>${escapeHtml(text.slice(start, e))}</mark>`;
    at = e;
  }
  return new Markup(out + escapeHtml(text.slice(at)));
}
