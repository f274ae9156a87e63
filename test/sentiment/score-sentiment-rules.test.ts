import { describe, expect, it } from 'vitest';
import { scoreSentimentRules } from '../../src/sentiment/index.js';
import { asks, labelFor, neutralBandFor } from '../../src/sentiment/score-sentiment-rules.js';
import { languageCalibration } from '../../src/sentiment/text-cues.js';
import { makeDoc } from './make-doc.js';

async function score(text: string): Promise<number> {
  return scoreSentimentRules(await makeDoc(text)).score;
}

describe('scoreSentimentRules: lexicon polarity', () => {
  // [text, expected sign, why]
  const cases: [string, 1 | -1, string][] = [
    ['部屋が綺麗でした。', 1, 'cleanliness praise (CX lexicon)'],
    ['スタッフの対応が丁寧で親切でした。', 1, 'staff praise'],
    ['対応が悪い。', -1, 'noun+が+adjective phrase'],
    ['荷物が届かない。', -1, 'verb+ない phrase entry 届かない'],
    ['電話が繋がらない。', -1, 'support: cannot get through'],
    ['また利用します。', 1, 'intent to return (また + verb)'],
    ['ありがとうございました。', 1, 'thanks'],
    ['部屋が狭くて古い。', -1, 'two negative hotel words'],
    ['The room was clean and the staff were friendly.', 1, 'VADER + CX words'],
    ['Still waiting for my refund.', -1, 'CX phrase "still waiting"'],
    ['My flight was delayed and they lost my bag.', -1, 'travel complaints'],
    ['Works great, thanks!', 1, 'CX phrase "works great" + thanks'],
  ];
  it.each(cases)('%s → sign %i (%s)', async (text, sign) => {
    expect(Math.sign(await score(text))).toBe(sign);
  });
});

