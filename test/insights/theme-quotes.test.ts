// Quotes of a theme for the report and the workspace: most central first, one of each near-identical text.
import { afterEach, describe, expect, it } from 'vitest';
import { themeQuotes } from '../../src/insights/theme-quotes.js';
import { createFixture, type Fixture } from './fixture-db.js';

let fx: Fixture | undefined;
afterEach(() => fx?.close());

describe('themeQuotes', () => {
  it('shows a request written again with another greeting once, and the next different voice instead', () => {
    fx = createFixture()
      .addThemes([{ id: 't1', label: 'order history export' }])
      .addDocs([
        { id: 'a', theme: 't1', themeScore: 0.9, kind: 'feature_request', text: 'Hi there, Could you add a way to export my order history as CSV? Is this on your roadmap?' },
        { id: 'b', theme: 't1', themeScore: 0.8, kind: 'feature_request', text: 'Hi, Could you add a way to export my order history as CSV? Thank you.' },
        { id: 'c', theme: 't1', themeScore: 0.7, kind: 'feature_request', text: '注文履歴をCSVで出力できるようにしてください。' },
      ]);
    expect(themeQuotes(fx.db, 't1', { limit: 2 }).map((q) => q.docId)).toEqual(['a', 'c']);
    expect(themeQuotes(fx.db, 't1', { limit: 3 }).map((q) => q.docId)).toEqual(['a', 'c']);
  });

  it('keeps two texts on one topic that say different things', () => {
    fx = createFixture()
      .addThemes([{ id: 't1', label: 'delivery delay' }])
      .addDocs([
        { id: 'a', theme: 't1', themeScore: 0.9, text: 'My parcel is three days late and nobody answers.' },
        { id: 'b', theme: 't1', themeScore: 0.8, text: 'Delivery was late again, the driver never called.' },
      ]);
    expect(themeQuotes(fx.db, 't1', { limit: 2 }).map((q) => q.docId)).toEqual(['a', 'b']);
  });
});
