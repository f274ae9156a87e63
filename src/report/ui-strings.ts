// Every piece of report text a person reads, in both languages. The type makes a missing translation a
// compile error.

export type ReportLang = 'ja' | 'en';

export interface UiStrings {
  title: string;
  generated: string;
  period: string;
  /** Beside the period when the feedback goes back further than the report: `{day}` is its first day. */
  earlierData: string;
  noData: string;
  summary: string;
  documents: string;
  negativeShare: string;
  nps: string;
  csat: string;
  ces: string;
  cesHint: string;
  stars: string;
  responses: string;
  openFollowups: string;
  activeThemes: string;
  emergingCount: string;
  topThemes: string;
  topThemesIntro: string;
  change: string;
  moreThemes: (n: number) => string;
  impactMinRatings: (n: number) => string;
  tooFewRatings: (n: number) => string;
  theme: string;
  volume: string;
  trend: string;
  shareNegative: string;
  npsImpact: string;
  npsImpactHint: string;
  detractors: string;
  npsDrivers: string;
  quotes: string;
  emerging: string;
  emergingIntro: string;
  emergingNone: string;
  windowCount: string;
  expected: string;
  ratio: string;
  pValue: string;
  newBadge: string;
  newThemes: string;
  newThemesNone: string;
  inWindow: string;
  window: string;
  baseline: string;
  featureRequests: string;
  featureRequestsIntro: string;
  featureRequestsNone: string;
  requests: string;
  journey: string;
  journeyIntro: string;
  stage: string;
  touchpoint: string;
  positive: string;
  neutral: string;
  negative: string;
  meanSentiment: string;
  momentOfTruth: string;
  momentOfTruthNone: string;
  untagged: string;
  followups: string;
  followupsIntro: string;
  followupsNone: string;
  handled: string;
  age: string;
  days: string;
  reasons: string;
  sourceId: string;
  method: string;
  methodText: string[];
  /** How emerging issues are found, with the run's own settings. */
  emergingTest: (o: { alpha: number; minCount: number; minRatio: number }) => string;
  stages: Record<string, string>;
  touchpoints: Record<string, string>;
  reasonNames: Record<string, string>;
  none: string;
}

const ja: UiStrings = {
  title: '顧客の声 レポート',
  generated: '作成',
  period: '対象期間',
  earlierData: '直近 10 年（フィードバックは {day} から）',
  noData: 'この期間のフィードバックはありません。',
  summary: 'サマリー',
  documents: 'フィードバック件数',
  negativeShare: 'ネガティブの割合',
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  cesHint: '1 = 簡単 … 7 = 大変',
  stars: '星評価（平均）',
  responses: '回答',
  openFollowups: '未対応のフォローアップ',
  activeThemes: 'テーマ数',
  emergingCount: '急増中の課題',
  topThemes: '主なテーマ',
  topThemesIntro: 'テーマを、それぞれ自身の基準（直前の同じ長さの 4 期間の平均）からの増減が大きい順に並べています。推移は週ごとの件数、NPS 影響はそのテーマの批判者が中立者だった場合に全体の NPS が上がるポイント数です。',
  change: '増減',
  moreThemes: (n) => `ほかの ${n} テーマ`,
  impactMinRatings: (n) => `NPS 影響は NPS の回答が ${n} 件以上あるテーマだけに示します。`,
  tooFewRatings: (n) => `回答 ${n} 件`,
  theme: 'テーマ',
  volume: '件数',
  trend: '推移（週）',
  shareNegative: 'ネガティブ',
  npsImpact: 'NPS 影響',
  npsImpactHint: '批判者',
  detractors: '批判者',
  npsDrivers: 'NPS を押し下げているテーマ（批判者が中立者だった場合の上昇ポイント）',
  quotes: '声の例',
  emerging: '急増中の課題',
  emergingIntro: '直近の期間に、それ以前の基準期間の割合から統計的に有意に増えたテーマです。',
  emergingNone: '有意に増えたテーマはありません。',
  windowCount: '直近',
  expected: '期待値',
  ratio: '倍率',
  pValue: 'q 値',
  newBadge: '新規',
  newThemes: '前回の実行以降に現れたテーマ',
  newThemesNone: '新しいテーマはありません。',
  inWindow: '直近の期間内',
  window: '直近の期間',
  baseline: '基準期間',
  featureRequests: '機能要望',
  featureRequestsIntro: '機能要望を多く含むテーマ。',
  featureRequestsNone: '機能要望はありません。',
  requests: '要望',
  journey: 'カスタマージャーニー',
  journeyIntro: 'ジャーニーの段階ごとの感情の内訳。色が濃いほど割合が高いことを示します。',
  stage: '段階',
  touchpoint: '接点',
  positive: 'ポジティブ',
  neutral: '中立',
  negative: 'ネガティブ',
  meanSentiment: '平均感情',
  momentOfTruth: '真実の瞬間（最も感情が悪い段階）',
  momentOfTruthNone: '十分なデータがありません。',
  untagged: '段階なし',
  followups: 'フォローアップ',
  followupsIntro: 'ネガティブ・批判者・不具合・苦情のうち、まだ対応済みになっていないもの（古い順）。本文は個人情報をマスクしたものです。',
  followupsNone: '未対応のフォローアップはありません。',
  handled: '対応済み',
  age: '経過',
  days: '日',
  reasons: '理由',
  sourceId: 'ID',
  method: '計算方法',
  methodText: [
    'NPS = 推奨者（9–10）の割合 − 批判者（0–6）の割合（0–10 の評価のみ）。CSAT = 1–5 の評価のうち 4–5 の割合。CES = 1–7 の評価の平均。星評価（1–5）は CSAT に含めず別に平均します。評価のない指標は「—」。',
    'テーマの件数は主テーマ（rank 0）で数えます。',
  ],
  emergingTest: (o) =>
    `検定: 直近期間と基準期間のテーマ件数を、全体の件数を母数とする二つのポアソン率の正確な条件付き検定（片側）で比較し、` +
    `テーマ数について Benjamini–Hochberg 法で補正しています。q 値 ≤ ${o.alpha}、直近の件数 ≥ ${o.minCount}、` +
    `倍率（直近 ÷ 期待値）≥ ${o.minRatio} のテーマを「急増中」としています。期待値 = 基準期間の件数 × 直近の全体件数 ÷ 基準期間の全体件数。`,
  stages: {
    discover: '認知・検討',
    purchase: '購入',
    delivery: '配送',
    onboarding: '利用開始',
    use: '利用',
    support: 'サポート',
    billing: '請求・支払い',
    cancel: '解約',
  },
  touchpoints: {
    web: 'ウェブ',
    app: 'アプリ',
    store: '店舗',
    call_centre: 'コールセンター',
    email: 'メール',
    chat: 'チャット',
    delivery: '配送',
  },
  reasonNames: { negative: 'ネガティブ', detractor: '批判者', dissatisfied: '不満', bug: '不具合', complaint: '苦情' },
  none: '—',
};

