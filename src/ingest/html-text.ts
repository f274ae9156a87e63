import { createRequire } from 'node:module';
import type * as HtmlToText from 'html-to-text';

// Loaded on the first HTML text: most inputs have none, and the library is not small.
const require = createRequire(import.meta.url);
let convert: typeof HtmlToText.convert | null = null;

// Tags that mark a text as HTML (a lone "<" or "a < b > c" does not): block and inline elements that help desks
// and chat tools write, and entities.
const HTML_HINT = /<\/?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|table|tr|td|th|img|blockquote|pre|code|font|hr)\b[^>]*>|&(?:nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i;

const OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

/** True when the text holds HTML tags or entities. */
export function looksLikeHtml(text: string): boolean {
  return text.includes('<') || text.includes('&') ? HTML_HINT.test(text) : false;
}

/** HTML as the plain text a person reads: tags dropped, entities decoded, paragraphs and <br> as line breaks. */
export function htmlToText(html: string): string {
  convert ??= (require('html-to-text') as typeof HtmlToText).convert;
  return convert(html, OPTIONS).replace(/\n{3,}/g, '\n\n').trim();
}
