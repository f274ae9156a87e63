import type { Theme } from '../theme.js';

// Generic, content-free feedback every real export has: greetings, "ok", thanks, test messages.
// Only a support ticket says this.
const TICKET = { only: ['ticket'] } as const;

export const noise: Theme = {
  id: 'noise',
  label: 'Generic noise: thanks, ok, greetings, test messages',
  polarity: 'neutral',
  weight: { reviews: 6, tickets: 3, survey: 9 },
  products: [['KoeMart app', 6], ['KoeMart web', 2], ['KoeMart Premium', 2]],
  ja: {
    core: {
      polite: [
        'ありがとうございます。',
        'よろしくお願いします。',
        { text: '先ほどの件は解決しました。ありがとうございました。', ...TICKET },
        { text: 'テスト送信です。', ...TICKET },
        { text: '前回の問い合わせは取り消してください。', ...TICKET },
        'いつも利用しています。',
        'こんにちは。',
        '特にありません。',
      ],
      casual: ['ありがとう', 'ふつう', 'まあまあ', 'いいね', 'こんにちは', '使ってます', '😊', 'よき', 'うーん', 'とりあえず星3', 'まだ使い始めたばかりです', '可もなく不可もなく', 'おおむね満足', '普通に使えてます'],
    },
    detail: { polite: [], casual: [] },
    close: { polite: [], casual: [] },
    short: ['特になし', 'なし', '特にありません', 'ふつう', 'まあまあ', 'とくになし', '-', 'よく分からない', '今のところ不満はない', 'なんとなく', '友人にすすめるほどではない'],
  },
  en: {
    core: {
      polite: ['Thank you.', { text: 'Never mind, it works now. Thanks!', ...TICKET }, { text: 'Please ignore my previous message.', ...TICKET }, { text: 'This is a test.', ...TICKET }, 'Hello.'],
      casual: ['ok', 'good', 'nice', 'thanks', 'hi', 'meh', 'fine', '👍', 'ok ok', 'It does the job', 'Just started using it', 'Not bad', 'average'],
    },
    detail: { polite: [], casual: [] },
    close: { polite: [], casual: [] },
    short: ['N/A', 'nothing', 'no comment', 'none', 'ok', 'not sure', '-', 'It is fine', 'Nothing special', 'I rarely recommend apps'],
  },
};
