// Sentiment that means what it says (issue 15): politeness formulas carry nothing, losing something is negative,
// and the customer's rating informs the label. Fixtures written for koe.
import { describe, expect, it } from 'vitest';
import { ratingValence, scoreSentimentRules } from '../../src/sentiment/score-sentiment-rules.js';
import { formulaSpans, withoutFormulas } from '../../src/sentiment/politeness-formulas.js';
import { politeNegativeKey, progressiveNegativeKey } from '../../src/sentiment/match-japanese.js';
import { makeDoc } from './make-doc.js';

const score = async (text: string) => scoreSentimentRules(await makeDoc(text));

describe('politeness formulas', () => {
  it('a Japanese complaint keeps its score inside お世話になっております … よろしくお願いいたします', async () => {
    const bare = await score('問い合わせても一週間返事がありません。');
    const wrapped = await score('お世話になっております。問い合わせても一週間返事がありません。よろしくお願いいたします。');
    expect(bare.label).toBe('negative');
    expect(wrapped.label).toBe('negative');
    expect(wrapped.score).toBeCloseTo(bare.score, 5);
  });

  it.each([
    // a formula alone says nothing
    ['よろしくお願いいたします。', 'neutral'],
    ['Thanks in advance.', 'neutral'],
    // a question with a sign-off is a question
    ['How do I change my delivery address? Thanks in advance', 'neutral'],
    // 失礼いたします in a business mail is a greeting, not rudeness (alone, or inside a sentence)
    ['夜分に失礼いたします。', 'neutral'],
    ['突然のご連絡失礼いたします。', 'neutral'],
    // rudeness is still rudeness
    ['店員の態度が失礼でした。', 'negative'],
  ])('%s → %s', async (text, label) => {
    expect((await score(text)).label).toBe(label);
  });

  it('leaves the tokens of a formula inside a sentence out of its score', async () => {
    const greeting = await score('突然のご連絡失礼いたします。');
    expect(greeting.score).toBeGreaterThan(-0.1);
    expect(formulaSpans('突然のご連絡失礼いたします', 'ja')).toEqual([[6, 13]]);
  });

  it('cuts formulas out of a sentence, longest first', () => {
    expect(withoutFormulas('いつもお世話になっております', 'ja').onlyFormula).toBe(true);
    expect(withoutFormulas('Where is my refund? Thanks in advance!', 'en').text).not.toMatch(/advance/i);
    expect(withoutFormulas('Where is my refund?', 'en').hadFormula).toBe(false);
  });
});

describe('losing something is negative', () => {
  it.each([
    // 二度と needs its negation: never again, not its opposite
    ['二度と使いません。'],
    ['二度と泊まりたくない。'],
    ['届いた野菜が傷んでいました。'],
    ['不良品が届きました。'],
    ['勝手に解約されていた。'],
    ['All my reward points are gone after the update.'],
    ['ポイントがまた消えました。'],
    ['ポイントが消えてしまいました。'],
    ['注文した商品が届かない。'],
    ['貯めたポイントがなくなりました。'],
    ['カートの中身が無くなっていました。'],
  ])('%s', async (text) => {
    expect((await score(text)).label).toBe('negative');
  });

  it.each([
    // a trouble that vanishes is relief, a trouble that does not vanish stays one
    ['不安が消えました。', 'positive'],
    ['悩みがなくなりました。', 'positive'],
    ['不安が消えない。', 'negative'],
    ['悩みがなくならない。', 'negative'],
  ])('%s → %s', async (text, label) => {
    expect((await score(text)).label).toBe(label);
  });

  it('また + a problem verb is the problem again, また + a neutral verb still an intent to return', async () => {
    expect((await score('また利用します。')).label).toBe('positive');
    expect((await score('アプリがまた落ちました。')).label).toBe('negative');
  });
});