describe('scoreSentimentRules: rules', () => {
  it.each([
    // [plain, negated, why]
    ['部屋が綺麗でした。', '部屋が綺麗ではなかった。', 'ではなかった negates a positive'],
    ['満足できました。', '満足できませんでした。', 'ません negates through できる'],
    ['The room was clean.', 'The room was not clean.', 'not negates'],
    ['The app works.', "The app doesn't work well.", "n't negates"],
  ])('negation flips a positive: %s / %s (%s)', async (plain, negated) => {
    expect(await score(plain)).toBeGreaterThan(0);
    expect(await score(negated)).toBeLessThan(0);
  });

  it.each([
    // negating a complaint gives a mild positive, weaker than praise
    ['問題はありませんでした。', 'ありません clears 問題'],
    ['騒音も気になりませんでした。', 'the negated predicate clears the complaint before it'],
    ['The food was not bad.', 'not bad'],
  ])('negation of a negative is mildly positive: %s (%s)', async (text) => {
    const s = await score(text);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(0.5);
  });

  it('emphatic 〜でなりません is not negation', async () => {
    expect(await score('残念でなりません。')).toBeLessThan(0);
  });

  it.each([
    // [text, expected sign, why]: the clause after the contrast decides
    ['部屋は狭いけど、スタッフはとても親切でした。', 1, 'けど: later praise wins'],
    ['スタッフは親切だけど、部屋が狭い。', -1, 'けど: later complaint wins'],
    ['料理は美味しかったが、部屋が汚かった。', -1, '接続助詞 が'],
    ['The staff were friendly but the room was dirty.', -1, 'but'],
    ['The room was dirty, however the staff were lovely.', 1, 'however'],
  ])('contrast: %s → %i (%s)', async (text, sign) => {
    expect(Math.sign(await score(text))).toBe(sign);
  });

  it('a sentence ending on its contrast keeps a reservation (良かったのですが…)', async () => {
    expect(await score('接客は良かったのですが…')).toBeLessThan(await score('接客は良かったです。'));
  });

  it.each([
    // [plain, boosted, why]
    ['部屋が綺麗。', '部屋がとても綺麗。', 'とても'],
    ['部屋が狭い。', '部屋が非常に狭い。', '非常に on a negative word'],
    ['The app is good.', 'The app is extremely good.', 'extremely'],
    ['The app is good.', 'The app is GOOD.', 'ALL CAPS emphasis'],
  ])('intensifier strengthens: %s < %s (%s)', async (plain, boosted) => {
    expect(Math.abs(await score(boosted))).toBeGreaterThan(Math.abs(await score(plain)));
    expect(Math.sign(await score(boosted))).toBe(Math.sign(await score(plain)));
  });

  it.each([
    ['部屋が狭い。', '部屋が少し狭い。', '少し: still negative, weaker'],
    ['The seat was uncomfortable.', 'The seat was a bit uncomfortable.', 'a bit'],
  ])('softener weakens but keeps the sign: %s / %s (%s)', async (plain, softened) => {
    const p = await score(plain);
    const s = await score(softened);
    expect(Math.sign(s)).toBe(Math.sign(p));
    expect(Math.abs(s)).toBeLessThan(Math.abs(p));
  });

  it.each([
    ['もっと広い部屋があると嬉しいです。', 'a wish (〜があると嬉しい) means something was missing'],
    ['Wi-Fiを改善してほしいです。', '〜てほしい'],
    ['朝食は和食の方が良いと思います。', 'advice 〜の方が良い'],
    ['Please add a dark mode, it would be great.', 'please add … would be great'],
  ])('a request or wish is not praise: %s (%s)', async (text) => {
    expect(await score(text)).toBeLessThan(0);
  });

  it.each([
    ['朝食は美味しいです。', '朝食は美味しいですか?'],
    ['The app is good.', 'Is the app good?'],
  ])('a question asserts less: %s / %s', async (statement, question) => {
    expect(Math.abs(await score(question))).toBeLessThan(Math.abs(await score(statement)));
  });

  it.each([
    ['美味しいと思ったのに、がっかりでした。', 'のに: expectation unmet'],
    ['I expected it to be good, but it broke.', 'expected … but'],
    ['楽しめるはずが、ずっと雨でした。', 'はずが'],
  ])('expectation unmet is negative: %s (%s)', async (text) => {
    expect(await score(text)).toBeLessThan(0);
  });

  it.each([
    ['最高でした。', '最高でした♪', 1, '♪ adds cheer'],
    ['Great service.', 'Great service 😡', -1, 'an angry emoji sours praise'],
    ['The flight was fine.', 'The flight was fine :(', -1, 'ASCII emoticon'],
    ['チェックインしました。', 'チェックインしました(笑)', 1, '(笑)'],
  ])('emoticons and emoji move the score: %s → %s (%i, %s)', async (plain, withCue, direction) => {
    const delta = (await score(withCue)) - (await score(plain));
    expect(Math.sign(delta)).toBe(direction);
  });

  it('exclamation marks strengthen', async () => {
    expect(await score('Great service!!!')).toBeGreaterThan(await score('Great service.'));
  });

  it('polar sentences without lexicon words are rarely exactly 0 (back-off prior)', async () => {
    expect(await score('チェックインしました。')).not.toBe(0);
    expect(await score('I called them yesterday.')).not.toBe(0);
  });
});

describe('scoreSentimentRules: sarcasm and politeness cues', () => {
  it.each([
    ['Thanks for the two hour delay.', 'thanks followed by a complaint in the clause'],
    ['Awesome service... NOT!', 'a closing NOT takes the praise back'],
    ['I have never been so angry.', 'never + intensifier is emphasis, not negation'],
  ])('%s is negative (%s)', async (text) => {
    expect(await score(text)).toBeLessThan(0);
  });

  it.each([
    ['The chat agent was the least helpful person I have dealt with.', 'negative', 'least + praise word is its negation'],
    ['This is the least reliable app on my phone.', 'negative', 'least + praise word is its negation'],
    ['The new update never fails to crash on launch.', 'negative', 'never fails to: a double negation, the crash stays'],
    ['Their support never fails to impress me.', 'positive', 'never fails to: a double negation, the praise stays'],
    ['At least the staff were friendly.', 'positive', '"at least" is not a negation'],
  ])('%s reads %s (%s)', async (text, label) => {
    const s = await score(text);
    if (label === 'negative') expect(s).toBeLessThan(0);
    else expect(s).toBeGreaterThan(0);
  });

  it('a polite thanks does not outweigh a complaint in the same message', async () => {
    expect(await score('Thanks. My bag is still missing after three days.')).toBeLessThan(0);
  });

  it('また + verb stays positive under 〜ください', async () => {
    expect(await score('また利用させてください。')).toBeGreaterThan(0);
  });
});

