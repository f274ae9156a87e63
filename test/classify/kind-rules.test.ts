import { describe, expect, it } from 'vitest';
import { classifyKindRules, createKindClassifier, KIND_BACKENDS } from '../../src/classify/index.js';
import type { FeedbackKind, SentimentLabel } from '../../src/types.js';
import { NEUTRAL, sentimentOf, tokenizedDoc, type DocOptions } from './make-doc.js';

interface Case {
  text: string;
  kind: FeedbackKind;
  /** Sentiment handed to the classifier; neutral unless the case is about sentiment. */
  sentiment?: SentimentLabel;
  options?: DocOptions;
  why: string;
}

const JAPANESE: Case[] = [
  { text: 'アプリを開くとすぐに落ちます。', kind: 'bug', why: '落ちる via its base form (落ち+ます)' },
  { text: 'ログインできません。何度試してもエラーになります。', kind: 'bug', why: 'ログインできない, エラー' },
  { text: '最新版にしてから強制終了が頻発しています', kind: 'bug', why: '強制終了' },
  { text: '保存したはずの写真が表示されない', kind: 'bug', why: '表示されない' },
  { text: '写真が表示されないので直してください。', kind: 'bug', why: 'a defect with a plea to fix it is a bug, not a request' },
  { text: '落ちないようにしてほしい', kind: 'bug', why: '"I wish it did not crash": the defect wins over てほしい' },
  { text: 'ダークモードを追加してほしいです', kind: 'feature_request', why: '追加して + てほしい' },
  { text: '検索機能があれば嬉しいです', kind: 'feature_request', why: '〜があれば嬉しい' },
  { text: '複数のアカウントを切り替えられるようにしてください', kind: 'feature_request', why: '〜られるようにしてください' },
  { text: 'iPadにも対応してください', kind: 'feature_request', why: '対応してください' },
  { text: '解約するにはどうすればいいですか?', kind: 'question', why: 'どうすれば… ですか; すればいい is not a wish here' },
  { text: 'パスワードを変更する方法を教えてください', kind: 'question', why: '方法を教えて (教えてほしい is not a request)' },
  { text: 'この機能は無料で使えますか', kind: 'question', why: '〜ますか' },
  { text: 'なんでこんなに広告が多いんですか?', kind: 'complaint', why: 'rhetorical question: complaint evidence outweighs it' },
  { text: 'サポートの対応が遅すぎる', kind: 'complaint', why: '対応が遅い' },
  { text: 'いつまで待っても返金されない', kind: 'complaint', why: '返金 and waiting: policy, not a defect' },
  { text: '月額料金が高すぎる', kind: 'complaint', why: '高すぎる' },
  { text: '店員の態度が失礼だった', kind: 'complaint', why: '失礼' },
  { text: 'コールセンターに電話がつながらない', kind: 'complaint', why: 'a weak defect cue (つながらない) inside a service complaint' },
  { text: 'もう二度と頼みません', kind: 'complaint', sentiment: 'negative', why: 'negative with no defect cue' },
  { text: '配送の人が来なかった', kind: 'complaint', sentiment: 'negative', why: 'negative, no cue at all: complaint by sentiment' },
  { text: 'とても使いやすくて最高です', kind: 'praise', why: '使いやすい, 最高' },
  { text: '窓口の担当者は親切ではなかった', kind: 'complaint', sentiment: 'negative', why: 'a praise word negated is the complaint' },
  { text: 'The chat agent was not helpful at all.', kind: 'complaint', sentiment: 'negative', why: 'a praise word negated is the complaint' },
  { text: 'None of the agents were helpful.', kind: 'complaint', sentiment: 'negative', why: 'none of … helpful' },
  { text: 'おかげで助かりました。ありがとうございます', kind: 'praise', why: '助かりました' },
  { text: '不具合もなく快適に使えています', kind: 'praise', why: '不具合もなく votes against bug' },
  { text: '今日届きました', kind: 'praise', sentiment: 'positive', why: 'positive with no other cue' },
  { text: '今日届きました', kind: 'other', why: 'neutral, no cue' },
  { text: '特になし', kind: 'other', sentiment: 'negative', why: 'a survey non-answer stays other even if scored negative' },
  { text: 'カード情報を入力しても決済が完了しない', kind: 'bug', why: '〜が完了しない' },
  { text: 'ポイントが反映されていません', kind: 'bug', why: '反映されていない' },
  { text: '注文した商品と違うものが届いた', kind: 'complaint', why: 'wrong item: fulfilment, not software' },
  { text: '通知が二重に届く', kind: 'bug', why: 'duplicated notifications (a double charge would be a complaint)' },
  { text: 'カートに入れた商品が消えている', kind: 'bug', why: 'data disappears' },
  { text: 'オフラインでも使えるようになりませんか', kind: 'feature_request', why: 'a request phrased as a question is a request' },
  { text: '問い合わせフォームの返事がまだ来ません', kind: 'complaint', why: 'no reply yet' },
  { text: '何度電話しても話し中', kind: 'complaint', why: 'line always busy' },
  { text: 'これからも期待しています', kind: 'praise', sentiment: 'positive', why: 'encouragement, not a request' },
  { text: 'もう少し早く連絡してほしかった', kind: 'complaint', why: 'past ほしかった: regret about what happened, not a request' },
  { text: '配達が遅いです。改善してください。', kind: 'complaint', why: '改善して after a complaint asks to put it right: the complaint outweighs the plea' },
  { text: '電話が全くつながりません。10分以上待たされました。改善をお願いいたします。', kind: 'complaint', why: 'a support complaint closed with 改善をお願い is no feature request' },
  { text: 'アプリの検索機能の改善をお願いします。', kind: 'feature_request', why: 'a plea to improve, with nothing wrong said, is a request' },
  { text: '配達時間を選べるようにしてほしい。夜しか家にいないので不便です。', kind: 'feature_request', why: 'a specific request outweighs the inconvenience it explains' },
  // Requests and complaints that a high rating or a kind word used to turn into praise (they sat in praise themes).
  { text: '夜の枠がすぐ埋まる。それだけで神アプリになるのに', kind: 'complaint', options: { rating: 5 }, why: 'slots fill up; praise on a condition is no praise' },
  { text: '最近は到着が遅れることが多い', kind: 'complaint', options: { rating: 4 }, why: 'repeated delays, whatever the stars' },
  { text: '翌朝届くって書いてあったのに夕方だった', kind: 'complaint', options: { rating: 4 }, why: 'a promise broken (〜って書いてあったのに)' },
  { text: '割引がないと買う気にならない', kind: 'complaint', sentiment: 'positive', why: 'only worth it with a discount: a price complaint' },
  { text: '注文後に住所を変更させてください。', kind: 'feature_request', options: { rating: 5 }, why: '〜させてください asks for a capability' },
  { text: 'スマホを英語設定にしていても、メニューは日本語のままです', kind: 'feature_request', options: { rating: 4 }, why: 'the app does not follow a setting: a missing capability' },
  { text: '土曜の午前も選べる?', kind: 'question', options: { rating: 5 }, why: 'a casual 〜できる? question' },
  { text: 'ポイントの期限が短すぎる。他は満足です', kind: 'complaint', options: { rating: 4 }, why: '他は満足 concedes: the complaint before it is the point' },
];

