// Label rules of issue 15: nouns and noun phrases of the problem, never a bare verb, adverb, adjective, filler or a
// brand beside the topic; stable across runs; categories named after their themes' shared concept.
import { beforeAll, describe, expect, it } from 'vitest';
import { asWritten, labelGroups, problemPhrase, saidAsWritten, splitProblemPhrase, usedAsVerb } from '../../src/themes/label-themes.js';
import { isLabelTerm } from '../../src/themes/label-terms.js';
import { categoryLabel } from '../../src/themes/theme-set.js';
import { newTheme } from '../../src/themes/theme-set.js';
import type { ThemeDoc } from '../../src/themes/theme-types.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import { themeDocsWith } from './theme-fixture.js';

let tokenizer: DocTokenizer;
beforeAll(async () => {
  tokenizer = await createTokenizer();
});

const themeDocs = (texts: readonly string[], prefix: string): ThemeDoc[] => themeDocsWith(tokenizer, texts, prefix);

// A background group, so that c-TF-IDF has something to contrast with.
const BACKGROUND = ['My password reset email never came.', 'Cannot log in with my password.', 'パスワードを忘れてログインできません。', 'ログインできない状態です。'];

function label(texts: readonly string[]): { label: string; labelJa: string | null; labelEn: string | null } {
  const docs = [...themeDocs(texts, 'g'), ...themeDocs(BACKGROUND, 'b')];
  const group = texts.map((_, i) => i);
  const rest = BACKGROUND.map((_, i) => texts.length + i);
  return labelGroups(docs, [group, rest])[0]!;
}

describe('isLabelTerm', () => {
  it.each([
    // bare verbs, adjectives and politeness formulas of the bad labels
    ['ask', false],
    ['ignore', false],
    ['thank', false],
    ['advance', false],
    ['fresh', false],
    ['笑う', false],
    ['落ちる', false],
    ['早い', false],
    ['落ちて', false],
    ['お世話', false],
    // a unit of time says when, not what ("refund, week")
    ['week', false],
    // who, when, where and which currency ("spare card, daughter", "last saturday", "european bank", "gbp")
    ['daughter', false],
    ['last saturday', false],
    ['european bank', false],
    ['gbp', false],
    ['娘', false],
    ['土曜日', false],
    // a language can be the topic (the app only in Japanese); a child's account is (age limits)
    ['japanese', true],
    ['child', true],
    ['時間', false],
    // words every kind of feedback uses, and actions asked for: nothing of the problem alone ("order, delay",
    // ダークモード・対応, 検索・商品), though they stand inside a phrase
    ['order', false],
    ['app', false],
    ['商品', false],
    ['対応', false],
    ['追加', false],
    ['add', false],
    ['lack', false],
    ['improvement', false],
    ['order history', true],
    // an evaluation of a generic word names nothing more than the word ("nice app"); of a topic it does
    ['good app', false],
    ['great selection', true],
    // verbs the lexicon also calls nouns ("bug, work", "card work")
    ['work', false],
    ['card work', false],
    ['注文履歴', true],
    // Japanese adjectival nouns say how, not what (便利・配送, 親切・丁寧)
    ['便利', false],
    ['親切', false],
    ['丁寧', false],
    // a feedback kind is shown beside the label, it is not the topic (配達日・機能要望)
    ['機能要望', false],
    ['feature request', false],
    // a case particle makes a clause, not a noun phrase; の joins nouns into one
    ['機能を追加', false],
    ['対応が良', false],
    ['何度も説明', false],
    ['動きが重', false],
    ['決済時のクラッシュ', true],
    ['配達員の対応', true],
    // nouns and noun phrases, including Japanese nouns that end in kana
    ['crash', true],
    ['checkout', true],
    ['dark mode', true],
    ['ダークモード', true],
    ['品揃え', true],
    ['支払い', true],
    ['問い合わせ', true],
    ['決済画面', true],
  ])('%s → %s', (term, expected) => {
    expect(isLabelTerm(term)).toBe(expected);
  });
});

