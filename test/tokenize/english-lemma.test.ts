import { describe, expect, it } from 'vitest';
import { englishLemma } from '../../src/tokenize/english-lemma.js';
import { loadWordLists } from '../../src/tokenize/word-lists.js';

// Pure function over the shipped exception list: no kuromoji needed.
const { enLexicon } = loadWordLists();

describe('englishLemma', () => {
  it.each([
    // plurals
    ['deliveries', 'delivery'],
    ['refunds', 'refund'],
    ['boxes', 'box'],
    ['crashes', 'crash'],
    ['charges', 'charge'],
    ['addresses', 'address'],
    ['status', 'status'], // -us is not a plural
    ['analytics', 'analytics'], // -ics kept
    ['movies', 'movie'], // exception list
    ['children', 'child'],
    ['news', 'news'],
    // -ed
    ['crashed', 'crash'],
    ['delayed', 'delay'],
    ['stopped', 'stop'], // doubled consonant
    ['charged', 'charge'], // silent e restored
    ['updated', 'update'],
    ['used', 'use'],
    ['closed', 'close'],
    ['arrived', 'arrive'],
    ['ordered', 'order'],
    ['opened', 'open'],
    ['tried', 'try'],
    ['cancelled', 'cancel'],
    ['disappointed', 'disappointed'], // feeling adjectives kept
    // -ing
    ['crashing', 'crash'],
    ['logging', 'log'],
    ['making', 'make'],
    ['freezing', 'freeze'],
    ['shipping', 'shipping'], // topic nouns kept
    ['thing', 'thing'],
    ['string', 'string'],
    // irregular
    ['went', 'go'],
    ['paid', 'pay'],
    ['was', 'be'],
    // short and odd words untouched
    ['app', 'app'],
    ["don't", "don't"],
    ['wi-fi', 'wi-fi'],
  ])('%s → %s', (word, lemma) => {
    expect(englishLemma(word, enLexicon)).toBe(lemma);
  });
});
