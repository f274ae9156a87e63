// The tokenize stage: kuromoji for Japanese, koe's English tokenizer (natural's Porter stemmer), one Token type.
export { getKuromoji, provideSharedDictionary, releaseSharedDictionary, sharedDefaultDictionary } from './get-kuromoji.js';
export type { SharedDictionary } from './shared-dictionary.js';
export type { KuromojiTokenizer, TokenizerOptions } from './get-kuromoji.js';
export { createTokenizer } from './create-tokenizer.js';
export type { DocTokenizer } from './create-tokenizer.js';
export { contentTerms, isKuromojiToken } from './content-terms.js';
export type { ContentTermOptions } from './content-terms.js';
export { NEGATION_DETAIL, englishWordClass } from './english-tokens.js';
export { loadWordLists } from './word-lists.js';
export { EMOJI_DETAIL, MENTION_DETAIL, PLACEHOLDER_DETAIL } from './special-tokens.js';
export { KOE_DICT_DIR, bundledDictPath, defaultDictPath } from './dictionary-path.js';
