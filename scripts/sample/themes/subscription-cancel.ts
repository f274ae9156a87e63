import type { Theme } from '../theme.js';

export const subscriptionCancel: Theme = {
  id: 'subscription-cancel',
  label: 'Hard to cancel the Premium subscription',
  polarity: 'negative',
  weight: { reviews: 3, tickets: 8, survey: 4 },
  products: [['KoeMart Premium', 1]],
  ja: {
    core: {
      polite: [
        'プレミアム会員の解約方法が分かりません。',
        '解約ページを探しても見つかりません。',
        'アプリから解約しようとすると、エラーになってしまいます。',
        '無料期間中に解約したはずなのに、会費が発生しています。',
        'KoeMart Premiumを退会したいのですが、手続きの画面が見当たりません。',
        '解約の手続きが分かりにくく、何度も引き止めの画面が表示されます。',
        '解約は電話でしかできないと言われましたが、電話がつながりません。',
      ],
      casual: [
        '解約の仕方が分からない。わざと分かりにくくしてる？',
        'プレミアムやめたいのにボタンがどこにもない',
        '解約しようとすると引き止め画面が{n}回出てくる',
        'サブスクの解約が面倒すぎる',
        '無料期間で解約したのに課金されてた',
        '解約ページが迷路。',
      ],
    },
    detail: {
      polite: [
        '登録は簡単だったのに、解約だけこれほど分かりにくいのは疑問です。',
        '引っ越しで配達エリア外になるため、解約したいと考えています。',
        'ヘルプページの手順どおりに操作しましたが、該当するメニューがありません。',
        '更新日が近いので急いでおります。',
        '会員登録のメールアドレスは {email} です。',
      ],
      casual: ['ヘルプ見てもメニューがない。', '更新日もうすぐなんだけど。', '入るのは一瞬なのに。'],
    },
    close: {
      polite: ['解約手続きをお願いいたします。', '解約方法を教えてください。', '次回の請求が発生しないようにしてください。'],
      casual: ['普通に解約させて。', 'こういうのほんと嫌い。', 'やり方が汚い。'],
    },
    short: ['解約しにくい', 'サブスクの解約が分かりにくい', 'プレミアムの退会方法が分からない'],
  },
  en: {
    core: {
      polite: [
        'I cannot find how to cancel my Premium membership.',
        'There is no cancel button anywhere in the account settings.',
        'When I try to cancel the subscription in the app, I get an error.',
        'I cancelled during the free trial but was still charged.',
        'The cancellation flow keeps showing me offers instead of letting me cancel.',
        'I was told I can only cancel by phone, but nobody answers.',
      ],
      casual: [
        'Impossible to cancel Premium. Dark pattern.',
        'Where is the cancel button??',
        'Cancelling the subscription takes {n} screens of "are you sure"',
        'Easy to sign up, impossible to cancel',
        'Cancelled in the trial and still got charged',
      ],
    },
    detail: {
      polite: [
        'I followed the steps on the help page, but the menu is not there.',
        'My renewal date is in two days.',
        'My account email is {email}.',
        'Signing up took one tap, so I expected cancelling to be just as easy.',
      ],
      casual: ['Help page is outdated.', 'Renewal is tomorrow.'],
    },
    close: {
      polite: ['Please cancel my subscription.', 'Please make sure I am not charged again.'],
      casual: ['Just let me cancel.', 'Shady.', 'Reported to Apple.'],
    },
    short: ['Cancelling Premium is too hard', 'Hard to unsubscribe', 'Could not cancel my subscription'],
  },
};
