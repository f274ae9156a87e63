import type { Theme } from '../theme.js';

export const search: Theme = {
  id: 'search',
  label: 'Search does not find products',
  polarity: 'negative',
  weight: { reviews: 6, tickets: 2, survey: 3 },
  products: [['KoeMart app', 6], ['KoeMart web', 4]],
  ja: {
    core: {
      polite: [
        '検索しても目的の商品が出てきません。',
        '商品名を正確に入力しないと検索結果に表示されません。',
        'ひらがなで検索すると何もヒットしません。',
        '「{item}」で検索しても、関係のない商品ばかり表示されます。',
        '以前購入した商品を検索で見つけられません。',
        '絞り込み検索がうまく機能していないようです。',
      ],
      casual: [
        '検索が使えなさすぎる',
        '「{item}」で検索して関係ないもの出てくるのなんで',
        'ひらがなで検索するとヒットしない',
        '検索ポンコツ。',
        '前買ったやつが検索で出てこない',
        'search が弱い、全然見つからない',
      ],
    },
    detail: {
      polite: ['カテゴリから探すと見つかるので、在庫はあるようです。', '表記ゆれに対応していただけると助かります。'],
      casual: ['カテゴリから探すとあるのに。', '結局スクロールして探してる。'],
    },
    close: {
      polite: ['検索機能の改善をお願いします。'],
      casual: ['検索なんとかして。', '地味にストレス。'],
    },
    short: ['検索で商品が見つからない', '検索機能が使いにくい', '検索結果がおかしい'],
  },
  en: {
    core: {
      polite: [
        'Search does not find products that are clearly in stock.',
        'Searching for "{item}" returns unrelated items.',
        'I cannot find items I bought before using the search.',
        'Search only works if I type the exact product name.',
        'Searching in English returns no results at all.',
      ],
      casual: [
        'Search is useless.',
        'Typed "{item}", got cat food. ok.',
        "Can't find anything with search",
        'Search results make no sense',
        'english search finds nothing',
      ],
    },
    detail: {
      polite: ['The item shows up when I browse the category, so it is in stock.'],
      casual: ['Have to scroll through categories instead.'],
    },
    close: {
      polite: ['Please improve the search.'],
      casual: ['Fix the search pls.'],
    },
    short: ['Search is bad', 'Hard to find products', 'Search results are wrong'],
  },
};