const ENGLISH: Case[] = [
  { text: 'The app crashes every time I open it', kind: 'bug', why: 'crashes' },
  { text: "It won't load since the last update", kind: 'bug', why: "won't load" },
  { text: 'It keeps logging me out', kind: 'bug', why: 'keeps logging me out' },
  { text: 'Please fix the login, it keeps logging me out', kind: 'bug', why: '"please fix" is a bug report' },
  { text: "I wish it didn't crash so often", kind: 'bug', why: 'a wish about a defect is a bug' },
  { text: 'Love the app but it freezes on the map screen', kind: 'bug', why: 'a defect outranks praise' },
  { text: 'Please add a dark mode', kind: 'feature_request', why: 'please add' },
  { text: 'Would be nice to have widgets', kind: 'feature_request', why: 'would be nice' },
  { text: 'Great app, but it should have an option to export to CSV', kind: 'feature_request', why: 'should have / an option to' },
  { text: 'I wish there was a tablet layout', kind: 'feature_request', why: 'wish with no defect' },
  { text: 'How do I export my data?', kind: 'question', why: 'how do I' },
  { text: 'Is there a way to change the language?', kind: 'question', why: 'is there a way' },
  { text: 'Why is customer service so slow?', kind: 'complaint', why: 'rhetorical why-question about service' },
  { text: "Customer service was rude and I'm still waiting for my refund", kind: 'complaint', why: 'rude, still waiting, refund' },
  { text: 'I was overcharged this month', kind: 'complaint', why: 'overcharged: billing policy, not a defect' },
  { text: 'No response to my emails for two weeks', kind: 'complaint', why: 'no response' },
  { text: 'Never ordering from them again', kind: 'complaint', sentiment: 'negative', why: 'negative with no defect cue' },
  { text: 'Love it, great app!', kind: 'praise', why: 'love it, great app' },
  { text: 'Great app, no problems at all', kind: 'praise', why: '"no problems" votes against bug' },
  { text: 'Works as described', kind: 'praise', why: 'works as described' },
  { text: 'Arrived on Tuesday', kind: 'praise', sentiment: 'positive', why: 'positive with no other cue' },
  { text: 'Arrived on Tuesday', kind: 'complaint', options: { rating: 1 }, why: 'neutral text, 1-star rating: read as negative' },
  { text: 'Arrived on Tuesday', kind: 'other', why: 'neutral, no cue, no rating' },
  { text: 'n/a', kind: 'other', sentiment: 'negative', why: 'a survey non-answer stays other' },
  { text: 'They sent me the wrong size', kind: 'complaint', why: 'wrong item: fulfilment, not software' },
  { text: 'Your agent solved my problem in minutes', kind: 'praise', sentiment: 'negative', why: 'praise cue, no complaint cue: the negative tone is the lexicon reading "problem"' },
  { text: 'Can you make the font bigger?', kind: 'feature_request', why: 'a request phrased as a question is a request' },
  // Requests, complaints and questions that a high rating or a polite closing used to turn into praise.
  { text: 'Larger product photos', kind: 'feature_request', options: { rating: 5 }, why: 'a bare comparative + noun is a wish' },
  { text: 'Fewer pop-ups please!', kind: 'feature_request', options: { rating: 4 }, why: 'a bare comparative + noun, with please' },
  { text: 'Cheaper than the corner shop', kind: 'praise', sentiment: 'positive', why: 'a comparison (than) is not a wish' },
  { text: 'Add gift cards and I would order every week', kind: 'feature_request', options: { rating: 5 }, why: 'Add X at the start of a sentence' },
  { text: 'The receipts page is only in English. Otherwise a lovely shop.', kind: 'feature_request', sentiment: 'positive', why: 'only in English; "otherwise lovely" concedes' },
  { text: 'Most menus are still in Japanese. Thank you for considering foreign customers.', kind: 'feature_request', sentiment: 'positive', why: 'still in Japanese; the thanks is a closing formula' },
  { text: 'Dear team,\nDo you deliver on public holidays? Thanks in advance.', kind: 'question', options: { rating: 5 }, why: 'a question after the greeting; thanks in advance is a formula' },
  { text: 'Evening slots are always booked', kind: 'complaint', options: { rating: 4 }, why: 'capacity: slots always full' },
  { text: 'Steep shipping fees', kind: 'complaint', options: { rating: 4 }, why: 'high fees' },
  { text: 'Minimum order of ¥5,000?? no thanks', kind: 'complaint', sentiment: 'negative', why: '"no thanks" is a refusal, not thanks' },
  { text: 'The app closes itself when I open the cart. Thanks.', kind: 'bug', sentiment: 'positive', why: 'closes itself' },
  { text: 'Saved cards would make this perfect', kind: 'feature_request', options: { rating: 5 }, why: 'praise on a condition is a request' },
];

