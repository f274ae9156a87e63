import type { Theme } from '../theme.js';

export const praiseStaff: Theme = {
  id: 'praise-staff',
  label: 'Praise: friendly drivers and helpful support staff',
  polarity: 'positive',
  weight: { reviews: 5, tickets: 3, survey: 7 },
  products: [['KoeMart app', 5], ['KoeMart web', 2], ['KoeMart Premium', 3]],
  ja: {
    core: {
      polite: [
        '配達員の方がいつも笑顔で、とても感じが良いです。',
        'サポートの方が丁寧に対応してくださり、すぐに解決しました。',
        'チャットの担当の方がとても親切でした。',
        '配達員さんが雨の日に荷物が濡れないよう気をつけてくださいました。',
        'お電話の対応がとても丁寧で、安心しました。',
        '問い合わせへの返信が早く、説明も分かりやすかったです。',
        '不在の時も配達員の方が丁寧なメモを残してくださいました。',
        '欠品の連絡をすぐにいただき、代わりの商品も提案していただけました。',
      ],
      casual: [
        '配達員さんがいつも感じいい！',
        'サポートの人めっちゃ親切だった',
        'チャットの対応早くて助かった',
        '配達のお兄さん、重い荷物を台所まで運んでくれた😭',
        'サポートの神対応に感謝',
        '雨の日でも配達員さん丁寧',
        'いつも来てくれる配達員さん、子どもに手を振ってくれる',
        '電話のお姉さんが優しくて泣きそうになった',
        '問い合わせたらすぐ返金してくれた。神',
      ],
    },
    detail: {
      polite: [
        '商品の不備にもすぐに返金していただきました。',
        '高齢の母の家への配達でも、気遣っていただきました。',
        '困っていたので本当に助かりました。',
        'こちらの説明が下手でも、根気よく聞いてくださいました。',
        'ちょっとしたことですが、とても嬉しかったです。',
      ],
      casual: ['欠品もすぐ返金してくれた。', 'おばあちゃん家にも優しくしてくれた。', 'こういうのほんと嬉しい。', '対応よすぎて逆にびっくり。', '感じのいい人ばっかり。'],
    },
    close: {
      polite: ['ありがとうございました。', 'スタッフの皆さまに感謝しています。'],
      casual: ['ありがとう！', '感謝！', 'また使います。'],
    },
    short: ['配達員さんが親切', 'サポートの対応が丁寧', 'スタッフの対応が良い', '問い合わせへの対応が早かった'],
  },
  en: {
    core: {
      polite: [
        'The delivery staff are always friendly and polite.',
        'The support agent was very kind and solved my problem quickly.',
        'The chat agent was extremely helpful.',
        'The driver made sure my groceries stayed dry in the rain.',
        'Customer service handled my refund quickly and politely.',
        'The support team called me to apologise for a missing item and refunded it right away.',
      ],
      casual: [
        'Drivers are always so nice',
        'Support was super helpful, fixed it in 5 min',
        'Shoutout to the driver who carried my water up 4 floors',
        'Friendly 配達員 every time',
        'Chat support was great',
        'Lady on the phone was so patient with my bad Japanese',
        'Driver always says hi to my kids',
      ],
    },
    detail: {
      polite: ['It made a real difference to my day.', 'I really appreciated the care they took.', 'They explained everything clearly.'],
      casual: ['Small thing but it made my day.', 'Even apologised for being 2 minutes late haha.', 'People make the difference.'],
    },
    close: {
      polite: ['Thank you very much.'],
      casual: ['Thanks guys!', 'Great team.'],
    },
    short: ['Friendly drivers', 'Helpful support staff', 'Polite delivery staff', 'Great customer service'],
  },
};
