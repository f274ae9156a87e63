import type { Theme } from '../theme.js';

export const featureLanguage: Theme = {
  id: 'feature-language',
  label: 'Feature request: switch the app language (Japanese / English)',
  polarity: 'request',
  weight: { reviews: 3, tickets: 2, survey: 2 },
  langWeight: { ja: 0.4, en: 2.5 },
  products: [['KoeMart app', 7], ['KoeMart web', 3]],
  ja: {
    core: {
      polite: [
        'アプリの表示言語を英語に切り替えられるようにしていただけませんか。',
        '家族が日本語を読めないので、英語表示があると助かります。',
        '英語設定にしても一部が日本語のままになっています。',
        '言語設定をアプリ内で変更できるようにしてほしいです。',
      ],
      casual: [
        '英語表示に切り替えたい',
        '言語切り替えできないの？',
        '英語モードにしても半分日本語のまま',
        '夫が外国人なので英語対応してほしい',
      ],
    },
    detail: {
      polite: ['スマートフォンの言語設定に関係なく切り替えられると便利です。', '留学生のルームメイトも使いたがっています。'],
      casual: ['スマホの設定変えずに切り替えたい。', '外国人の友達にもすすめたいので。'],
    },
    close: {
      polite: ['ご検討をお願いいたします。'],
      casual: ['よろしくです。'],
    },
    short: ['英語表示に切り替えたい', '言語を切り替えられるようにしてほしい'],
  },
  en: {
    core: {
      polite: [
        'Please add an English language option to the app.',
        'The app is only in Japanese, which makes it hard for me to use.',
        'Even with the language set to English, many screens are still in Japanese.',
        'I would like to switch between Japanese and English inside the app.',
        'Product names and allergy information are only shown in Japanese.',
      ],
      casual: [
        'English version please!',
        'Half the app is still in Japanese even in English mode',
        'Need a language switch, my Japanese is not that good',
        "Can't read the checkout page, no English",
        'Please translate the product descriptions',
        'Love the service but the app needs proper English',
      ],
    },
    detail: {
      polite: [
        'I have been using Google Translate screenshots to order.',
        'My partner reads Japanese, but I do not.',
        'I have a food allergy, so I need to read the ingredients.',
        'Many of my colleagues would use KoeMart if it were in English.',
      ],
      casual: ['Using Google Translate on screenshots lol.', 'Allergy info only in Japanese is risky.', 'Been here 2 years, still cannot read kanji lol.', 'Lots of expats in my building would sign up.'],
    },
    close: {
      polite: ['Thank you for considering international customers.', 'I would be happy to help test an English version.'],
      casual: ['Would help a lot of expats.', 'Thanks!', 'Otherwise a great service.'],
    },
    short: ['English support', 'Language switch in the app', 'More English in the app'],
  },
};