describe('scoreSentimentRules: documents', () => {
  it('aligns sentence scores with Doc.sentences and labels with the neutral band', async () => {
    const doc = await makeDoc('チェックインは15時でした。部屋はとても綺麗で快適でした。');
    const r = scoreSentimentRules(doc);
    expect(r.sentences).toHaveLength(doc.sentences.length);
    expect(r.label).toBe('positive');
    expect(r.model).toBe('rules');
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('a closing sentence after しかし outweighs the praise before it', async () => {
    const r = scoreSentimentRules(await makeDoc('料理は美味しかったです。しかし、部屋が汚くて残念でした。'));
    expect(r.label).toBe('negative');
  });

  it('a plain statement is neutral', async () => {
    expect(scoreSentimentRules(await makeDoc('3月に2泊しました。')).label).toBe('neutral');
    expect(scoreSentimentRules(await makeDoc('I flew to Boston on Monday.')).label).toBe('neutral');
  });

  it('a document that asks gets the wider question band of its language', async () => {
    const statement = await makeDoc('My flight was cancelled.');
    const question = await makeDoc('My flight was cancelled, can I rebook online?');
    const en = languageCalibration('en');
    expect(en.questionBand).toBeGreaterThan(en.neutralBand);
    const severalCues = 3;
    expect(neutralBandFor(statement, severalCues)).toBe(en.neutralBand);
    expect(neutralBandFor(question, severalCues)).toBe(en.questionBand);
    expect(neutralBandFor(question, severalCues, { neutralBand: 0.05 })).toBe(0.05);
    // The same score is polar in a statement and neutral in a question when it falls between the bands.
    const between = (en.neutralBand + en.questionBand) / 2;
    expect(labelFor(-between, neutralBandFor(statement, severalCues))).toBe('negative');
    expect(labelFor(-between, neutralBandFor(question, severalCues))).toBe('neutral');
  });

  it("a question inside a retweet or quoted post is someone else's: the post does not ask", async () => {
    expect(asks(await makeDoc('Worst airline ever. RT @travelnews: Would you fly with them again?'))).toBe(false);
    expect(asks(await makeDoc('Still waiting. “@airline: Can we help with anything?”'))).toBe(false);
    expect(asks(await makeDoc('“@airline: We are sorry.” Why is my bag still missing?'))).toBe(true);
  });

  it('a score resting on one cue or none needs at least the single-cue band', async () => {
    const statement = await makeDoc('The flight was late.');
    const en = languageCalibration('en');
    expect(en.singleCueBand).toBeGreaterThan(en.neutralBand);
    expect(neutralBandFor(statement, 1)).toBe(en.singleCueBand);
    expect(neutralBandFor(statement, 0)).toBe(en.singleCueBand);
    expect(neutralBandFor(statement, 2)).toBe(en.neutralBand);
    // A mild word alone stays neutral.
    expect(scoreSentimentRules(await makeDoc('The seat was okay.')).label).toBe('neutral');
  });

  it('honours a neutral band override', async () => {
    const doc = await makeDoc('The room was clean.');
    expect(scoreSentimentRules(doc, { neutralBand: 0.99 }).label).toBe('neutral');
  });

  it('an empty document is neutral with score 0', async () => {
    const r = scoreSentimentRules(await makeDoc(''));
    expect(r).toMatchObject({ label: 'neutral', score: 0, sentences: [] });
  });
});
