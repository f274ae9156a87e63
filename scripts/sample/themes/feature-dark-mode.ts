import type { Theme } from '../theme.js';

export const featureDarkMode: Theme = {
  id: 'feature-dark-mode',
  label: 'Feature request: dark mode',
  polarity: 'request',
  weight: { reviews: 5, tickets: 1, survey: 2 },
  products: [['KoeMart app', 1]],
  ja: {
    core: {
      polite: [
        'ダークモードに対応していただけると嬉しいです。',
        'ダークモードを追加していただけませんか。',
        '夜に使うと画面がまぶしいので、ダーク表示があると助かります。',
        '端末の設定をダークモードにしていても、アプリは白いままです。',
      ],
      casual: [
        'ダークモードほしい！',
        'ダークモード対応まだ？',
        '夜に開くと眩しすぎる。ダークモードください',
        'ダークテーマがあれば完璧',
        'dark mode 欲しいです',
      ],
    },
    detail: {
      polite: ['寝る前に注文することが多いためです。', '他のアプリはほとんど対応しています。', '夜勤明けに使うことが多く、画面の明るさがつらいです。'],
      casual: ['寝る前に買い物するから目が痛い。', '他のアプリはだいたい対応してるのに。', '夜中に開くと部屋が明るくなる。', 'バッテリーの持ちもよくなるし。'],
    },
    close: {
      polite: ['ご検討よろしくお願いします。', '今後のアップデートに期待しています。'],
      casual: ['お願いします🙏', 'それ以外は満足。', '待ってます。'],
    },
    short: ['ダークモードがほしい', 'ダークモード対応してほしい'],
  },
  en: {
    core: {
      polite: [
        'Please consider adding a dark mode.',
        'It would be great if the app supported dark mode.',
        'The app ignores my phone’s dark mode setting.',
        'The white screen is very bright at night; a dark theme would help.',
      ],
      casual: ['Dark mode please!', 'Needs dark mode.', 'No dark mode in 2026?', 'Would love a dark theme', 'Great app but please add dark mode'],
    },
    detail: {
      polite: ['I usually order late in the evening.'],
      casual: ['My eyes at midnight...', 'Every other app has it.'],
    },
    close: {
      polite: ['Thank you for considering it.'],
      casual: ['Otherwise solid.', 'Pretty please.'],
    },
    short: ['Dark mode', 'Add a dark mode'],
  },
};
