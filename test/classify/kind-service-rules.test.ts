// Customer-service feedback (delivery, billing, support, cancellation) next to product feedback: which requests are
// feature requests, which are complaints, and where a software defect stays a bug. Rules: src/classify/README.md
// ("Customer-service text").
import { describe, expect, it } from 'vitest';
import { classifyKindRules } from '../../src/classify/index.js';
import type { FeedbackKind, SentimentLabel } from '../../src/types.js';
import { NEUTRAL, sentimentOf, tokenizedDoc } from './make-doc.js';

interface Case {
  text: string;
  kind: FeedbackKind;
  /** Sentiment handed to the classifier; neutral unless the case is about sentiment. */
  sentiment?: SentimentLabel;
  why: string;
}

const JAPANESE: Case[] = [
  // Service demands are complaints (or questions), never feature requests.
  { text: '二重に請求されています。返金をお願いします。', kind: 'complaint', why: 'double charge + 返金をお願いします' },
  { text: '返金してほしいです', kind: 'complaint', why: '返金してほしい: てほしい about a refund is not a product wish' },
  { text: '早く対応してください', kind: 'complaint', why: '早く対応して is about handling my case, not product support' },
  { text: '至急連絡ください', kind: 'complaint', why: '連絡ください' },
  { text: '壊れていたので交換してください', kind: 'complaint', why: 'a replacement request' },
  { text: '注文をキャンセルしてほしい', kind: 'complaint', why: 'a cancellation request is not a feature request' },
  { text: '折り返し電話をお願いします', kind: 'complaint', why: 'callback request' },
  { text: '遅れるなら連絡ぐらいほしい', kind: 'complaint', why: 'bare ほしい about contact is a service complaint' },
  // Deliveries: late, missing, damaged parcels are service problems.
  { text: '注文した商品がまだ届きません。配送状況も更新されないです。', kind: 'complaint', why: 'late parcel; tracking not moving is a delivery problem' },
  { text: '配送状況が一週間動かない', kind: 'complaint', why: 'tracking not moving without a software cue' },
  { text: '荷物が来ません。追跡ページも「発送準備中」のまま更新されません。', kind: 'complaint', why: 'されない about tracking is the parcel not moving' },
  { text: '配達済みになっているのに何も届いていない', kind: 'complaint', why: 'marked delivered, nothing arrived' },
  { text: '指定した日時に配達されなかった', kind: 'complaint', why: 'missed delivery slot' },
  { text: '届いたのは次の日だった', kind: 'complaint', why: 'arrived a day late' },
  { text: '牛乳が割れて届いた', kind: 'complaint', why: 'damaged in delivery' },
  // Billing.
  { text: '身に覚えのない請求が来ています', kind: 'complaint', why: 'charge for something not bought' },
  { text: 'カードの明細の金額が注文と違う', kind: 'complaint', why: 'amounts do not match' },
  { text: '返金がいまだに振り込まれていない', kind: 'complaint', why: 'refund not processed: billing, not a defect (されていない is otherwise a bug cue)' },
  { text: '退会済みなのに月額料金の請求が来た', kind: 'complaint', why: 'charged after cancelling' },
  { text: '来月以降の課金が発生しないようにしてほしい', kind: 'complaint', why: '〜ないようにして about a charge is not an unwanted app behaviour' },
  // Support and cancellation.
  { text: 'サポートの電話が全然つながりません', kind: 'complaint', why: 'phone line with an adverb' },
  { text: 'テンプレの回答ばかりで、部署をたらい回しにされた', kind: 'complaint', why: 'canned replies, passed around' },
  { text: '退会ボタンがどこにも見つからない', kind: 'complaint', why: 'cancellation made hard' },
  { text: '夜分に失礼いたします。退会の手続きがとても分かりにくいです', kind: 'complaint', why: '失礼いたします is a greeting, the point is the hard cancellation' },
  // Prices.
  { text: '品揃えはいいけど高い', kind: 'complaint', why: 'けど高い' },
  { text: '手数料が他社より高い', kind: 'complaint', why: 'price compared with a shop' },
  // Codes and e-mails that never arrive are the app's messaging failing: bugs. Parcels that never arrive are complaints.
  { text: '認証コードが届かない', kind: 'bug', why: 'verification code not arriving' },
  { text: '再設定用のメールがいつまでも届かない', kind: 'bug', why: 'reset e-mail not arriving' },
  { text: 'ワンタイムパスワードのSMSが来ません', kind: 'bug', why: 'SMS (lowercased sms) not arriving' },
  // Software-defect cues stay bugs even with service phrasing around them.
  { text: 'サインインできなくなりました。またサインインできるようにしてください', kind: 'bug', why: 'asking to restore login is a fix request' },
  { text: '「通信に失敗しました」と出ます', kind: 'bug', why: 'an error message quoted' },
  { text: '設定画面を開くとアプリが終了してしまう。改善をお願いします。', kind: 'bug', why: 'app terminates; 改善をお願いします does not outweigh it' },
  { text: '住所入力の画面から先に進めない', kind: 'bug', why: '先に進めない' },
  { text: '決済ボタンが押せない', kind: 'bug', why: 'a control that cannot be pressed' },
  { text: 'アップデート後アプリが開けません', kind: 'bug', why: 'an app that cannot be opened' },
  { text: 'アプリが落ちます。早く対応してください', kind: 'bug', why: 'a defect with an urgent plea stays a bug' },
  { text: '品番で検索しても何も出てこない', kind: 'bug', why: 'search finds nothing' },
  { text: '配達が遅れている。使えない', kind: 'complaint', why: 'one weak defect cue (使えない) must match the complaint evidence, not half of it' },
  // Feature requests ask for a product capability.
  { text: 'ウィジェットほしい', kind: 'feature_request', why: 'noun + ほしい without a particle' },
  { text: 'ウィジェット対応してほしい', kind: 'feature_request', why: 'X対応して: product support' },
  { text: 'Androidタブレットに対応してください', kind: 'feature_request', why: 'Xに対応してください' },
  { text: '夜用の暗い配色があれば完璧', kind: 'feature_request', why: 'あれば完璧' },
  { text: '土日も受け取り日を選べると助かります', kind: 'feature_request', why: 'できると助かります (not praise)' },
  { text: '別の支払い方法が使えたら毎日使うのに', kind: 'feature_request', why: 'counterfactual のに' },
  { text: '領収書をまとめて印刷したい', kind: 'feature_request', why: '出力したい: something to do with the product' },
  { text: 'お届け日をあとから変更したい', kind: 'feature_request', why: '指定したい' },
  { text: '現金払いしかないのが不便', kind: 'feature_request', why: 'only one payment method' },
  { text: '時間帯の選択肢を増やしていただけませんか', kind: 'feature_request', why: 'a request phrased as a question' },
  { text: 'ウィジェット対応まだ?', kind: 'feature_request', why: 'waiting for a capability' },
  { text: '英語表示のオプションください', kind: 'feature_request', why: 'feature noun + ください' },
  // Questions and other.
  { text: '住所を変更したいのですが、どうすればいいですか', kind: 'question', why: 'したいのですが + どうすれば is a question, not a wish' },
  { text: 'サポートの方が親切に教えてくださいました', kind: 'praise', why: '教えてくださいました thanks for help given; it asks nothing' },
  { text: 'まとめ買いできるのが嬉しい', kind: 'praise', why: 'enjoying an existing capability (できるのが) is not a wish (できると)' },
  { text: 'どうぞよろしくお願いいたします。', kind: 'other', why: 'a sign-off is not a request' },
  // Praise that mentions service words.
  { text: '電話したら迅速に返金してくれた', kind: 'praise', why: 'a refund handled quickly is praise' },
  { text: '毎回すぐ届くので助かる', kind: 'praise', why: 'fast delivery' },
  { text: '重い荷物を玄関まで運んでくれて助かりました', kind: 'praise', why: '重い荷物 is not a performance cue' },
  { text: '今のところ不満はありません', kind: 'other', why: 'no dissatisfaction: 不満 is negated' },
];