describe('theme labels (the bad labels of issue 15)', () => {
  it.each([
    // "crash, place": "place an order" in one text of five is no part of the problem
    [
      ['The app crashes at checkout.', 'Crash on the checkout screen again.', 'Checkout crash after the update.', 'It crashes when I place an order at checkout.', 'Every checkout ends in a crash.'],
      ['place'],
    ],
    // "thank, advance": a ticket sign-off
    [
      ['My refund has not arrived. Thanks in advance.', 'Still no refund for the returned item. Thanks in advance!', 'Where is my refund? Thank you in advance.'],
      ['thank', 'advance'],
    ],
    // "ignore, ask": verbs of what support did, not the problem
    [
      ['Support ignored my question about the refund.', 'I asked support twice and they ignore me.', 'Support keeps ignoring what I ask.'],
      ['ignore', 'ask'],
    ],
    // "car, fresh": an adjective and a word of one text
    [
      ['The vegetables were fresh.', 'Fresh vegetables every week.', 'Very fresh vegetables, the delivery car was on time.'],
      ['fresh', 'car'],
    ],
    // サイズ・笑う: a verb beside the topic
    [['サイズが小さすぎて笑った。', 'サイズ表記と違いました。', 'サイズが合わないので笑うしかない。'], ['笑う']],
    // ダークモード・楽天ペイ: a brand from one request beside the topic
    [
      ['ダークモードをつけてほしいです。', 'ダークモード対応をお願いします。', '夜はダークモードがないとつらい。', 'ダークモードと楽天ペイ対応を希望します。'],
      ['楽天ペイ'],
    ],
  ])('%j has none of %j', (texts, absent) => {
    const got = label(texts);
    const words = [...(got.labelJa?.split('・') ?? []), ...(got.labelEn?.split(', ') ?? [])];
    for (const a of absent) expect(words).not.toContain(a);
    expect(words.length).toBeGreaterThan(0);
  });

  it.each([
    // "spare card, daughter": who the card is for, said by most of the theme, is not what it is about
    [
      ['Can I order a spare card for my daughter?', 'I need a spare card for my daughter.', 'How do I get a spare card for my son?', 'Spare card for my daughter, please.', 'Is a spare card free?'],
      ['daughter', 'son'],
      'spare card',
    ],
    // 追加カード・娘: the same in Japanese
    [['娘用の追加カードを作りたい。', '娘に追加カードを渡したい。', '追加カードは何枚まで作れますか。', '娘の追加カードが届かない。'], ['娘'], '追加カード'],
    // "durability, last saturday": when it happened
    [
      ['The exchange rate on my card payment last Saturday was wrong.', 'Wrong exchange rate on a card payment last Saturday.', 'The exchange rate you used was wrong.', 'Why was the exchange rate so bad on Saturday?'],
      ['last saturday', 'saturday'],
      'exchange rate',
    ],
    // "gbp, usd": the currencies of an exchange, not the exchange
    [
      ['How do I exchange GBP to USD?', 'Can I exchange USD into GBP in the app?', 'I want to exchange GBP for USD.', 'Exchange from USD to GBP please.'],
      ['gbp', 'usd'],
      'exchange',
    ],
    // "top-up charge, european bank": where the money came from
    [
      ['Is there a charge for a top-up from a European bank?', 'Top-up charge from my European bank card?', 'Why was I charged for a top-up?', 'Top-up from a European bank costs a charge?'],
      ['european bank', 'european'],
      null,
    ],
  ])('%j leaves out the side details %j', (texts, absent, first) => {
    const got = label(texts);
    const words = [...(got.labelJa?.split('・') ?? []), ...(got.labelEn?.split(', ') ?? [])];
    for (const a of absent) expect(words).not.toContain(a);
    expect(words.length).toBeGreaterThan(0);
    if (first !== null) expect(words[0]).toBe(first);
  });

  it('names a group by a side detail when nothing else is distinctive, rather than by nothing', () => {
    const got = label(['GBP please.', 'GBP?', 'In GBP.']);
    expect(got.labelEn).toBe('gbp');
  });

  it.each([
    // ダークモード・対応 / dark mode, app: a generic word beside the topic
    [['ダークモードに対応してほしい。', 'ダークモード対応をお願いします。', 'ダークモードがほしいです。'], ['対応']],
    [['Please add dark mode to the app.', 'The app needs a dark mode.', 'Dark mode for the app, please.'], ['app']],
    // "order, delay": every delivery complaint says order
    [['My order is late again.', 'The order was delayed by a week.', 'Order delayed, no update.'], ['order']],
    // 配達日・機能要望: the kind of the feedback is not its topic
    [['配達日を選べる機能が欲しい。', '配達日の指定ができる機能を追加してほしい。', '配達日を選びたいです。機能が欲しい。'], ['機能要望']],
    // 親切・丁寧: qualities, not what was good
    [['配達員さんがとても親切でした。', '配達員さんが丁寧で親切。', '配達員の方が丁寧でした。'], ['親切', '丁寧']],
  ])('%j has none of %j (words that name nothing alone)', (texts, absent) => {
    const got = label(texts);
    const words = [...(got.labelJa?.split('・') ?? []), ...(got.labelEn?.split(', ') ?? [])];
    for (const a of absent) expect(words).not.toContain(a);
    expect(words.length).toBeGreaterThan(0);
  });

  // Wallet requests naming different brands (written for this test): the concept's name leads, no brand beside it.
  const WALLETS_EN = ['Please support PayPay.', 'Can I pay with PayPay?', 'Apple Pay please!', 'Add Apple Pay at checkout.', 'Google Pay would be great.', 'No mobile payment option at all?'];
  const WALLETS_JA = ['楽天ペイで払えるようにしてください。', 'PayPayに対応してほしい。', 'メルペイは使えますか。', 'スマホ決済を増やしてほしい。'];

  it('names a group of wallet brands by their concept, not by the first brand ("paypay, mobile payment")', () => {
    const got = label([...WALLETS_EN, ...WALLETS_JA]);
    expect(got.labelEn).toMatch(/^mobile payment/);
    expect(got.labelJa).toMatch(/^スマホ決済/);
    const words = [...got.labelJa!.split('・'), ...got.labelEn!.split(', ')];
    for (const brand of ['paypay', 'apple', 'apple pay', 'google pay', '楽天ペイ', 'メルペイ']) expect(words).not.toContain(brand);
  });

  it('keeps a brand that is the whole topic (every mention of the concept is that brand)', () => {
    const got = label(['PayPay payments fail since today.', 'PayPay keeps failing.', 'Cannot pay with PayPay.', 'PayPay error at the till.']);
    expect(got.labelEn!.split(', ')[0]).toBe('paypay');
  });

  it('shows one word per concept ("exchange rate, currency", "billing, charge")', () => {
    const got = label(['I was charged twice on my bill.', 'Wrong charge on my bill.', 'The bill has an extra charge.', 'Billing charged me twice.']);
    const en = got.labelEn!.split(', ');
    expect(en.filter((w) => ['bill', 'billing', 'charge', 'charged'].includes(w)).length).toBe(1);
  });

  it('shows a compound whole rather than the part the group only says inside it (領収書, not 領収)', () => {
    const got = label(['領収書を発行してほしい。', '領収書がダウンロードできない。', '領収書の宛名を変えたい。']);
    expect(got.labelJa!.split('・')).toContain('領収書');
    expect(got.labelJa!.split('・')).not.toContain('領収');
  });

  it('shows a word as the texts write it when they always put an honorific before it (お得, not 得), run after run', () => {
    const texts = ['クーポンでお得に買えました。', 'セールでお得に買い物できた。', 'まとめ買いがお得です。', 'ポイントでお得になりました。'];
    const got = label(texts);
    expect(got.labelJa!.split('・')).toContain('お得');
    expect(got.labelJa!.split('・')).not.toContain('得');
    const docs = [...themeDocs(texts, 'g'), ...themeDocs(BACKGROUND, 'b')];
    const groups = [texts.map((_, i) => i), BACKGROUND.map((_, i) => texts.length + i)];
    expect(labelGroups(docs, groups, 2, [{ labelJa: got.labelJa, labelEn: null }, null])[0]!.labelJa).toBe(got.labelJa);
    // a word the texts also write without it stays as it is
    expect(asWritten('利用', ['ご利用ありがとうございます。', 'アプリを利用しています。'])).toBe('利用');
  });

  it('names a group whose only distinctive word is generic by that word rather than by nothing', () => {
    const got = label(['Great app.', 'Love this app!', 'Best app ever.', 'Nice app, thanks.']);
    expect(got.labelEn).toBe('app');
  });

  it('keeps a part when its whole would repeat a word already chosen (ネット・掲示板, not ネット then nothing of 掲示板)', () => {
    // ネット leads; 掲示板 is always ネット掲示板 here, which would say ネット twice
    const got = label(['ネットで話題になった。', 'ネットの反応がすごい。', 'ネット掲示板が炎上した。', 'ネット掲示板の書き込みが話題。', 'ネットで騒ぎになった。', 'ネット掲示板に投稿があった。', 'ネットでも賛否。']);
    expect(got.labelJa).toBe('ネット・掲示板');
  });

  it('does not keep a previous label that breaks the rules (a brand beside its concept)', () => {
    const texts = [...WALLETS_EN, ...WALLETS_JA];
    const docs = [...themeDocs(texts, 'g'), ...themeDocs(BACKGROUND, 'b')];
    const groups = [texts.map((_, i) => i), BACKGROUND.map((_, i) => texts.length + i)];
    const got = labelGroups(docs, groups, 2, [{ labelJa: null, labelEn: 'paypay, mobile payment' }, null])[0]!;
    expect(got.labelEn).toMatch(/^mobile payment/);
    expect(got.labelEn).not.toContain('paypay');
  });

  it('names the problem: dark mode, checkout', () => {
    expect(label(['ダークモードをつけてほしいです。', 'ダークモード対応をお願いします。', 'ダークモードと楽天ペイ対応を希望します。']).labelJa).toMatch(/^ダークモード/);
    expect(label(['The app crashes at checkout.', 'Checkout crash after the update.', 'It crashes when I place an order at checkout.']).labelEn).toMatch(/checkout|crash/);
  });

  it('keeps the previous label while its terms still describe the theme (no drift between runs)', () => {
    const texts = ['The app crashes at checkout.', 'Crash on the checkout screen again.', 'Checkout crash after the update.', 'The app crashes when I pay.'];
    const docs = [...themeDocs(texts, 'g'), ...themeDocs(BACKGROUND, 'b')];
    const groups = [texts.map((_, i) => i), BACKGROUND.map((_, i) => texts.length + i)];
    const fresh = labelGroups(docs, groups)[0]!;
    const swapped = fresh.labelEn!.split(', ').reverse().join(', ');
    const kept = labelGroups(docs, groups, 2, [{ labelJa: null, labelEn: swapped }, null])[0]!;
    expect(kept.labelEn).toBe(swapped);
    // a previous label that no longer describes the theme is replaced
    const replaced = labelGroups(docs, groups, 2, [{ labelJa: null, labelEn: 'password' }, null])[0]!;
    expect(replaced.labelEn).toBe(fresh.labelEn);
  });
});

