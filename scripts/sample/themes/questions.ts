import type { Theme } from '../theme.js';

// Plain questions: neutral, mostly in tickets (delivery area, points, address change).
export const questions: Theme = {
  id: 'questions',
  label: 'Questions: delivery area, points expiry, changing address',
  polarity: 'neutral',
  weight: { reviews: 1.5, tickets: 9, survey: 0.5 },
  products: [['KoeMart app', 4], ['KoeMart web', 4], ['KoeMart Premium', 2]],
  ja: {
    core: {
      polite: [
        '配達エリアについて質問です。{region}の郊外は配達対象でしょうか。',
        'ポイントの有効期限はいつまででしょうか。',
        'お届け先の住所を変更したいのですが、どこから変更できますか。',
        '注文番号{order}の内容を変更することは可能でしょうか。',
        'プレミアム会員の特典について教えてください。',
        '領収書はどこから発行できますか。',
        '注文後にクーポンを適用することはできますか。',
        '置き配を指定することはできますか。',
        '定期便のような仕組みはありますか。',
        'ギフト用にラッピングしていただくことは可能でしょうか。',
        '一度に注文できる数量に上限はありますか。',
      ],
      casual: [
        'ポイントっていつまで使えるの？',
        '住所変更ってどこからできる？',
        '置き配できる？',
        'うちの地域って配達エリア入ってる？',
        '注文のキャンセルってどこからするの？',
        'ポイントとクーポンって併用できる？',
        '定期便みたいなのってある？',
      ],
    },
    detail: {
      polite: [
        'ヘルプページを見ても分かりませんでした。',
        '来月引っ越しをする予定です。',
        '連絡先は {email} です。',
        'アプリとWebサイトで表示が違うようなので確認させてください。',
        '初めて利用するため、分からないことが多くすみません。',
        '家族の分もまとめて注文したいと考えています。',
      ],
      casual: ['ヘルプ見てもよく分からなかった。', '最近使い始めたばかりで。', 'FAQに載ってなかった。'],
    },
    close: {
      polite: ['ご回答をお待ちしております。', 'よろしくお願いいたします。'],
      casual: ['教えてください。'],
    },
    short: ['配達エリアを広げてほしい', 'ポイントの仕組みが分かりにくい'],
  },
  en: {
    core: {
      polite: [
        'Do you deliver to the suburbs of {region}?',
        'When do my points expire?',
        'How can I change my delivery address?',
        'Is it possible to change the items in order {order}?',
        'What are the benefits of Premium?',
        'Where can I download a receipt?',
        'Can I apply a coupon after placing an order?',
        'Can the driver leave the order at my door?',
        'Do you offer gift wrapping?',
        'Is there a limit on how many items I can order at once?',
      ],
      casual: ['do points expire?', 'how do i change my address', 'can you leave it at the door?', 'Do you deliver to my area?', 'can I use points and a coupon together?', 'is there a subscription box or regular delivery?'],
    },
    detail: {
      polite: [
        'I could not find the answer in the help centre.',
        'I am moving next month.',
        'I just signed up last week.',
        'The app and the website seem to say different things.',
      ],
      casual: ['Help page did not say.', 'New user here.'],
    },
    close: {
      polite: ['Thank you in advance.', 'Looking forward to your reply.'],
      casual: ['Thanks'],
    },
    short: ['Wider delivery area', 'Points system is confusing'],
  },
};