describe('what the customer cannot do is a failure', () => {
  it('〜ができません weighs as a failure, more than a bare negation; 言葉にできないほど stays praise', async () => {
    const cannot = await score('支払いができません。');
    const bare = await score('この店には駐車場がありません。');
    expect(cannot.label).toBe('negative');
    expect(cannot.score).toBeLessThan(bare.score);
    expect(cannot.score).toBeLessThanOrEqual(-0.3);
    expect((await score('言葉にできないほど素晴らしい。')).label).toBe('positive');
  });

  it('a negated potential verb weighs as a failure too, after a capability noun as well; a missing capability stays a request', async () => {
    const cannot = await score('先に進めません。');
    const bare = await score('この店には駐車場がありません。');
    expect(cannot.score).toBeLessThan(bare.score);
    expect(cannot.score).toBeLessThanOrEqual(-0.3);
    // ボタン names a capability, but the button is there and does not work: a failure, not a wish for a button
    expect((await score('ボタンが押せない。')).label).toBe('negative');
    expect((await score('ダークモードがありません。')).label).toBe('neutral');
  });

  it.each([
    // a trouble right before できる is what cannot be done, not the trouble undone
    ['注文をキャンセルできません。', 'negative'],
    ['解約できない。', 'negative'],
    // a good thing that cannot be had is still its negation, and a problem not found is no problem
    ['満足できませんでした。', 'negative'],
    ['問題は見つかりませんでした。', 'positive'],
    // a trouble before a て-form causes what the negation after it says; a good manner is what the negation takes away
    ['文字が小さすぎて読めない。', 'negative'],
    ['アプリが重くて使い物にならない。', 'negative'],
    ['安心して使えない。', 'negative'],
    // a duration stressed with も before a verb of taking or waiting is time wasted; without も, or not reached, it is not
    ['注文から到着まで一週間もかかった。', 'negative'],
    ['電話で30分も待ちました。', 'negative'],
    ['5分で届いた。', 'neutral'],
    ['一週間もかからずに届きました。', 'neutral'],
    // "not yet" with a copula is a wait, as "still waiting" is; まだ before another verb is not (still using it)
    ['返金がまだです。', 'negative'],
    ['問い合わせの返信がまだでした。', 'negative'],
    ['まだ使っています。', 'neutral'],
    // what an online shop's customers complain of, with no general word of judgement in it
    ['注文したものと違う商品が届いた。', 'negative'],
    ['外箱が潰れて届きました。', 'negative'],
    ['賞味期限が切れていました。', 'negative'],
    ['同じ注文で二重に引き落とされていました。', 'negative'],
    ['身に覚えのない請求がありました。', 'negative'],
    // the customer had to chase (何度も before a contact verb) is effort, even when it ended well; 何度も利用 is loyalty
    ['何度も電話してやっと繋がった。', 'negative'],
    ['何回も連絡しました。', 'negative'],
    ['Had to call three times to get this sorted.', 'negative'],
    ["Can't fault the service.", 'positive'],
    // an expectation met, and a rating said in words; "as expected" alone is no praise
    ['Works as expected.', 'positive'],
    ['Late again, as expected.', 'negative'],
    ["I'd give zero stars if I could.", 'negative'],
    ['Better than expected.', 'positive'],
    ['Worse than expected.', 'negative'],
    ['The vegetables were wilted.', 'negative'],
    ['カスタマーサポートの対応が神。', 'positive'],
    ['星ゼロにしたいくらい。', 'negative'],
    // 不安定 is instability, not a neutral noun; after だけど it outweighs the praise before
    ['便利だけどログインが不安定。', 'negative'],
    // an instruction, payment or booking not honoured (〜たのに after お願い, 指定, 払う, 予約) is a complaint even when
    // nothing after it is polar; after anything else 〜たのに is a plain concession
    ['置き配をお願いしたのにインターホンを押された。', 'negative'],
    ['時間指定したのに午前中に来た。', 'negative'],
    ['雨だったのに時間通りに届いた。', 'neutral'],
    // IPADIC reads のに before a verb as の + に: after a past or an adjective it is still the concession
    ['綺麗だと聞いていたのに汚れていた。', 'negative'],
    ['便利になると思ったのに分かりにくくなった。', 'negative'],
    ['料理するのに使っています。', 'neutral'],
    // the customer's own language or tech skill is no judgement of the product: a request beside it stays a request
    ['My Japanese is not that good, please add English.', 'neutral'],
    ['Sorry for my poor English.', 'neutral'],
    ['英語が苦手なので、日本語表示にしてほしいです。', 'neutral'],
    ['機械が苦手な母でも簡単に使えました。', 'positive'],
    // everyday words: slang praise, and an item unlike what was expected
    ['神対応でした。', 'positive'],
    ['思っていたのと違った。', 'negative'],
  ])('%s → %s', async (text, label) => {
    expect((await score(text)).label).toBe(label);
  });
});