describe('categoryLabel', () => {
  it('names a category after the concept its themes share, not after one theme', () => {
    const late = themeDocs(['荷物がまだ届かない。', '配達が遅れています。', 'My delivery is late again.'], 'late');
    const driver = themeDocs(['配達員さんがとても親切でした。', 'The delivery driver was friendly.', '配達が丁寧でした。'], 'driver');
    const docs = [...late, ...driver];
    const a = { ...newTheme('t1', null), size: 3, label: '遅延' };
    const b = { ...newTheme('t2', null), size: 3, label: '配達員' };
    const membersOf = new Map([['t1', [0, 1, 2]], ['t2', [3, 4, 5]]]);
    expect(categoryLabel([a, b], docs, membersOf)).toMatch(/delivery/);
  });

  it('says "mixed" when the themes share no concept, rather than naming it after one of them', () => {
    const docs = themeDocs(['ダークモードがほしい。', 'Dark mode please.', '検索で商品が出てこない。', 'Search finds nothing.', '検索結果がおかしい。', 'ログインできない。'], 'x');
    const a = { ...newTheme('t1', null), size: 2, label: 'ダークモード / dark mode' };
    const b = { ...newTheme('t2', null), size: 1, label: '検索 / search' };
    const c = { ...newTheme('t3', null), size: 1, label: 'x' };
    const membersOf = new Map([['t1', [0, 1]], ['t2', [2, 3]], ['t3', [4]]]);
    // dark mode 2 of 5 documents' weight, search 3 of 5 but only over t2 and t3: search is shared by more than half
    expect(categoryLabel([a, b, c], docs, membersOf)).toMatch(/search/);
    // dark mode holds 2 of 3 documents' weight but belongs to one theme of the two: it is that theme's concept, not
    // the category's ("価格 / price" over price, receipts and dark mode); both are about the app
    expect(categoryLabel([a, b], docs, new Map([['t1', [0, 1]], ['t2', [2]]]))).toBe('アプリ / app');
    const price = themeDocs(['送料が高すぎる。', 'The price went up again.', 'Too expensive now.', '領収書が欲しい。'], 'p');
    const p = { ...newTheme('t6', null), size: 3, label: '価格 / price' };
    const r = { ...newTheme('t7', null), size: 1, label: '領収書 / receipt' };
    expect(categoryLabel([p, r], price, new Map([['t6', [0, 1, 2]], ['t7', [3]]]))).not.toMatch(/price/);
    const d = { ...newTheme('t4', null), size: 1, label: 'y' };
    // dark mode, search, login: one third each, no concept names them all, but dark mode and search are both about
    // the app (the concepts' area, categories.tsv)
    expect(categoryLabel([a, c, d], docs, new Map([['t1', [0]], ['t3', [4]], ['t4', [5]]]))).toBe('アプリ / app');
    // dark mode, login, refund: three areas (app, account, billing), nothing names them all
    const refund = themeDocs(['返金してほしい。'], 'r');
    const e = { ...newTheme('t5', null), size: 1, label: 'z' };
    expect(categoryLabel([a, d, e], [...docs, ...refund], new Map([['t1', [0]], ['t4', [5]], ['t5', [6]]]))).toBe('その他 / mixed');
    expect(categoryLabel([a], docs, new Map([['t1', [0, 1]]]))).toBe('ダークモード / dark mode');
  });
});

