// A generator of varied synthetic feedback for benchmarks at size, in Japanese and English: topic templates filled
// from word lists, with Zipf-distributed words (a few very common, a long tail of rare ones, as in real reviews),
// product names and numbers that make the vocabulary grow with the corpus, lengths from one clause to a paragraph,
// and a little noise (typos, emoji, casing). Nothing here comes from the labelled sets in ../shared/data or from the
// bundled sample: every word list is written for this script.
import { seededRandom } from '../../src/themes/seeded-random.js';

type Rand = () => number;

/** Picks from `items` with probability ∝ 1 / rank^s (rank = position + 1). */
function zipf<T>(items: readonly T[], s = 1.07): (r: Rand) => T {
  const cum = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) cum[i] = total += 1 / Math.pow(i + 1, s);
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

interface Topic {
  en: { subjects: string[]; problems: string[] };
  ja: { subjects: string[]; problems: string[] };
  /** Relative frequency of the topic (some issues are far more common). */
  weight: number;
}

const TOPICS: Topic[] = [
  { weight: 9, en: { subjects: ['delivery', 'my parcel', 'the package', 'the courier', 'shipping', 'the order'], problems: ['arrived {n} days late', 'never showed up', 'was left at the wrong door', 'is stuck at the depot', 'took forever', 'came a week after the promised date'] },
    ja: { subjects: ['配送', '荷物', '注文した商品', '宅配便', 'お届け'], problems: ['が{n}日も遅れました', 'がまだ届きません', 'が違う住所に届きました', 'が配達されないまま止まっています', 'の予定日を過ぎています'] } },
  { weight: 8, en: { subjects: ['login', 'sign-in', 'my account', 'two-factor code', 'the password reset'], problems: ['fails with error {code}', 'keeps logging me out', "doesn't work since the update", 'sends no email', 'locks me out every morning'] },
    ja: { subjects: ['ログイン', 'サインイン', 'アカウント', '認証コード', 'パスワード再設定'], problems: ['ができません', 'でエラー{code}が出ます', 'がアップデート後に使えません', 'のメールが届きません', 'で毎回弾かれます'] } },
  { weight: 7, en: { subjects: ['the app', 'checkout', 'the payment screen', 'the cart', 'the {product} app'], problems: ['crashes when I pay', 'freezes on version {version}', 'closes itself on my {device}', 'shows a blank screen', 'is extremely slow to load'] },
    ja: { subjects: ['アプリ', '決済画面', 'カート', '{product}のアプリ', '購入手続き'], problems: ['が落ちます', 'がバージョン{version}で固まります', 'が{device}で強制終了します', 'が真っ白になります', 'の読み込みが遅すぎます'] } },
  { weight: 6, en: { subjects: ['refund', 'my money back', 'the double charge', 'the cancellation fee', 'my invoice'], problems: ['has not been processed after {n} weeks', 'was charged twice', 'is wrong by ¥{price}', 'never arrived on my card', 'is impossible to get'] },
    ja: { subjects: ['返金', '二重請求', '解約金', '請求書', '引き落とし'], problems: ['がまだ処理されていません', 'が{n}週間たっても戻りません', 'の金額が{price}円違います', 'について説明がありません', 'をすぐに対応してください'] } },
  { weight: 5, en: { subjects: ['dark mode', 'an export to CSV', 'a widget', 'Apple Pay', 'a delivery time slot', 'offline mode'], problems: ['would be great', 'please add it', 'is the one thing missing', 'is what I need most', 'should be an option'] },
    ja: { subjects: ['ダークモード', 'CSV出力', 'ウィジェット', 'Apple Pay対応', '配達時間の指定', 'オフライン機能'], problems: ['を追加してほしいです', 'があると助かります', 'に対応してください', 'が欲しいです', 'を検討してもらえませんか'] } },
  { weight: 5, en: { subjects: ['the support team', 'the agent on the phone', 'chat support', 'customer service', 'the staff at the store'], problems: ['was rude and unhelpful', 'never called back', 'kept me on hold for {n} minutes', 'solved it in minutes, thank you', 'was very kind'] },
    ja: { subjects: ['サポート', '電話窓口', 'チャットの担当者', 'カスタマーサービス', '店舗のスタッフ'], problems: ['の対応が最悪でした', 'から折り返しがありません', 'で{n}分も待たされました', 'がすぐに解決してくれました', 'がとても親切でした'] } },
  { weight: 4, en: { subjects: ['the price', 'the subscription', 'the monthly plan', 'shipping fees', 'the premium tier'], problems: ['went up again', 'is too expensive for what it is', 'is not worth ¥{price}', 'is fair for the quality', 'doubled without notice'] },
    ja: { subjects: ['価格', 'サブスク', '月額プラン', '送料', 'プレミアム会員'], problems: ['がまた値上がりしました', 'が高すぎます', 'が{price}円もするのは納得できません', 'は品質を考えると妥当です', 'が知らないうちに倍になりました'] } },
  { weight: 4, en: { subjects: ['search', 'the filters', 'product recommendations', 'the category page', 'the barcode scanner'], problems: ['returns nothing useful', "can't find {product}", 'shows items out of stock', 'is confusing', 'works really well'] },
    ja: { subjects: ['検索', '絞り込み', 'おすすめ', 'カテゴリ画面', 'バーコード読み取り'], problems: ['で目的の商品が出てきません', 'で{product}が見つかりません', 'に在庫切れの商品ばかり出ます', 'がわかりにくいです', 'がとても使いやすいです'] } },
  { weight: 3, en: { subjects: ['the {product}', 'the item', 'the box', 'the {color} one', 'my {product}'], problems: ['arrived broken', 'had a missing part', 'is smaller than in the photo', 'stopped working after {n} days', 'is excellent quality'] },
    ja: { subjects: ['{product}', '商品', '箱', '{color}の商品', '届いた{product}'], problems: ['が壊れて届きました', 'の部品が足りません', 'が写真より小さいです', 'が{n}日で動かなくなりました', 'の品質が素晴らしいです'] } },
  { weight: 3, en: { subjects: ['points', 'the coupon', 'the loyalty program', 'my reward', 'the campaign'], problems: ["weren't added", 'expired before I could use it', 'is confusing to use', 'gave me a nice discount', 'code {code} does not apply'] },
    ja: { subjects: ['ポイント', 'クーポン', '会員特典', 'キャンペーン', '割引コード'], problems: ['が付与されていません', 'が使う前に失効しました', 'の使い方がわかりません', 'でお得に買えました', 'の{code}が適用されません'] } },
  { weight: 2, en: { subjects: ['notifications', 'the newsletter', 'push alerts', 'the emails', 'reminders'], problems: ['are far too frequent', "can't be turned off", 'arrive at 3am', 'are actually useful', 'come in the wrong language'] },
    ja: { subjects: ['通知', 'メルマガ', 'プッシュ通知', 'メール', 'リマインダー'], problems: ['が多すぎます', 'をオフにできません', 'が深夜に来ます', 'が便利です', 'が英語で届きます'] } },
  { weight: 2, en: { subjects: ['cancelling', 'the cancel button', 'unsubscribing', 'closing my account', 'the trial'], problems: ['is hidden deep in settings', 'takes {n} steps', 'did not stop the billing', 'was easy', 'renewed without asking'] },
    ja: { subjects: ['解約', '解約ボタン', '退会', '定期便の停止', '無料体験'], problems: ['の方法がわかりにくいです', 'に{n}回も手続きが必要でした', 'したのに請求が続いています', 'は簡単でした', 'が勝手に更新されました'] } },
];