describe('a polite negative reads as the plain one', () => {
  it.each([
    // 〜ません of a lexicon phrase in 〜ない: the same valence (tickets are written politely)
    ['まだ届きません。', '荷物が届かない。'],
    ['ログインできません。', 'ログインできない。'],
    ['電話がつながりません。', '電話がつながらない。'],
    ['商品が届きませんでした。', '商品が届かなかった。'],
  ])('%s scores as %s', async (polite, plain) => {
    const a = await score(polite);
    expect(a.label).toBe('negative');
    expect(a.score).toBeLessThan(-0.4);
    expect(a.score).toBeCloseTo((await score(plain)).score, 1);
  });

  it('forms the plain negative of godan, ichidan, する and ある verbs', async () => {
    const key = async (text: string): Promise<string | null> => {
      const tokens = (await makeDoc(text)).tokens;
      return politeNegativeKey(tokens, tokens.findIndex((t) => t.pos === 'verb'));
    };
    expect(await key('届きません')).toBe('届かない');
    expect(await key('できません')).toBe('できない');
    expect(await key('しません')).toBe('しない');
    expect(await key('ありません')).toBe('ない');
    expect(await key('届きます')).toBeNull();
  });
});

describe('a progressive negative reads as the plain one', () => {
  it.each([
    // "has not worked" says what "does not work" says, in plain, polite and spoken forms
    ['アプリが動いていません。', 'アプリが動かない。'],
    ['ログインできていません。', 'ログインできない。'],
    ['クーポンが使えてない。', 'クーポンが使えない。'],
    ['まだ返金されていません。', 'まだ返金されない。'],
  ])('%s scores as %s', async (progressive, plain) => {
    const a = await score(progressive);
    expect(a.label).toBe('negative');
    expect(a.score).toBeLessThan(-0.4);
    expect(a.score).toBeCloseTo((await score(plain)).score, 1);
  });

  it('spans the te-form, いる and the negation; nothing else', async () => {
    const key = async (text: string): Promise<ReturnType<typeof progressiveNegativeKey>> => {
      const tokens = (await makeDoc(text)).tokens;
      return progressiveNegativeKey(tokens, tokens.findIndex((t) => t.pos === 'verb'));
    };
    expect(await key('動いていない')).toEqual({ key: '動かない', length: 4 });
    expect(await key('読んでいません')).toEqual({ key: '読まない', length: 5 });
    expect(await key('使えてない')).toEqual({ key: '使えない', length: 3 });
    expect(await key('来ていない')).toEqual({ key: '来ない', length: 4 });
    expect(await key('動いています')).toBeNull();
    expect(await key('動かない')).toBeNull();
  });
});

describe('the rating informs the label', () => {
  it('maps scales to a valence', () => {
    expect(ratingValence(1, 'stars')).toBe(-1);
    expect(ratingValence(5, 'stars')).toBe(1);
    expect(ratingValence(0, 'nps')).toBe(-1);
    expect(ratingValence(10, 'nps')).toBe(1);
    expect(ratingValence(4, 'ces')).toBe(0);
    expect(ratingValence(null, 'stars')).toBeNull();
  });

  it('a 1★ review with a mildly positive text is not praise; a 5★ one is not a complaint', async () => {
    const doc = await makeDoc('Nice app I guess.');
    const unrated = scoreSentimentRules(doc);
    const oneStar = scoreSentimentRules({ ...doc, rating: 1, ratingScale: 'stars' });
    expect(unrated.label).toBe('positive');
    expect(oneStar.label).not.toBe('positive');
    const fiveStar = scoreSentimentRules({ ...doc, rating: 5, ratingScale: 'stars' });
    expect(fiveStar.score).toBeGreaterThan(unrated.score);
  });
});