describe('usedAsVerb', () => {
  it.each([
    // "place an order": a verb there, though the lexicon calls "place" a noun
    ['place', ['I cannot place an order.', 'It crashes when I place my order.', 'Nice place.'], true],
    ['ask', ['I asked them twice.', 'Ask the driver.'], true],
    // a noun, even when it once comes before "the"
    ['checkout', ['Crash at checkout.', 'The checkout screen freezes.', 'checkout the page'], false],
    ['crash', ['Crash on launch.', 'Another crash today.'], false],
  ])('%s in %j → %s', (term, texts, expected) => {
    expect(usedAsVerb(term, texts)).toBe(expected);
  });
});

describe('saidAsWritten', () => {
  it.each([
    // stems of the English lemmatizer that no text writes ("freez, crash", "processing, pend")
    ['freez', ['The app freezes all the time.', 'Freezing on start.'], false],
    ['pend', ['My transfer is still pending.', 'Pending for days.'], false],
    // brands and product words the lexicon does not know, as the texts write them
    ['paypay', ['PayPay please.', '支払いにPayPayを使いたい。'], true],
    ['csv', ['Export to CSV.', 'CSV download please.'], true],
    // words the lexicon knows need no check ("crash" of "crashes")
    ['crash', ['It crashes.', 'Crashed again.'], true],
  ])('%s in %j → %s', (term, texts, expected) => {
    expect(saidAsWritten(term, texts)).toBe(expected);
  });
});