const ENGLISH: Case[] = [
  // Service demands.
  { text: 'I was charged twice for one order. I want a refund.', kind: 'complaint', why: 'double charge; I want a refund is not a feature request' },
  { text: 'Please refund my order', kind: 'complaint', why: 'please refund' },
  { text: 'Please respond to my email', kind: 'complaint', why: 'please respond' },
  { text: 'I want a replacement', kind: 'complaint', why: 'replacement demand' },
  { text: 'I would like to cancel my order', kind: 'complaint', why: 'cancellation request' },
  { text: 'Hi, I need some help. The parcel never turned up.', kind: 'complaint', why: 'I need some help is not a request for a feature' },
  { text: 'Please improve your customer service', kind: 'complaint', why: 'improve your support is about service' },
  // Deliveries.
  { text: 'Status shows delivered, but there is no box anywhere', kind: 'complaint', why: 'marked as delivered' },
  { text: "We got someone else's parcel", kind: 'complaint', why: 'wrong parcel' },
  { text: 'Tracking has been stuck at the depot for days', kind: 'complaint', why: 'tracking stuck is a delivery problem, not a defect' },
  { text: 'They postponed my delivery twice', kind: 'complaint', why: 'rescheduled' },
  { text: 'The box came three days later', kind: 'complaint', why: 'arrived late' },
  // Billing.
  { text: 'The same payment was debited twice', kind: 'complaint', why: 'charged two times' },
  { text: 'They billed me for an order I did not place', kind: 'complaint', why: 'charge for an order never placed' },
  { text: 'They charged me the wrong amount', kind: 'complaint', why: 'charged me the wrong amount is billing (wrong amount alone is a bug cue)' },
  // Support, cancellation, prices.
  { text: "Support doesn't respond to emails", kind: 'complaint', why: 'no replies' },
  { text: 'They promised to call back and I have heard nothing', kind: 'complaint', why: 'promised callback' },
  { text: "Couldn't get through to anyone for two days", kind: 'complaint', why: 'cannot get through' },
  { text: 'It is difficult to cancel the membership', kind: 'complaint', why: 'cancellation made hard' },
  { text: 'The membership costs way too much', kind: 'complaint', why: 'costs too much' },
  { text: "I'd order more if prices were lower", kind: 'complaint', why: '"if prices were lower" is about price, not a feature' },
  // Codes and e-mails not arriving are bugs; so are the usual defect cues.
  { text: 'The SMS code never arrives', kind: 'bug', why: 'verification code not arriving' },
  { text: 'The reset link email never came', kind: 'bug', why: 'reset e-mail not arriving' },
  { text: 'My wife has not been able to log in since Monday', kind: 'bug', why: 'cannot sign in' },
  { text: 'The app restarts whenever I rotate the screen', kind: 'bug', why: 'restarts every time' },
  { text: 'We keep getting kicked out', kind: 'bug', why: 'keep getting logged out' },
  { text: 'Searching by brand returns nothing', kind: 'bug', why: 'search fails' },
  { text: 'I cannot log in. I would appreciate a quick fix.', kind: 'bug', why: 'a quick fix' },
  { text: 'My flight got delayed again, same issue as last week', kind: 'complaint', why: 'a lone generic "issue" does not outrank a service complaint' },
  { text: 'The app crashes and support is slow', kind: 'bug', why: 'a firm defect cue (crashes) still needs only half the complaint evidence' },
  { text: 'We were stuck on the tarmac for an hour', kind: 'complaint', sentiment: 'negative', why: 'stuck on the tarmac is a place, not a frozen screen' },
  // Feature requests.
  { text: 'Needs landscape mode.', kind: 'feature_request', why: 'sentence-initial Needs + capability noun' },
  { text: 'Need more pickup slots', kind: 'feature_request', why: 'Need + two words + slots' },
  { text: 'Offline mode please!', kind: 'feature_request', why: 'capability noun + please' },
  { text: 'No widget support??', kind: 'feature_request', why: 'asking for a missing capability' },
  { text: 'Google Pay support', kind: 'feature_request', why: 'capability noun phrase (not customer support)' },
  { text: 'Receipt export', kind: 'feature_request', why: 'capability noun phrase' },
  { text: 'I would like to choose my own pickup time', kind: 'feature_request', why: 'would like to choose' },
  { text: 'Want to pay with my phone', kind: 'feature_request', why: 'want to pay' },
  { text: 'Being able to reorder lists would be convenient', kind: 'feature_request', why: 'would be convenient' },
  { text: 'The menus are only in Japanese', kind: 'feature_request', why: 'a localisation request' },
  { text: 'Please translate the recipes', kind: 'feature_request', why: 'please translate' },
  // Questions and praise.
  { text: 'Please let me know when my card will arrive', kind: 'question', why: 'asks for an answer' },
  { text: 'Never had a late order in two years', kind: 'praise', why: 'negated lateness' },
  { text: 'They issued a refund within a day, thank you', kind: 'praise', why: 'a refund handled quickly is praise' },
];

describe('classifyKindRules on customer-service feedback', () => {
  it.each([...JAPANESE, ...ENGLISH])('$kind ← $text ($why)', async ({ text, kind, sentiment }) => {
    const result = classifyKindRules(await tokenizedDoc(text), sentiment ? sentimentOf(sentiment) : NEUTRAL);
    expect(result.label).toBe(kind);
  });
});
