import { describe, expect, it } from 'vitest';
import { detectEmotions } from '../../src/sentiment/index.js';
import { makeDoc } from './make-doc.js';

describe('detectEmotions', () => {
  it.each([
    // [text, an emotion that must be found, why]
    ['とても嬉しかったです。', 'joy', 'ML-Ask 喜 → joy'],
    ['対応にイライラしました。', 'anger', 'koe list: イライラ'],
    ['料理が期待外れでがっかりしました。', 'sadness', 'がっかり → sadness'],
    ['夜道が暗くて怖かったです。', 'fear', '怖い → fear'],
    ['部屋が汚くて不潔でした。', 'disgust', '不潔 → disgust'],
    ['スタッフの方のおかげで安心して泊まれました。', 'trust', '安心 → trust'],
    ['次の旅行が楽しみです。', 'anticipation', '楽しみ → anticipation'],
    ['サプライズにびっくりしました。', 'surprise', 'びっくり → surprise'],
    ['I am so happy with the upgrade.', 'joy', 'happy'],
    ['I am furious about the fees.', 'anger', 'furious'],
    ['Really disappointed with the delivery.', 'sadness', 'disappointed'],
    ['I was scared the bag was lost.', 'fear', 'scared'],
    ['The bathroom was disgusting.', 'disgust', 'disgusting'],
    ['Relieved that support sorted it out.', 'trust', 'relieved'],
    ["Can't wait for the new version!", 'anticipation', "can't wait (a phrase, not a negation)"],
    ['Wow, I was shocked by the price.', 'surprise', 'shocked'],
  ])('%s → %s (%s)', async (text, emotion) => {
    expect(detectEmotions(await makeDoc(text))).toContain(emotion);
  });

  it.each([
    ['3月に2泊しました。', 'no emotion words'],
    ['The flight leaves at 9.', 'no emotion words'],
    ['嬉しくなかったです。', 'negated joy'],
    ['I am not happy with this.', 'negated joy'],
  ])('empty list: %s (%s)', async (text) => {
    expect(detectEmotions(await makeDoc(text))).toEqual([]);
  });
});
