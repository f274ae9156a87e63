import type { Theme } from '../theme.js';

export const featureExport: Theme = {
  id: 'feature-export',
  label: 'Feature request: order history export / receipts',
  polarity: 'request',
  weight: { reviews: 2, tickets: 4, survey: 2 },
  products: [['KoeMart web', 6], ['KoeMart app', 3], ['KoeMart Premium', 1]],
  ja: {
    core: {
      polite: [
        '注文履歴をCSVでダウンロードできるようにしていただけませんか。',
        '領収書をまとめて発行できる機能がほしいです。',
        '経費精算のため、注文履歴を出力できると助かります。',
        '過去の注文履歴が3か月分しか表示されないので、もっと前まで見られるようにしてほしいです。',
        '領収書の宛名を変更できるようにしていただきたいです。',
      ],
      casual: [
        '注文履歴をエクスポートしたい',
        '領収書を一括でDLさせて',
        '購入履歴CSVで出せたら家計簿つけるの楽なのに',
        '履歴が3か月分しか見れないの不便',
        '領収書いちいち1件ずつ出すのめんどい',
      ],
    },
    detail: {
      polite: [
        '毎月1件ずつ領収書を印刷しており、手間がかかっています。',
        '会社の経費として購入することが多いためです。',
        '確定申告の準備で、昨年分の購入履歴が必要になりました。',
        '事務所の備品をまとめて購入しているため、月ごとの集計が必要です。',
      ],
      casual: ['毎月1件ずつ印刷してる。', '家計簿アプリに取り込みたい。', '確定申告の時期に地獄を見た。', '月いくら使ってるか把握したい。'],
    },
    close: {
      polite: ['ご検討をお願いいたします。', '実装のご予定はありますでしょうか。'],
      casual: ['地味に欲しい機能。', 'お願いします！'],
    },
    short: ['注文履歴を出力したい', '領収書を一括で出したい', '購入履歴をCSVで欲しい'],
  },
  en: {
    core: {
      polite: [
        'Could you add a way to export my order history as CSV?',
        'I would like to download all my receipts at once.',
        'I need to export my orders for expense reports.',
        'Order history only goes back three months; please show older orders.',
      ],
      casual: ['Let me export my order history', 'Need bulk receipt download', 'CSV export of orders would be amazing', 'Why can I only see 3 months of orders?'],
    },
    detail: {
      polite: ['I currently print each receipt one by one every month.', 'I need a yearly summary for my tax return.'],
      casual: ['Doing expenses one receipt at a time is painful.', 'Want to track how much I spend per month.'],
    },
    close: {
      polite: ['Is this on your roadmap?'],
      casual: ['Small thing but would help a lot.'],
    },
    short: ['Order history export', 'Download all receipts', 'Longer order history'],
  },
};
