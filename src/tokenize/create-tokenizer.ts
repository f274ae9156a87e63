import type { Doc, Lang, Token, TokenizedDoc } from '../types.js';
import { contentTerms, type ContentTermOptions } from './content-terms.js';
import { EnglishWordAnalyzer, pushEnglishTokens } from './english-tokens.js';
import { getKuromoji } from './get-kuromoji.js';
import type { TokenizerOptions } from './get-kuromoji.js';
import { pushJapaneseTokens } from './japanese-tokens.js';
import { loadWordLists } from './word-lists.js';

export interface DocTokenizer {
  /** Tokens of one piece of text; `sentence` is stored in each Token (default 0). */
  tokenizeText(text: string, lang: Lang, sentence?: number): Token[];
  /** Tokens for every sentence of the doc (Token.sentence = index in doc.sentences), plus `terms`. */
  tokenize(doc: Doc): TokenizedDoc;
}

const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/**
 * A tokenizer for both languages. Japanese sentences go whole through kuromoji (Latin words included, lowercased);
 * English and 'other' docs, and sentences of a Japanese doc without any kana or kanji, through koe's English
 * tokenizer, which hands Japanese runs to kuromoji.
 */
export async function createTokenizer(options: TokenizerOptions & ContentTermOptions = {}): Promise<DocTokenizer> {
  const kuromoji = await getKuromoji(options);
  const lists = loadWordLists();
  const english = new EnglishWordAnalyzer(lists);

  const pushText = (text: string, lang: Lang, sentence: number, out: Token[]): void => {
    // An all-Latin sentence in a Japanese doc ("Great service!") reads better with the English rules.
    if (lang === 'ja' && JAPANESE_SCRIPT.test(text)) pushJapaneseTokens(kuromoji, text, sentence, lists, out);
    else pushEnglishTokens(english, kuromoji, text, sentence, lists, out);
  };

  return {
    tokenizeText(text, lang, sentence = 0) {
      const out: Token[] = [];
      pushText(text, lang, sentence, out);
      return out;
    },
    tokenize(doc) {
      const tokens: Token[] = [];
      // A doc whose sentence splitter found nothing still has its text.
      const sentences = doc.sentences.length > 0 ? doc.sentences : doc.text.trim() === '' ? [] : [doc.text];
      sentences.forEach((s, i) => pushText(s, doc.lang, i, tokens));
      return { ...doc, tokens, terms: contentTerms(tokens, doc.lang, options) };
    },
  };
}
