import type { Theme } from '../theme.js';

export const praiseApp: Theme = {
  id: 'praise-app',
  label: 'Praise: easy to use, good selection (general satisfaction)',
  polarity: 'positive',
  weight: { reviews: 10, tickets: 0.3, survey: 10 },
  products: [['KoeMart app', 6], ['KoeMart web', 2], ['KoeMart Premium', 2]],
  ja: {
    core: {
      polite: [
        'アプリがとても使いやすいです。',
        '品揃えが豊富で、近所のスーパーより便利です。',
        '毎週の買い物はほとんどKoeMartで済ませています。',
        'プレミアム会員になってから送料を気にせず使えるので満足しています。',
        '野菜や果物の鮮度が良く、安心して注文できます。',
        '前回の注文から簡単に再注文できるのが便利です。',
        'お気に入り登録した商品をすぐに買えるので、買い忘れがなくなりました。',
        'レシピから材料をまとめてカートに入れられる機能が気に入っています。',
        'ポイントが貯まりやすく、お得に買い物できています。',
      ],
      casual: [
        '使いやすい！',
        '品揃えいいし便利',
        'もうスーパー行かなくなった',
        '野菜が新鮮で満足',
        '再注文ボタン便利すぎる',
        'プレミアム入ってよかった',
        'UIシンプルで分かりやすい',
        '便利です',
        'まとめ買いが楽すぎる',
        'レシピからカートに入れられるの天才',
        'ポイントけっこう貯まる',
        '地元のスーパーより品揃えいい',
        '買い忘れ減った',
      ],
    },
    detail: {
      polite: [
        '特に{item}をよく購入しています。',
        '子どもがいても買い物の負担が減りました。',
        '車がないので、まとめ買いできるのがありがたいです。',
        '在宅勤務の日は昼休みに注文しています。',
      ],
      casual: ['{item}よく買ってる。', '買い物の時間が減った。', '車ないから助かる。', '週末の買い出しから解放された。', '在宅の日はだいたいこれ。'],
    },
    close: {
      polite: ['今後も利用したいと思います。', '友人にもすすめています。'],
      casual: ['おすすめ！', 'ずっと使う。', '星5です⭐'],
    },
    short: ['使いやすい', '便利だから', '品揃えが良い', '生鮮食品の質が良い', '全体的に満足している', '特に不満はない'],
  },
  en: {
    core: {
      polite: [
        'The app is very easy to use.',
        'Great selection, better than my local supermarket.',
        'I do almost all of my weekly shopping on KoeMart now.',
        'Premium is worth it for the free delivery alone.',
        'The fruit and vegetables are always fresh.',
        'Reordering from a previous order is really convenient.',
        'The recipe feature that adds all the ingredients to the cart is brilliant.',
        'The points system makes it worth it.',
      ],
      casual: [
        'Love this app!',
        'Great selection and easy to use',
        'Best grocery app in Japan',
        'Simple, clean, works.',
        'Reorder button is a game changer',
        'Good app',
        'Adding a whole recipe to the cart is genius',
        'Does exactly what I need',
        'Use it every week, no issues',
      ],
    },
    detail: {
      polite: ['I buy {item} here every week.', 'Without a car, this makes life so much easier.'],
      casual: ['Mostly get {item} and snacks.', 'No car, no problem.', 'Saves me my whole Saturday.'],
    },
    close: {
      polite: ['I recommend it to my friends.'],
      casual: ['5 stars.', 'Recommended!', '👍'],
    },
    short: ['Easy to use', 'Convenient', 'Good selection', 'Fresh produce', 'Overall happy', 'No complaints'],
  },
};
