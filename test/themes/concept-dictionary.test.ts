import { describe, expect, it } from 'vitest';
import { loadConceptDictionary, matchConcepts, parseConceptDictionary } from '../../src/themes/concept-dictionary.js';

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
  ] as const)('$text does not match $concept', ({ text, lang, concept }) => {
    expect(conceptsOf(text, lang)).not.toContain(concept);
  });

  it('does not match a one-character Japanese variant inside another word (便 in 便利)', () => {
    expect(conceptsOf('とても便利です', 'ja')).not.toContain('flight');
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseConceptDictionary('concept\tcategory\tja\ten\nlogin\taccount\tログイン\n', 'x.tsv')).toThrow(/x\.tsv:2: expected 4/);
  });
});
