import { describe, expect, it } from 'vitest';
import { loadJourneyCues, tagJourney } from '../../src/classify/index.js';
import { channelTouchpoint } from '../../src/classify/journey.js';
import type { JourneyStage, Touchpoint } from '../../src/types.js';
import { tokenizedDoc } from './make-doc.js';

const CASES: { text: string; stage: JourneyStage | null; touchpoint: Touchpoint | null; why: string }[] = [
  // Japanese
  { text: '注文した商品がまだ届きません', stage: 'delivery', touchpoint: null, why: '届かない outranks 注文' },
  { text: '二重引き落としされていました', stage: 'billing', touchpoint: null, why: '二重引き落とし' },
  { text: '通知が二重に届く', stage: null, touchpoint: null, why: 'a notification arriving is not a delivery' },
  { text: '確認メールが届かない', stage: null, touchpoint: 'email', why: 'an email arriving is not a delivery' },
  { text: '請求額がおかしいのでメールで問い合わせた', stage: 'billing', touchpoint: 'email', why: '請求 outweighs 問い合わせ; メール' },
  { text: '解約したいのに退会ボタンが見つからない', stage: 'cancel', touchpoint: null, why: '解約, 退会' },
  { text: 'サポートに問い合わせたが返信がない', stage: 'support', touchpoint: null, why: '問い合わせ, サポート' },
  { text: '初期設定がわかりにくい', stage: 'onboarding', touchpoint: null, why: '初期設定' },
  { text: 'コールセンターに電話しても誰も出ない', stage: 'support', touchpoint: 'call_centre', why: 'コールセンター, 電話' },
  { text: 'アプリが毎日落ちる', stage: 'use', touchpoint: 'app', why: 'アプリ; a defect met while using' },
  { text: 'アプリの画面が見にくい', stage: 'use', touchpoint: 'app', why: 'usage words only: use' },
  { text: '店舗の店員さんが親切でした', stage: null, touchpoint: 'store', why: '店舗, 店員' },
  { text: 'チャットで質問したらすぐ解決した', stage: null, touchpoint: 'chat', why: 'チャット' },
  { text: '配達員の態度が悪い', stage: 'delivery', touchpoint: 'delivery', why: '配達員' },
  { text: '口コミで知りました', stage: 'discover', touchpoint: null, why: '口コミで知った' },
  { text: 'とても良かったです', stage: null, touchpoint: null, why: 'no cue: null' },
  // English
  { text: 'My package never arrived', stage: 'delivery', touchpoint: 'delivery', why: 'package' },
  { text: 'I was charged twice, where is my invoice?', stage: 'billing', touchpoint: null, why: 'charged twice, invoice' },
  { text: 'How do I cancel my subscription?', stage: 'cancel', touchpoint: null, why: 'cancel my subscription' },
  { text: 'I opened a support ticket a week ago', stage: 'support', touchpoint: null, why: 'support ticket' },
  { text: 'Sign up took forever', stage: 'onboarding', touchpoint: null, why: 'sign up' },
  { text: 'I called three times and was put on hold', stage: null, touchpoint: 'call_centre', why: 'called, on hold' },
  { text: 'The app keeps crashing', stage: 'use', touchpoint: 'app', why: 'app; crashing is usage' },
  { text: 'The staff at the store were helpful', stage: null, touchpoint: 'store', why: 'store' },
  { text: 'Found it on the play store', stage: 'discover', touchpoint: 'app', why: 'play store is the app, not a store' },
  { text: 'The website checkout is confusing', stage: 'purchase', touchpoint: 'web', why: 'website, checkout' },
  { text: 'Got an email saying my order shipped', stage: 'delivery', touchpoint: 'email', why: 'shipped outranks order; email' },
  { text: 'Nice colours', stage: null, touchpoint: null, why: 'no cue: null' },
];

describe('tagJourney', () => {
  it.each(CASES)('$text → $stage / $touchpoint ($why)', async ({ text, stage, touchpoint }) => {
    expect(tagJourney(await tokenizedDoc(text))).toEqual({ stage, touchpoint });
  });
});

// A text that names no touchpoint takes its channel's (dictionaries/journey/channels.tsv); what the text names wins.
const CHANNEL_CASES: { text: string; channel: string; touchpoint: Touchpoint | null; why: string }[] = [
  { text: '返金がまだです', channel: 'email', touchpoint: 'email', why: 'an e-mail ticket that names no touchpoint' },
  { text: 'My refund is late', channel: 'E-Mail', touchpoint: 'email', why: 'any spelling of e-mail' },
  { text: '返金がまだです', channel: 'メール', touchpoint: 'email', why: 'a Japanese channel name' },
  { text: 'My refund is late', channel: 'live_chat', touchpoint: 'chat', why: 'separators read as spaces' },
  { text: 'My refund is late', channel: 'phone', touchpoint: 'call_centre', why: 'a phone channel is the call centre' },
  { text: 'Love it', channel: 'app_store', touchpoint: 'app', why: 'an app-store review is about the app' },
  { text: 'Love it', channel: 'google_play', touchpoint: 'app', why: 'so is a Google Play one' },
  { text: 'Love it', channel: 'in-store', touchpoint: 'store', why: 'a physical store' },
  { text: 'Love it', channel: 'contact_form', touchpoint: 'web', why: 'a web form' },
  { text: 'The app keeps crashing', channel: 'email', touchpoint: 'app', why: 'the text names the app: it comes first' },
  { text: '配達員の態度が悪い', channel: 'chat', touchpoint: 'delivery', why: 'the text names the driver' },
  { text: 'My refund is late', channel: 'survey', touchpoint: null, why: 'a survey names no touchpoint' },
  { text: 'My refund is late', channel: 'twitter', touchpoint: null, why: 'nor does a channel the file does not know' },
];

describe('tagJourney with a channel', () => {
  it.each(CHANNEL_CASES)('$text via $channel → $touchpoint ($why)', async ({ text, channel, touchpoint }) => {
    expect(tagJourney(await tokenizedDoc(text, { channel })).touchpoint).toBe(touchpoint);
  });

  it('never reads a touchpoint into a missing or blank channel, nor an app store as a store', () => {
    const cues = loadJourneyCues();
    expect([null, undefined, '', ' _ '].map((c) => channelTouchpoint(c, cues))).toEqual([null, null, null, null]);
    expect(['app_store', 'Play Store', 'iphone'].map((c) => channelTouchpoint(c, cues))).toEqual(['app', 'app', 'app']);
  });
});