describe('classifyKindRules', () => {
  it.each([...JAPANESE, ...ENGLISH])('$kind ← $text ($why)', async ({ text, kind, sentiment, options }) => {
    const doc = await tokenizedDoc(text, options);
    const result = classifyKindRules(doc, sentiment ? sentimentOf(sentiment) : NEUTRAL);
    expect(result.label).toBe(kind);
    expect(result.model).toBe('rules');
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('is more confident with more evidence', async () => {
    const weak = classifyKindRules(await tokenizedDoc('There is an issue'), NEUTRAL);
    const strong = classifyKindRules(await tokenizedDoc('It crashes with an error and keeps freezing'), NEUTRAL);
    expect([weak.label, strong.label]).toEqual(['bug', 'bug']);
    expect(strong.confidence).toBeGreaterThan(weak.confidence);
  });
});

describe('kind backends', () => {
  it('default backend is rules and classifies a batch in order', async () => {
    const classifier = await createKindClassifier();
    const docs = [await tokenizedDoc('アプリがすぐ落ちる'), await tokenizedDoc('Please add a dark mode')];
    const results = await classifier.classify(docs, [NEUTRAL, NEUTRAL]);
    expect(classifier.name).toBe('rules');
    expect(results.map((r) => r.label)).toEqual(['bug', 'feature_request']);
  });

  it('the none backend passes every document through as other', async () => {
    const classifier = await createKindClassifier({ backend: 'none' });
    const results = await classifier.classify([await tokenizedDoc('It crashes')], [NEUTRAL]);
    expect(results).toEqual([{ label: 'other', confidence: 0, model: 'none' }]);
  });

  it('an unknown backend fails listing the valid ones', async () => {
    await expect(createKindClassifier({ backend: 'bert' })).rejects.toThrow(
      `Unknown feedback-kind backend "bert". Valid backends: ${[...KIND_BACKENDS.keys()].join(', ')}.`,
    );
  });

  it('documents and sentiments must align', async () => {
    const classifier = await createKindClassifier();
    await expect(classifier.classify([await tokenizedDoc('It crashes')], [])).rejects.toThrow(/1 documents but 0 sentiment/);
  });

  it('bad cueFiles config fails naming the option', async () => {
    await expect(createKindClassifier({ cueFiles: 'en.tsv' })).rejects.toThrow(/"cueFiles" must be an array/);
  });
});
