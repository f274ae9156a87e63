import type { Theme } from '../theme.js';

export const featurePayment: Theme = {
  id: 'feature-payment',
  label: 'Feature request: Apple Pay / PayPay / more payment methods',
  polarity: 'request',
  weight: { reviews: 5, tickets: 2, survey: 3 },
  products: [['KoeMart app', 6], ['KoeMart web', 4]],
  ja: {
    core: {
      polite: [
        'PayPayで支払えるようにしていただけないでしょうか。',
        'Apple Payに対応してほしいです。',
        '支払い方法にPayPayを追加してほしいです。',
        'コンビニ払いやPayPayなど、支払い方法を増やしていただけると助かります。',
        '楽天ペイやd払いにも対応していただけると嬉しいです。',
        'クレジットカード以外の支払い方法がないのが不便です。',
      ],
      casual: [
        'PayPay使えないの不便すぎる',
        'Apple Pay対応してー',
        'PayPay払いできたら毎日使うのに',
        'カード払いしかないのつらい',
        '支払い方法少なくない？PayPayほしい',
        'Apple Payで一発で払いたい',
      ],
    },
    detail: {
      polite: [
        'カード情報を登録するのに抵抗があります。',
        'ポイントを貯めているので、PayPayが使えると嬉しいです。',
        'クレジットカードを持っていない学生でも使えるようにしてほしいです。',
        '他のネットスーパーでは対応しているところが多いです。',
      ],
      casual: ['カード登録したくない派なので。', 'ポイント貯めてるからPayPayがいい。', 'クレカ持ってない学生もいるんだよ。', '他のネットスーパーは対応してるよ。'],
    },
    close: {
      polite: ['ご検討いただけますと幸いです。', '対応予定があれば教えてください。'],
      casual: ['よろしく！', 'それだけ！', '対応したら星5にします。'],
    },
    short: ['PayPayで払いたい', 'Apple Payに対応してほしい', '支払い方法を増やしてほしい'],
  },
  en: {
    core: {
      polite: [
        'Please add Apple Pay as a payment option.',
        'It would be very convenient to pay with PayPay.',
        'I would like more payment options besides credit cards.',
        'Could you support Google Pay or Apple Pay?',
      ],
      casual: ['Apple Pay please!', 'No Apple Pay?? really?', 'Add PayPay and I will use this every day', 'Need more payment options', 'Let me pay with Google Pay'],
    },
    detail: {
      polite: ['I prefer not to store my card details in apps.', 'Most other delivery apps in Japan already support it.'],
      casual: ['Typing my card number every time is a pain.', 'Everyone in Japan uses PayPay.'],
    },
    close: {
      polite: ['Thank you for considering this.'],
      casual: ['Would give 5 stars then.', 'Thanks!'],
    },
    short: ['Apple Pay support', 'Want to pay with PayPay', 'More payment options'],
  },
};