// Context words with a Zipf tail: a few are everywhere, most are rare (as in real feedback).
const EN_OPENERS = ['', '', '', 'Honestly,', 'Again,', 'Today', 'Yesterday', 'As usual,', 'Sadly,', 'Wow,', 'Hi,', 'FYI', 'Update:', 'Third time:', 'Ugh.'];
const EN_CLOSERS = ['', '', '', 'Please fix this.', 'Very disappointed.', 'Thanks!', 'Not happy.', 'Will not order again.', 'Love it otherwise.', '5 stars if fixed.', 'Any update?', 'Seriously?', 'Great job.', 'What a mess.', 'Cheers.'];
const EN_EXTRAS = [
  'I have been a customer for {n} years', 'this happened on my {device}', 'my order number is {code}', 'I tried reinstalling',
  'the website works fine though', 'my {relative} has the same problem', 'I contacted you {n} times', 'it used to be much better',
  'the {product} itself is fine', 'I paid with {payment}', 'it was a gift for my {relative}', 'the tracking page says delivered',
  'I use it every day', 'the reviews warned me', 'in {city} at least', 'since the {month} update', 'the old version was better',
  'no one answers the phone', 'the FAQ did not help', 'I would give zero stars if I could',
];
const JA_OPENERS = ['', '', '', 'いつも利用しています。', '何度も', '昨日', '今日も', '正直', 'また', 'すみません、', '初めて利用しましたが、'];
const JA_CLOSERS = ['', '', '', '早く直してください。', '残念です。', 'ありがとうございました。', '困っています。', 'もう使いません。', '改善をお願いします。', '対応よろしくお願いします。', 'どうなっていますか？', '最高です！'];
const JA_EXTRAS = [
  '{n}年使っています', '{device}で使っています', '注文番号は{code}です', '再インストールも試しました', 'ウェブ版は問題ありません',
  '{relative}も同じ症状です', '{n}回問い合わせました', '前はもっと良かったです', '{product}自体は気に入っています', '{payment}で支払いました',
  '{relative}へのプレゼントでした', '追跡画面では配達済みになっています', '毎日使っています', '口コミ通りでした', '{city}在住です',
  '{month}月のアップデートからです', '旧バージョンの方が使いやすかった', '電話がつながりません', 'よくある質問は役に立ちませんでした',
];
const PRODUCTS_EN = ['blender', 'kettle', 'rice cooker', 'headphones', 'phone case', 'desk lamp', 'backpack', 'running shoes', 'air purifier', 'vacuum', 'coffee maker', 'keyboard', 'monitor', 'jacket', 'water bottle', 'toaster', 'humidifier', 'smart watch', 'tablet stand', 'umbrella'];
const PRODUCTS_JA = ['炊飯器', 'ケトル', 'イヤホン', 'スマホケース', 'デスクライト', 'リュック', 'ランニングシューズ', '空気清浄機', '掃除機', 'コーヒーメーカー', 'キーボード', 'モニター', 'ジャケット', '水筒', 'トースター', '加湿器', 'スマートウォッチ', '傘', '布団', '冷蔵庫'];
const DEVICES = ['iPhone 12', 'iPhone 15', 'Pixel 7', 'Galaxy S23', 'iPad', 'Android tablet', 'Xperia', 'AQUOS', 'Mac', 'Windows PC'];
const COLORS_EN = ['black', 'white', 'red', 'navy', 'beige', 'green', 'pink', 'grey'];
const COLORS_JA = ['黒', '白', '赤', '紺', 'ベージュ', '緑', 'ピンク', 'グレー'];
const RELATIVES_EN = ['wife', 'husband', 'mother', 'father', 'son', 'daughter', 'friend', 'colleague'];
const RELATIVES_JA = ['妻', '夫', '母', '父', '息子', '娘', '友人', '同僚'];
const PAYMENTS = ['PayPay', 'Visa', 'Mastercard', 'JCB', 'Apple Pay', 'コンビニ払い', 'gift card', 'points'];
const CITIES_EN = ['Tokyo', 'Osaka', 'Nagoya', 'Sapporo', 'Fukuoka', 'Sendai', 'Kobe', 'Kyoto', 'Yokohama', 'Hiroshima'];
const CITIES_JA = ['東京', '大阪', '名古屋', '札幌', '福岡', '仙台', '神戸', '京都', '横浜', '広島'];
const EMOJI = ['😡', '😭', '🙏', '👍', '😊', '💢', '✨', '🤔'];

