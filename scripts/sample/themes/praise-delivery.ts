import type { Theme } from '../theme.js';

export const praiseDelivery: Theme = {
  id: 'praise-delivery',
  label: 'Praise: fast, reliable delivery',
  polarity: 'positive',
  weight: { reviews: 12, tickets: 1, survey: 13 },
  products: [['KoeMart app', 5], ['KoeMart web', 2], ['KoeMart Premium', 3]],
  ja: {
    core: {
      polite: [
        '注文してから{n}時間ほどで届き、とても助かりました。',
        'いつも配達が早くて助かっています。',
        '時間通りにきちんと届けていただけるので安心です。',
        '急な来客で困っていましたが、すぐに届けていただけました。',
        '冷凍食品もしっかり冷えた状態で届きました。',
        '重いお米や飲み物を玄関まで運んでもらえるので、本当に助かっています。',
        '梱包が丁寧で、卵も割れずに届きました。',
        '夜遅くに注文しても翌朝には届くので、とても便利です。',
        '雨の日でも時間通りに届けていただき、ありがとうございました。',
        '指定した時間帯の最初の方に届くことが多く、助かっています。',
      ],
      casual: [
        '配達めっちゃ早い！',
        '頼んで{n}時間で届いた。神',
        'いつも時間ぴったりに来てくれる',
        '重い水とか運んでもらえるの最高',
        '当日に届くのほんと助かる',
        '梱包丁寧で卵も割れてなかった',
        '配達が早くて便利です',
        '仕事帰りに注文して夜には届く。もう手放せない',
        '朝頼んで昼には来た！はやっ',
        '雪の日でもちゃんと時間通りに来てくれた',
        '予定より早く届いてびっくり',
        '配達早すぎて逆に笑った',
      ],
    },
    detail: {
      polite: ['子育て中で買い物に行けないので、本当にありがたいです。', '体調を崩していたときにも大変助かりました。', '{item}も新鮮でした。'],
      casual: ['子ども小さいから買い物行けなくて助かる。', '風邪ひいた時マジで救われた。', '{item}も新鮮だった。'],
    },
    close: {
      polite: ['これからも利用させていただきます。', 'ありがとうございます。', 'いつもありがとうございます。'],
      casual: ['リピ確定！', 'ありがとう！', 'おすすめです。', 'これからも使う！'],
    },
    short: ['配達が早い', '時間通りに届く', '当日配達が便利', 'いつもすぐ届く', '重い物を運んでもらえる'],
  },
  en: {
    core: {
      polite: [
        'My order arrived within {n} hours, which was a great help.',
        'Deliveries are always quick and on time.',
        'The frozen items arrived still perfectly frozen.',
        'Everything was packed carefully and nothing was damaged.',
        'Same-day delivery has been reliable every single time.',
        'Even during the typhoon my order arrived on time.',
        'I ordered late at night and it arrived first thing in the morning.',
      ],
      casual: [
        'Super fast delivery!',
        'Ordered at lunch, had it by {hour}. Amazing',
        'Always on time, love it',
        'Lifesaver when you have a newborn',
        'Fast delivery and the eggs were not broken lol',
        'Quick and reliable, 10/10',
        'Came earlier than expected, nice surprise',
        'Faster than walking to the store honestly',
        'Never had a late delivery in a year',
      ],
    },
    detail: {
      polite: ['It saves me a trip to the supermarket every week.', 'Everything was fresh, even the {item}.'],
      casual: ['No more carrying rice bags home.', 'Even the {item} looked super fresh.', 'Perfect for a busy week.', 'Saved me when I was sick.'],
    },
    close: {
      polite: ['Thank you, I will keep using KoeMart.', 'Thanks for the great service.'],
      casual: ['Highly recommend!', 'Thanks!!', 'Keep it up.'],
    },
    short: ['Fast delivery', 'Always on time', 'Quick same-day delivery', 'Reliable delivery'],
  },
};
