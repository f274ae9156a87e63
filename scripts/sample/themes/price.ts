import type { Theme } from '../theme.js';

// KoeMart Premium's monthly fee went up on 2026-07-01: only later feedback mentions the rise.
const FEE_RISE = { from: '2026-07-01' };

export const price: Theme = {
  id: 'price',
  label: 'Prices and delivery fees too high',
  polarity: 'negative',
  weight: { reviews: 6, tickets: 1.5, survey: 11 },
  products: [['KoeMart app', 5], ['KoeMart web', 2], ['KoeMart Premium', 3]],
  ja: {
    core: {
      polite: [
        '送料が高すぎると感じます。',
        'スーパーと比べて商品の価格が高めです。',
        '最近値上げが続いていて、利用を控えています。',
        { text: 'プレミアムの月額料金が値上がりしたのは残念です。', ...FEE_RISE },
        '送料無料になる金額のハードルが高いです。',
        '少しだけ注文したいときに、手数料が割高に感じます。',
        '同じ商品でも、以前より1割ほど高くなっている気がします。',
        'セールの割引率が小さく、お得感がありません。',
      ],
      casual: [
        '送料高い。',
        '値段がスーパーより高い',
        { text: 'また値上げ？', ...FEE_RISE },
        { text: 'プレミアムの会費上がったのきつい', ...FEE_RISE },
        '{amount}以上じゃないと送料無料にならないのつらい',
        'ちょっと高いかな',
        '便利だけど高い',
        '送料入れたらスーパー行った方が安い',
        'クーポンないと使う気にならない',
        '1人暮らしには送料がきつい',
      ],
    },
    detail: {
      polite: ['{item}もスーパーの方が安く買えます。', '家計が厳しいので、もう少し安いと嬉しいです。'],
      casual: ['{item}とかスーパーの方が全然安い。', '物価高だし厳しい。'],
    },
    close: {
      polite: ['価格の見直しをご検討ください。', 'クーポンなどがあると嬉しいです。'],
      casual: ['もう少し安ければ毎週使うのに。', 'クーポンもっとちょうだい。'],
    },
    short: ['価格が高い', '送料が高い', '値上げが続いている', 'スーパーより割高', '会費が高い', '送料無料の条件が厳しい'],
  },
  en: {
    core: {
      polite: [
        'The delivery fee is too high.',
        'Prices are noticeably higher than at the supermarket.',
        'Prices keep going up, so I order less often now.',
        { text: 'The Premium fee increase was disappointing.', ...FEE_RISE },
        'The minimum order for free delivery is too high.',
        'Small orders are not worth it with the delivery fee.',
        'Sale prices are barely lower than the normal ones.',
      ],
      casual: [
        'Too expensive.',
        'Delivery fee is a rip off',
        { text: 'Prices went up AGAIN', ...FEE_RISE },
        'Convenient but pricey',
        'Need {amount} for free shipping?? no thanks',
        'Why is everything 20% more than the supermarket',
        'Delivery fee for a single person order is crazy',
        'Only worth it with a coupon',
      ],
    },
    detail: {
      polite: ['I can get {item} much cheaper at my local store.', 'We are a family of five, so the costs add up quickly.'],
      casual: ['Even the konbini sells {item} for less.', 'Adds up fast for a family.'],
    },
    close: {
      polite: ['Please reconsider the pricing.', 'More coupons would be welcome.'],
      casual: ['Would use it more if it was cheaper.'],
    },
    short: ['Too expensive', 'High delivery fees', 'Prices keep rising', 'Premium costs too much', 'Free shipping threshold too high'],
  },
};