const en: UiStrings = {
  title: 'Customer feedback report',
  generated: 'Generated',
  period: 'Period',
  earlierData: 'the last ten years (feedback since {day})',
  noData: 'No feedback in this period.',
  summary: 'Summary',
  documents: 'Feedback',
  negativeShare: 'Negative',
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  cesHint: '1 = effortless … 7 = hard',
  stars: 'Stars (mean)',
  responses: 'responses',
  openFollowups: 'Open follow-ups',
  activeThemes: 'Themes',
  emergingCount: 'Emerging issues',
  topThemes: 'Top themes',
  topThemesIntro: 'Themes ranked by change against their own baseline (the average of the 4 periods of the same length before). Trend is the weekly volume; NPS impact is how many points overall NPS would rise if the theme\'s detractors were passives.',
  change: 'Change',
  moreThemes: (n) => `${n} more themes`,
  impactMinRatings: (n) => `NPS impact is shown only for themes with at least ${n} NPS responses.`,
  tooFewRatings: (n) => `${n} response(s)`,
  theme: 'Theme',
  volume: 'Volume',
  trend: 'Trend (weekly)',
  shareNegative: 'Negative',
  npsImpact: 'NPS impact',
  npsImpactHint: 'detractors',
  detractors: 'detractors',
  npsDrivers: 'What drags NPS down (points gained if the theme\'s detractors were passives)',
  quotes: 'What customers say',
  emerging: 'Emerging issues',
  emergingIntro: 'Themes significantly above their own baseline share in the recent window.',
  emergingNone: 'No theme is significantly up.',
  windowCount: 'Recent',
  expected: 'Expected',
  ratio: 'Ratio',
  pValue: 'q-value',
  newBadge: 'new',
  newThemes: 'Themes new since the last run',
  newThemesNone: 'No new themes.',
  inWindow: 'in the window',
  window: 'Recent window',
  baseline: 'Baseline',
  featureRequests: 'Feature requests',
  featureRequestsIntro: 'Themes with the most feature requests.',
  featureRequestsNone: 'No feature requests.',
  requests: 'Requests',
  journey: 'Customer journey',
  journeyIntro: 'Sentiment at each journey stage; darker cells are larger shares.',
  stage: 'Stage',
  touchpoint: 'Touchpoint',
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  meanSentiment: 'Mean sentiment',
  momentOfTruth: 'Moment of truth (the stage with the worst sentiment)',
  momentOfTruthNone: 'Not enough data.',
  untagged: 'no stage',
  followups: 'Follow-ups',
  followupsIntro: 'Negative, detractor, bug and complaint feedback not yet marked handled, oldest first. Text is PII-masked.',
  followupsNone: 'No open follow-ups.',
  handled: 'handled',
  age: 'Age',
  days: 'd',
  reasons: 'Why',
  sourceId: 'ID',
  method: 'How these numbers are made',
  methodText: [
    'NPS = % promoters (9–10) − % detractors (0–6), on 0–10 ratings only. CSAT = % of 4–5 on 1–5 ratings. CES = mean of 1–7 ratings. Star ratings (1–5) are averaged on their own, never counted as CSAT. A metric without ratings shows "—".',
    'Theme volumes count each document under its primary theme (rank 0).',
  ],
  emergingTest: (o) =>
    `Test: an exact conditional test of two Poisson rates (one-sided) compares a theme's recent count with its ` +
    `baseline share of all feedback, Benjamini–Hochberg corrected for the number of themes. A theme is emerging when ` +
    `q ≤ ${o.alpha}, its recent count ≥ ${o.minCount} and ratio (recent ÷ expected) ≥ ${o.minRatio}. ` +
    `Expected = baseline count × recent volume ÷ baseline volume.`,
  stages: {
    discover: 'Discover',
    purchase: 'Purchase',
    delivery: 'Delivery',
    onboarding: 'Onboarding',
    use: 'Use',
    support: 'Support',
    billing: 'Billing',
    cancel: 'Cancel',
  },
  touchpoints: {
    web: 'Web',
    app: 'App',
    store: 'Store',
    call_centre: 'Call centre',
    email: 'Email',
    chat: 'Chat',
    delivery: 'Delivery',
  },
  reasonNames: { negative: 'negative', detractor: 'detractor', dissatisfied: 'dissatisfied', bug: 'bug', complaint: 'complaint' },
  none: '—',
};

export const UI_STRINGS: Record<ReportLang, UiStrings> = { ja, en };
