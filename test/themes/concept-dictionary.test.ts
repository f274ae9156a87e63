import { describe, expect, it } from 'vitest';
import { loadCategoryNames, loadConceptDictionary, matchConcepts, parseCategoryNames, parseConceptDictionary } from '../../src/themes/concept-dictionary.js';

describe('concept dictionary', () => {
  const dictionary = loadConceptDictionary();
  const conceptsOf = (text: string, lang: 'ja' | 'en'): string[] => [...matchConcepts(dictionary, text, [], lang).concepts.keys()];

  it('has at least 300 concepts (issue 4: a few hundred)', () => {
    expect(dictionary.concepts.length).toBeGreaterThanOrEqual(300);
  });

  it.each([
    // spelling variants of one concept in Japanese
    { text: 'ログオンできない', lang: 'ja', concept: 'login' },
    { text: 'サインインに失敗します', lang: 'ja', concept: 'login' },
    // English phrases match after stemming ("logging in", "arrived")
    { text: 'I keep logging in and getting kicked out', lang: 'en', concept: 'login' },
    { text: 'my parcel never arrived', lang: 'en', concept: 'delivery' },
    { text: '荷物がまだ届かない', lang: 'ja', concept: 'delivery' },
    { text: '返金してください', lang: 'ja', concept: 'refund' },
    { text: 'I want my money back', lang: 'en', concept: 'refund' },
    { text: '解約したい', lang: 'ja', concept: 'cancel_subscription' },
    { text: 'how do I unsubscribe', lang: 'en', concept: 'cancel_subscription' },
    { text: '二重に請求されています', lang: 'ja', concept: 'double_charge' },
    { text: 'I was charged twice', lang: 'en', concept: 'double_charge' },
    // telecom: no signal in both languages
    { text: '地下だとすぐ圏外になる', lang: 'ja', concept: 'mobile_signal' },
    { text: 'I have no signal at home', lang: 'en', concept: 'mobile_signal' },
    // apps: garbled text and usability
    { text: 'メールが文字化けしています', lang: 'ja', concept: 'garbled_text' },
    { text: 'the subject line shows garbled text', lang: 'en', concept: 'garbled_text' },
    { text: '操作性が悪くなった', lang: 'ja', concept: 'usability' },
    { text: 'the new version is not easy to use', lang: 'en', concept: 'usability' },
    // airlines: a connection is a connecting flight, the meal is served in flight
    { text: '乗り継ぎに間に合わなかった', lang: 'ja', concept: 'connecting_flight' },
    { text: 'we had a six hour layover', lang: 'en', concept: 'connecting_flight' },
    { text: '機内食が冷たかった', lang: 'ja', concept: 'in_flight' },
    { text: 'the in-flight entertainment did not work', lang: 'en', concept: 'in_flight' },
    // hotels: room cleaning service
    { text: '客室清掃が来なかった', lang: 'ja', concept: 'housekeeping' },
    { text: 'housekeeping never came to our room', lang: 'en', concept: 'housekeeping' },
    // banking: 暗証番号 is a PIN, not a password
    { text: '暗証番号を忘れました', lang: 'ja', concept: 'pin' },
    { text: 'the ATM swallowed my card', lang: 'en', concept: 'card_retained' },
    { text: '残高不足で引き落とせなかった', lang: 'ja', concept: 'overdraft' },
    { text: 'I got an overdraft fee', lang: 'en', concept: 'overdraft' },
    // e-commerce: counterfeit goods and unattended delivery
    { text: '偽物が届いた', lang: 'ja', concept: 'counterfeit' },
    { text: 'this is clearly a counterfeit', lang: 'en', concept: 'counterfeit' },
    { text: '置き配を指定したのに', lang: 'ja', concept: 'unattended_delivery' },
    { text: 'the parcel was left on the doorstep in the rain', lang: 'en', concept: 'unattended_delivery' },
    // apps: installing again is installing
    { text: 'I reinstalled the app twice', lang: 'en', concept: 'install' },
    { text: '再インストールしても直らない', lang: 'ja', concept: 'install' },
    { text: 'the download never finishes', lang: 'en', concept: 'download' },
    { text: 'Sign up took forever', lang: 'en', concept: 'slow' },
    // payment methods (issue 15): wallets by name in both languages, and ways to pay in general
    { text: '楽天ペイは使えますか', lang: 'ja', concept: 'contactless' },
    { text: 'do you accept Google Pay yet', lang: 'en', concept: 'contactless' },
    { text: 'お支払い方法が少なすぎる', lang: 'ja', concept: 'payment_method' },
    { text: 'which payment methods do you take', lang: 'en', concept: 'payment_method' },
    // delivery speed, praised or asked for
    { text: '注文した翌日にはすぐ届きました', lang: 'ja', concept: 'shipping_speed' },
    { text: 'my groceries arrived quickly', lang: 'en', concept: 'shipping_speed' },
    // cancelling a subscription is not cancelling an order
    { text: 'I could not cancel my membership online', lang: 'en', concept: 'cancel_subscription' },
    { text: 'it is impossible to cancel this service', lang: 'en', concept: 'cancel_subscription' },
    // crashes, an app that will not start, and the checkout step
    { text: 'アプリが起動しない', lang: 'ja', concept: 'crash' },
    { text: 'the app shows a blank screen', lang: 'en', concept: 'crash' },
    { text: '決済時にエラーが出る', lang: 'ja', concept: 'checkout' },
    { text: 'the checkout page froze', lang: 'en', concept: 'checkout' },
    // a verification code that does not come is a code, not a parcel
    { text: '認証コードが届かない', lang: 'ja', concept: 'two_factor' },
    { text: 'I never got the code by text', lang: 'en', concept: 'two_factor' },
    // being passed around is a support experience (runaround, broader: customer_support)
    { text: '電話したら部署を回されて終わった', lang: 'ja', concept: 'runaround' },
    { text: 'they pass you around from agent to agent', lang: 'en', concept: 'customer_support' },
    // a late-evening slot is a delivery time slot
    { text: '夜遅い時間の配達を選びたい', lang: 'ja', concept: 'delivery_date' },
    { text: 'please offer a late evening slot', lang: 'en', concept: 'delivery_date' },
    // the narrowed variants still find their meaning: an app update, wear, food past its date, an identity check
    { text: 'it crashes since the update', lang: 'en', concept: 'update' },
    { text: 'I updated the app and now it freezes', lang: 'en', concept: 'update' },
    { text: 'アプリを更新したら開かなくなった', lang: 'ja', concept: 'update' },
    { text: 'アップデート後に落ちる', lang: 'ja', concept: 'update' },
    { text: 'the soles fell apart after a month, they did not last', lang: 'en', concept: 'durability' },
    { text: 'the yoghurt was past its best before date', lang: 'en', concept: 'freshness' },
    { text: '賞味期限が切れていた', lang: 'ja', concept: 'freshness' },
    { text: 'my card has expired', lang: 'en', concept: 'expired_card' },
    { text: 'why do I have to verify my identity', lang: 'en', concept: 'identity_check' },
    { text: '本人確認の書類を出しました', lang: 'ja', concept: 'identity_check' },
    { text: 'the verification code never came', lang: 'en', concept: 'two_factor' },
    // praise of fast delivery in the words Japanese customers use, as "fast delivery" in English
    { text: '配達が早くて驚きました', lang: 'ja', concept: 'shipping_speed' },
    { text: '当日配達が便利', lang: 'ja', concept: 'shipping_speed' },
    { text: '夜に注文しても翌朝には届く', lang: 'ja', concept: 'shipping_speed' },
    { text: 'サポートの方が親切でした', lang: 'ja', concept: 'helpful' },
  ] as const)('$text → $concept', ({ text, lang, concept }) => {
    expect(conceptsOf(text, lang)).toContain(concept);
  });

  it.each([
    // スカート (skirt) contains カート (cart) as a substring
    { text: 'スカートのサイズが小さい', lang: 'ja', concept: 'cart' },
    // 通信販売 (mail order) is shopping, not a network connection
    { text: '通信販売で買いました', lang: 'ja', concept: 'network_connection' },
    // an exchange rate is not a review rating
    { text: 'the exchange rate was wrong', lang: 'en', concept: 'review' },
    // "of course" is not a lesson
    { text: 'of course I want a refund', lang: 'en', concept: 'lesson' },
    // downloading a receipt is not installing an app
    { text: 'I want to download all my receipts', lang: 'en', concept: 'install' },
    { text: '領収書をダウンロードしたい', lang: 'ja', concept: 'install' },
    // 重い alone is heavy as often as sluggish
    { text: '重いバッグを毎日持ち歩く', lang: 'ja', concept: 'slow' },
    // a code that does not come is not a late delivery; late at night is a slot, not a delay
    { text: '認証コードが届かない', lang: 'ja', concept: 'delivery_delay' },
    { text: 'please offer a late evening slot', lang: 'en', concept: 'delivery_delay' },
    { text: '夜遅い時間の配達を選びたい', lang: 'ja', concept: 'slow' },
    // placing an order is ordering, not the checkout step
    { text: 'I placed an order for a new card', lang: 'en', concept: 'checkout' },
    // a balance or an order status that was updated is no app update; news on a parcel neither
    { text: 'my balance has not updated yet', lang: 'en', concept: 'update' },
    { text: 'could you give me an update on my order', lang: 'en', concept: 'update' },
    { text: '配送状況が更新されない', lang: 'ja', concept: 'update' },
    { text: 'I want to upgrade my account', lang: 'en', concept: 'update' },
    // the version a bug report gives is a detail of the report, not an update
    { text: 'the app freezes, my app version is 5.1', lang: 'en', concept: 'update' },
    // "lasts" stems to "last": last Saturday, the last payment
    { text: 'I paid with my card last Saturday', lang: 'en', concept: 'durability' },
    { text: 'my last payment is missing', lang: 'en', concept: 'durability' },
    // cards, coupons and passwords expire too: expiry is not food gone off
    { text: 'my card has expired', lang: 'en', concept: 'freshness' },
    { text: 'what is the expiry date of my card', lang: 'en', concept: 'freshness' },
    { text: 'the coupon expired before I could use it', lang: 'en', concept: 'freshness' },
    // "what's the deal?" asks what is going on
    { text: "money left my account, what's the deal?", lang: 'en', concept: 'discount' },
    // checking who a customer is (KYC) is not a two-factor code
    { text: 'why do I have to verify my identity', lang: 'en', concept: 'two_factor' },
    { text: '本人確認が終わらない', lang: 'ja', concept: 'two_factor' },
    // 助かる is the customer's relief, said of anything (a fast delivery, a handy app), not a helpful person
    { text: '配達が早くて助かりました', lang: 'ja', concept: 'helpful' },
    { text: 'アプリが便利で助かります', lang: 'ja', concept: 'helpful' },
  ] as const)('$text does not match $concept', ({ text, lang, concept }) => {
    expect(conceptsOf(text, lang)).not.toContain(concept);
  });

  it('does not match a one-character Japanese variant inside another word (便 in 便利)', () => {
    expect(conceptsOf('とても便利です', 'ja')).not.toContain('flight');
  });

  it('counts the broader concept of a match too (fifth column)', () => {
    const d = parseConceptDictionary('concept\tcategory\tja\ten\nsupport\tsupport\tサポート\tsupport\nrunaround\tsupport\tたらい回し\tpassed around\tsupport\n');
    expect([...matchConcepts(d, 'ずっとたらい回し', [], 'ja').concepts].sort()).toEqual([['runaround', 1], ['support', 1]]);
    expect([...matchConcepts(d, 'I was passed around', [], 'en').concepts].sort()).toEqual([['runaround', 1], ['support', 1]]);
  });

  it('refuses an unknown or nested broader concept, naming the line', () => {
    const head = 'concept\tcategory\tja\ten\n';
    expect(() => parseConceptDictionary(`${head}a\tx\tあい\ta\tnope\n`, 'x.tsv')).toThrow(/x\.tsv:2: broader concept of "a"/);
    expect(() => parseConceptDictionary(`${head}a\tx\tあい\ta\nb\tx\tかき\tb\ta\nc\tx\tさし\tc\tb\n`, 'x.tsv')).toThrow(/x\.tsv:4: broader/);
  });

  it('reads a concept\'s label and instances (sixth and seventh columns) without changing what it matches', () => {
    const head = 'concept\tcategory\tja\ten\tbroader\tlabel\tinstances\n';
    const plain = parseConceptDictionary(`${head}wallet\tbilling\tスマホ決済|PayPay\tmobile payment|paypay|apple pay\n`);
    const named = parseConceptDictionary(`${head}wallet\tbilling\tスマホ決済|PayPay\tmobile payment|paypay|apple pay\t\tスマホ決済|mobile payment\tPayPay|paypay|Apple Pay\n`);
    const wallet = named.byId.get('wallet')!;
    expect(wallet.label).toEqual({ ja: 'スマホ決済', en: 'mobile payment' });
    // instances as the variants are stored: Japanese as written, English lowercased
    expect([...wallet.instances].sort()).toEqual(['PayPay', 'apple pay', 'paypay']);
    expect(plain.byId.get('wallet')!.label).toEqual({ ja: null, en: null });
    // labels and instances are for people: the same matches, the same version (no refit of stored vectors)
    expect(named.version).toBe(plain.version);
    expect([...matchConcepts(named, 'PayPayで払いたい', [], 'ja').concepts]).toEqual([...matchConcepts(plain, 'PayPayで払いたい', [], 'ja').concepts]);
    // one side of a label may be left to the variants
    expect(parseConceptDictionary(`${head}x\ta\tあい\tx\t\t|ex\n`).byId.get('x')!.label).toEqual({ ja: null, en: 'ex' });
  });

  it.each([
    // an instance must be one of the line's variants, or marking it would add a match
    ['wallet\tbilling\tスマホ決済\tmobile payment\t\t\tLINE Pay\n', /x\.tsv:2: instance "LINE Pay" of "wallet" is not one of its variants/],
    // a label is "ja|en"
    ['wallet\tbilling\tスマホ決済\tmobile payment\t\tスマホ決済\n', /x\.tsv:2: label must be "ja\|en"/],
    // at most seven columns
    ['wallet\tbilling\tスマホ決済\tmobile payment\t\t|\t\textra\n', /x\.tsv:2: expected 4 to 7/],
  ])('refuses %j, naming the line', (line, error) => {
    expect(() => parseConceptDictionary(`concept\tcategory\tja\ten\tbroader\tlabel\tinstances\n${line}`, 'x.tsv')).toThrow(error);
  });

  it('names the concept categories of the bundled dictionary, and refuses an unknown one naming the line', () => {
    const names = loadCategoryNames();
    expect(names.get('delivery')).toEqual({ ja: '配送', en: 'delivery' });
    // every named category is one that concepts use; general and sentiment name no area
    const used = new Set(dictionary.concepts.map((c) => c.category));
    for (const category of names.keys()) expect(used.has(category)).toBe(true);
    expect(names.has('general')).toBe(false);
    expect(() => parseCategoryNames('category\tja\ten\ndelivery\t配送\tdelivery\nweather\t天気\tweather\n', dictionary, 'c.tsv')).toThrow(/c\.tsv:3: no concept has the category "weather"/);
    expect(() => parseCategoryNames('category\tja\ten\ndelivery\t配送\n', dictionary, 'c.tsv')).toThrow(/c\.tsv:2: expected 3/);
  });

  it('marks brands in the bundled dictionary as instances, and gives wallets a name of their own', () => {
    const wallet = dictionary.byId.get('contactless')!;
    for (const brand of ['PayPay', '楽天ペイ', 'paypay', 'apple pay']) expect(wallet.instances.has(brand)).toBe(true);
    expect(wallet.instances.has('mobile payment')).toBe(false);
    expect(wallet.label).toEqual({ ja: 'スマホ決済', en: 'mobile payment' });
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseConceptDictionary('concept\tcategory\tja\ten\nlogin\taccount\tログイン\n', 'x.tsv')).toThrow(/x\.tsv:2: expected 4/);
  });
});