describe('requests and questions are neutral unless they complain', () => {
  it.each([
    ['Dark mode please!', 'neutral'],
    ['Please add Apple Pay.', 'neutral'],
    ['ダークモードを追加してほしいです。', 'neutral'],
    ['PayPayに対応してほしい。', 'neutral'],
    ['ダークモードを追加してほしいです。よろしくお願いします。', 'neutral'],
    // an opening that says nothing (a formula with a few words around it) does not make a request a complaint
    ['突然のご連絡失礼いたします。ダークモードに対応していただけると嬉しいです。', 'neutral'],
    // 遅い of a time of day is not slowness: a wish for late deliveries is a request
    ['夜遅い時間帯の配達がほしい。', 'neutral'],
    ['配達が遅いので早くしてほしい。', 'negative'],
    // 〜ていただけませんか and its kin are requests, as 〜てください: the negation is their politeness
    ['ダークモードを追加していただけませんか。', 'neutral'],
    ['PayPayで支払えるようにしていただけないでしょうか。', 'neutral'],
    ['早めに対応していただけると助かります。', 'neutral'],
    ['教えてもらえると嬉しいです。', 'neutral'],
    ['領収書を発行してもらえませんか。', 'neutral'],
    ['配送日を変更してくれませんか?', 'neutral'],
    ['注文履歴をダウンロードできるようにしていただけますか。', 'neutral'],
    // … and their negation, outside a question, a favour refused
    ['何度も連絡しているのに返信していただけません。', 'negative'],
    // a polite request beside a complaint: the complaint decides
    ['返金していただけないでしょうか。商品が壊れていました。', 'negative'],
    // くださる asks only as an imperative; elsewhere it honours what someone did, and the praise stands
    ['早く送ってください。', 'neutral'],
    ['サポートの方が親切に教えてくださいました。', 'positive'],
    ['迅速に対応してくださいました。', 'positive'],
    ['丁寧に説明してくださり、助かりました。', 'positive'],
    // a conditional after a noun or の names a topic, not a wish: the praise after it stands
    ['この値段なら満足です。', 'positive'],
    ['こちらの方が安いです。', 'positive'],
    // … unless the comparison favours how things were: a regret, a complaint that asks for nothing
    ['前のバージョンの方が使いやすかった。', 'negative'],
    ['ダークモードがあれば嬉しいです。', 'neutral'],
    // a request that complains stays negative
    ['荷物が届かないので早く対応してほしい。', 'negative'],
    ['Where is my refund? It has been 3 weeks and nobody answers.', 'negative'],
    // a question that reports a defect is a complaint
    ['Why does the app keep logging me out?', 'negative'],
    // a wish in the past is something that was missing
    ['朝食にもう少し種類が欲しかった。', 'negative'],
  ])('%s → %s', async (text, label) => {
    expect((await score(text)).label).toBe(label);
  });

  it.each([
    // a missing capability is a request: alone it reads neutral, beside praise the praise stands
    ['The export feature is missing.', 'neutral'],
    ['I miss the old widget settings.', 'neutral'],
    ['Lack of a dark mode option.', 'neutral'],
    ['Love this app, the only thing missing is a sleep timer.', 'positive'],
    // what is missing is not a capability: a loss or a failure stays a complaint
    ['My bag is missing.', 'negative'],
    ['Two items were missing from my order.', 'negative'],
    ['Total lack of communication from the airline.', 'negative'],
    // a hypothetical improvement is a wish; "could be better" and "do better" judge what is there
    ['It would be better if the app supported dark mode.', 'neutral'],
    ['Great app, would be even better with a widget.', 'positive'],
    ['The app could be better.', 'negative'],
    ['Do better.', 'negative'],
    // a missing capability said with a complaint is a complaint
    ['The app keeps crashing and the export feature is missing.', 'negative'],
    // the same in Japanese: a capability noun (alone or ending a compound) before the negation
    ['ダークモードがありません。', 'neutral'],
    ['検索機能がないです。', 'neutral'],
    ['部屋に冷蔵庫がありません。', 'negative'],
    ['検索機能がないのが残念です。', 'negative'],
    // a wish for a capability beside praise does not outweigh it as a complaint would
    ['アプリはとても使いやすいです。でもダークモードがありません。', 'positive'],
    ['Love this app. The only thing missing is a sleep timer.', 'positive'],
  ])('%s → %s', async (text, label) => {
    expect((await score(text)).label).toBe(label);
  });

  it('a request under a 1★ rating is not neutral', async () => {
    const doc = await makeDoc('Please add Apple Pay.');
    expect(scoreSentimentRules({ ...doc, rating: 1, ratingScale: 'stars' }).label).toBe('negative');
  });
});
