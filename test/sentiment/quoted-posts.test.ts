import { describe, expect, it } from 'vitest';
import { scoreSentimentRules } from '../../src/sentiment/index.js';
import { withoutQuotedPosts } from '../../src/sentiment/quoted-posts.js';
import { makeDoc } from './make-doc.js';

describe('withoutQuotedPosts', () => {
  it('drops a retweet to the end of the post and keeps the comment before it', () => {
    expect(withoutQuotedPosts(['So true RT @brand: Our new seats are amazing!', 'Book now.'])).toEqual(['So true', '']);
  });
  it('drops a quoted post, also when it spans sentences, and keeps what follows the closing quote', () => {
    expect(withoutQuotedPosts(['“@brand: Fares are the best.', 'Book today!” never again'])).toEqual(['', ' never again']);
  });
  it('leaves a post without quotes as it is', () => {
    expect(withoutQuotedPosts(['The seat was "fine".', 'Thanks @crew!'])).toEqual(['The seat was "fine".', 'Thanks @crew!']);
  });
});

describe('quoted posts in the sentiment score', () => {
  it('the brand’s praise in a quote is not the customer’s praise', async () => {
    const quoted = scoreSentimentRules(await makeDoc('Ok. “@brand: Our amazing crew is the best in the sky!”'));
    const ownWords = scoreSentimentRules(await makeDoc('Ok. Our amazing crew is the best in the sky!'));
    expect(ownWords.label).toBe('positive');
    expect(quoted.label).toBe('neutral');
  });
});
