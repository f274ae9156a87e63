import type { Theme } from '../theme.js';

export const featureTimeSlot: Theme = {
  id: 'feature-time-slot',
  label: 'Feature request: choose a (narrower / later) delivery time slot',
  polarity: 'request',
  weight: { reviews: 4, tickets: 3, survey: 4 },
  products: [['KoeMart app', 5], ['KoeMart web', 3], ['KoeMart Premium', 2]],
  ja: {
    core: {
      polite: [
        '配達時間帯をもう少し細かく指定できるようにしていただきたいです。',
        '夜21時以降の時間指定ができると助かります。',
        '配達日時を注文後に変更できるようにしてほしいです。',
        '時間帯指定の枠がすぐに埋まってしまうので、枠を増やしていただけませんか。',
        '午前中の配達枠を選べるようにしてください。',
      ],
      casual: [
        '配達の時間指定もっと細かくしたい',
        '夜遅い時間帯も選べるようにして',
        '注文した後で配達時間変えられないの不便',
        '時間指定の枠すぐ埋まる',
        '2時間枠じゃなくて1時間枠にしてほしい',
      ],
    },
    detail: {
      polite: [
        '共働きで日中は不在にしていることが多いためです。',
        '再配達をお願いすることが多く、申し訳なく思っています。',
        '子どもの送り迎えの時間と重なってしまうことがあります。',
        '夜勤があるため、受け取れる時間が限られています。',
      ],
      casual: ['平日は夜しか家にいないので。', '再配達ばっかりで配達員さんに悪い。', '保育園のお迎えと被るんだよね。', '2時間も家で待つのはきつい。'],
    },
    close: {
      polite: ['ご検討のほどよろしくお願いいたします。'],
      casual: ['それだけで神アプリになる。', 'お願い！'],
    },
    short: ['配達時間を細かく指定したい', '夜遅い時間帯の配達がほしい', '配達日時を後から変更したい'],
  },
  en: {
    core: {
      polite: [
        'I would like to choose a narrower delivery time window.',
        'Please add delivery slots after 9pm.',
        'It would help to be able to change the delivery time after ordering.',
        'The delivery slots fill up too quickly; could you add more?',
      ],
      casual: ['Let me pick a delivery time!!', 'Need later delivery slots', "Can't change the delivery time after ordering, why", 'Time slots always full'],
    },
    detail: {
      polite: ['I work until late on weekdays.', 'The current two-hour windows are hard to plan around.'],
      casual: ['I am never home before 8.', 'Waiting 2 hours at home is not fun.', 'School pickup clashes with every slot.'],
    },
    close: {
      polite: ['Thank you for considering it.'],
      casual: ['Would make this perfect.'],
    },
    short: ['Choose delivery time slots', 'Later delivery windows', 'Change delivery time after ordering'],
  },
};