const pickTopic = zipf(
  TOPICS.flatMap((t) => Array.from({ length: t.weight }, () => t)),
  0.0001, // weights carry the skew; near-uniform over the weighted list
);

export interface GeneratedRow {
  id: string;
  text: string;
  created_at: string;
  rating: number;
  rating_scale: 'stars';
  channel: string;
  product: string;
}

/** Deterministic rows for a seed: `rows(i)` gives row i. Roughly 60% Japanese, 40% English. */
export function createFeedbackGenerator(seed = 12): () => GeneratedRow {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const zipfOpenEn = zipf(EN_OPENERS);
  const zipfCloseEn = zipf(EN_CLOSERS);
  const zipfExtraEn = zipf(EN_EXTRAS);
  const zipfOpenJa = zipf(JA_OPENERS);
  const zipfCloseJa = zipf(JA_CLOSERS);
  const zipfExtraJa = zipf(JA_EXTRAS);
  const zipfProductEn = zipf(PRODUCTS_EN);
  const zipfProductJa = zipf(PRODUCTS_JA);
  let i = 0;
  const fill = (s: string, ja: boolean): string =>
    s.replace(/\{(\w+)\}/g, (_m, slot: string) => {
      switch (slot) {
        case 'n': return String(1 + Math.floor(-Math.log(1 - r()) * 4));
        case 'code': return `${pick(['A', 'B', 'E', 'K', 'X'])}${Math.floor(r() * 100000)}`;
        case 'version': return `${1 + Math.floor(r() * 9)}.${Math.floor(r() * 20)}.${Math.floor(r() * 10)}`;
        case 'price': return String(100 * (1 + Math.floor(r() * 200)));
        case 'device': return pick(DEVICES);
        case 'product': {
          // A model number now and then: the vocabulary keeps growing with the corpus, as real product names do.
          const base = ja ? zipfProductJa(r) : zipfProductEn(r);
          return r() < 0.15 ? `${base} ${pick(['KX', 'Pro', 'Lite', 'Z'])}-${Math.floor(r() * 900 + 100)}` : base;
        }
        case 'color': return ja ? pick(COLORS_JA) : pick(COLORS_EN);
        case 'relative': return ja ? pick(RELATIVES_JA) : pick(RELATIVES_EN);
        case 'payment': return pick(PAYMENTS);
        case 'city': return ja ? pick(CITIES_JA) : pick(CITIES_EN);
        case 'month': return String(1 + Math.floor(r() * 12));
        default: return slot;
      }
    });
  const clause = (t: Topic, ja: boolean): string => {
    const side = ja ? t.ja : t.en;
    const s = `${pick(side.subjects)}${ja ? '' : ' '}${pick(side.problems)}`;
    return fill(s, ja);
  };
  const typo = (s: string): string => {
    if (r() > 0.08 || s.length < 8) return s;
    const at = 1 + Math.floor(r() * (s.length - 2));
    return s.slice(0, at) + s.slice(at + 1); // a dropped character
  };
  return () => {
    const ja = r() < 0.6;
    const topic = pickTopic(r);
    // Sentences: mostly 1–2, a long tail up to a paragraph (geometric, mean ≈ 1.8).
    let sentences = 1;
    while (sentences < 12 && r() < 0.45) sentences++;
    const parts: string[] = [];
    const opener = ja ? zipfOpenJa(r) : zipfOpenEn(r);
    if (opener) parts.push(opener);
    for (let k = 0; k < sentences; k++) {
      if (k === 0 || r() < 0.35) {
        const c = clause(r() < 0.85 || k === 0 ? topic : pickTopic(r), ja);
        parts.push(ja ? `${c}。` : `${c[0]!.toUpperCase()}${c.slice(1)}.`);
      } else {
        const e = fill(ja ? zipfExtraJa(r) : zipfExtraEn(r), ja);
        parts.push(ja ? `${e}。` : `${e[0]!.toUpperCase()}${e.slice(1)}.`);
      }
    }
    const closer = ja ? zipfCloseJa(r) : zipfCloseEn(r);
    if (closer) parts.push(closer);
    let text = typo(parts.join(ja ? '' : ' '));
    if (r() < 0.05) text += ` ${pick(EMOJI)}`;
    if (!ja && r() < 0.03) text = text.toUpperCase();
    const day = Math.floor(r() * 365);
    i++;
    return {
      id: `g${i}`,
      text,
      created_at: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + Math.floor(r() * 86_400_000)).toISOString(),
      rating: 1 + Math.floor(r() * 5),
      rating_scale: 'stars',
      channel: pick(['app_store', 'google_play', 'web', 'email', 'chat']),
      product: pick(['KoeMart app', 'KoeMart web', 'KoePay']),
    };
  };
}