describe('a problem and its thing as one phrase ("checkout crash", 決済画面のクラッシュ)', () => {
  // Late deliveries: nearly every text says delivery (配送), and those that say the delay say it of the delivery.
  const LATE = [
    '配送が遅延しています。',
    '配送の遅延がひどい。',
    '配送がまた遅延した。',
    '配送が遅いです。',
    'Delivery delay again this week.',
    'Another delivery delay, my parcel is late.',
    'The delivery delay is too long.',
    'Delivery was slow again.',
  ];
  // Crashes: every text says crash, a third of them at the checkout; the phrase would name a part of the theme.
  const CRASHES = [
    'アプリがクラッシュする。',
    '起動するとクラッシュします。',
    '決済画面でクラッシュする。',
    'The app crashes on launch.',
    'Crash when I open the app.',
    'It crashes at checkout.',
  ];

  it('joins them when most of the theme says the thing and the problem is said of it', () => {
    const l = label(LATE);
    expect(l.labelJa).toBe('配送の遅延');
    expect(l.labelEn).toBe('delivery delay');
  });

  it('keeps two words when only part of the theme says the thing', () => {
    const l = label(CRASHES);
    expect(l.labelJa).not.toMatch(/の/);
    expect(l.labelEn).not.toMatch(/checkout crash/);
    expect(l.labelEn).toMatch(/crash/);
  });

  it('keeps a joined label from run to run (the phrase stands for its two words)', () => {
    const docs = [...themeDocs(LATE, 'g'), ...themeDocs(BACKGROUND, 'b')];
    const groups = [LATE.map((_, i) => i), BACKGROUND.map((_, i) => LATE.length + i)];
    const fresh = labelGroups(docs, groups)[0]!;
    const again = labelGroups(docs, groups, 2, [{ labelJa: fresh.labelJa, labelEn: fresh.labelEn }, null])[0]!;
    expect(again.label).toBe(fresh.label);
  });

  it.each([
    ['checkout crash', false, ['checkout', 'crash']],
    ['credit card error', false, ['credit card', 'error']],
    ['決済画面のクラッシュ', true, ['決済画面', 'クラッシュ']],
    ['配送の遅延', true, ['配送', '遅延']],
    ['crash', false, null],
    ['order history', false, null],
    ['遅延', true, null],
  ] as const)('splitProblemPhrase(%s) → %j', (term, japanese, parts) => {
    expect(splitProblemPhrase(term, japanese)).toEqual(parts);
    if (parts) expect(problemPhrase(parts[0], parts[1], japanese)).toBe(term);
  });
});
