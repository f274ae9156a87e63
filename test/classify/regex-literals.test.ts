import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../src/classify/regex-literals.js';
import { matchCueInView, matchingCues, viewOfText } from '../../src/classify/match-cues.js';
import { loadKindCues } from '../../src/classify/kind-rules.js';
import { loadJourneyCues } from '../../src/classify/journey.js';
import { listInputFiles, readFeedback } from '../../src/ingest/index.js';
import { normalizeFeedback } from '../../src/normalize/index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

describe('requiredLiterals', () => {
  it.each([
    // an optional suffix: the stem is needed ("errors" contains "error")
    ['\\berrors?\\b', ['error']],
    // alternatives each needed alone
    ['不具合|バグ', ['不具合', 'バグ']],
    // a group with an optional particle expands while small
    ['画面が(白|黒)', ['画面が白', '画面が黒']],
    // a lookahead consumes nothing and requires nothing
    ['\\bcrash(es|ed|ing)?\\b(?! course)', ['crash']],
    // a small class is a set of characters, a class escape is any character
    ['recogni[sz]e\\w*', ['recognise', 'recognize']],
    // one unconstrained alternative: nothing can be required
    ['foo|\\w+', null],
    // back-references and case-insensitive regexes are not read
    ['(a)\\1', null],
  ])('/%s/u needs %j', (source, expected) => {
    expect(requiredLiterals(new RegExp(source, 'u'))).toEqual(expected);
  });

  it('reads no literals from a case-insensitive regex', () => {
    expect(requiredLiterals(/web|サイト/iu)).toBeNull();
  });
});

describe('matchingCues with the literal screen', () => {
  it('finds exactly the cues that running every regex finds, on every text of the bundled sample', async () => {
    const journey = loadJourneyCues();
    const lists = [loadKindCues(), journey.stages, journey.touchpoints];
    let hits = 0;
    for await (const item of readFeedback(listInputFiles([path.join(PACKAGE_ROOT, 'data')]))) {
      if (!item.ok) continue;
      const view = viewOfText(normalizeFeedback(item.row).text, []);
      for (const cues of lists) {
        const all = cues.filter((cue) => matchCueInView(cue.matcher, view));
        expect(matchingCues(cues, view)).toEqual(all);
        hits += all.length;
      }
    }
    expect(hits).toBeGreaterThan(1000);
  });
});
