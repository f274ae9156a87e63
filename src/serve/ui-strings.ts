// Every piece of `koe serve` text a person reads, in Japanese and English. The type makes a missing translation a
// compile error (as src/report/ui-strings.ts does for the report).
export type UiLang = 'ja' | 'en';
export const UI_LANGS: readonly UiLang[] = ['ja', 'en'];

export interface ServeStrings {
  appName: string;
  thisWeek: string;
  search: string;
  followups: string;
  curationLog: string;
  period: string;
  since: string;
  until: string;
  apply: string;
  previous: string;
  next: string;
  last7: string;
  last30: string;
  baseline: (periods: number, since: string, until: string) => string;
  documents: string;
  negative: string;
  shareNegative: string;
  nps: string;
  csat: string;
  responses: string;
  openFollowups: string;
  unthemed: string;
  themesByChange: string;
  themesByChangeIntro: (minRatings: number) => string;
  theme: string;
  now: string;
  before: string;
  change: string;
  trend: string;
  npsImpact: string;
  csatImpact: string;
  detractors: string;
  unsatisfied: string;
  tooFewRatings: (n: number) => string;
  newBadge: string;
  ignoredBadge: string;
  emerging: string;
  emergingNone: string;
  newThemes: string;
  newThemesNone: string;
  noThemes: string;
  moreThemes: (n: number) => string;
  size: string;
  allTime: string;
  terms: string;
  relatedThemes: string;
  sameCategory: string;
  subThemes: string;
  splitFrom: string;
  mergedFrom: string;
  curate: string;
  rename: string;
  pin: string;
  unpin: string;
  ignore: string;
  unignore: string;
  mergeInto: string;
  merge: string;
  split: string;
  splitPreview: string;
  splitPreviewIntro: string;
  splitApply: string;
  undoLast: string;
  undo: string;
  undone: string;
  moveTo: string;
  move: string;
  searchPlaceholder: string;
  searchIn: (label: string) => string;
  searchAll: string;
  results: (total: number, from: number, to: number) => string;
  noResults: string;
  shortQuery: string;
  filters: string;
  clearFilters: string;
  facetNames: Record<string, string>;
  sentiments: Record<string, string>;
  kinds: Record<string, string>;
  langs: Record<string, string>;
  reasons: Record<string, string>;
  sortNewest: string;
  sortOldest: string;
  sortRelevance: string;
  sortSeverity: string;
  status: string;
  open: string;
  done: string;
  all: string;
  markDone: string;
  reopen: string;
  note: string;
  assignee: string;
  severity: string;
  age: (days: number) => string;
  rating: string;
  channel: string;
  kind: string;
  noFollowups: string;
  readOnly: string;
  /** The themes were found with an older concept dictionary than this koe reads with (koe themes rebuild). */
  themesPredateDictionary: string;
  rebuildThemes: string;
  rebuildExplain: string;
  rebuildRunning: (since: string) => string;
  rebuildDone: (at: string, themes: number, runId: number) => string;
  rebuildFailed: (at: string, message: string) => string;
  language: string;
  action: string;
  when: string;
  target: string;
  curationNone: string;
  saved: string;
  timeZone: string;
  none: string;
  document: string;
}

const ja: ServeStrings = {
  appName: 'koe 声',
  thisWeek: '今週',
  search: '検索',
  followups: 'フォローアップ',
  curationLog: 'テーマ編集の履歴',
  period: '期間',
  since: '開始日',
  until: '終了日',
  apply: '表示',
  previous: '← 前の期間',
  next: '次の期間 →',
  last7: '直近 7 日',
  last30: '直近 30 日',
  baseline: (n, s, u) => `基準: 直前の同じ長さの ${n} 期間（${s} 〜 ${u}）の平均`,
  documents: '件数',
  negative: 'ネガティブ',
  shareNegative: 'ネガティブ率',
  nps: 'NPS',
  csat: 'CSAT',
  responses: '回答',
  openFollowups: '未対応のフォローアップ',
  unthemed: 'テーマなし',
  themesByChange: 'テーマ（基準からの増減順）',
  themesByChangeIntro: (n) =>
    `各テーマの今期の件数を、そのテーマ自身の基準期間の平均と比べています。NPS / CSAT 影響は、そのテーマの批判者・不満足の回答が改善した場合に全体が上がるポイント数（評価が ${n} 件未満のときは表示しません）。数字をクリックすると元の声が見られます。`,
  theme: 'テーマ',
  now: '今期',
  before: '基準平均',
  change: '増減',
  trend: '推移',
  npsImpact: 'NPS 影響',
  csatImpact: 'CSAT 影響',
  detractors: '批判者',
  unsatisfied: '不満足',
  tooFewRatings: (n) => `評価 ${n} 件: 少なすぎます`,
  newBadge: '新規',
  ignoredBadge: '無視中',
  emerging: '急増中の課題',
  emergingNone: 'この期間に有意に増えたテーマはありません。',
  newThemes: '前回の実行で現れたテーマ',
  newThemesNone: '新しいテーマはありません。',
  noThemes: 'この期間にテーマのある声はありません。',
  moreThemes: (n) => `ほかの ${n} テーマ`,
  size: '全期間の件数',
  allTime: '全期間',
  terms: '特徴語',
  relatedThemes: '関連するテーマ',
  sameCategory: '同じカテゴリ',
  subThemes: 'サブテーマ（分割先）',
  splitFrom: '分割元',
  mergedFrom: '統合されたテーマ',
  curate: 'テーマを編集',
  rename: '名前を変更',
  pin: '名前を固定',
  unpin: '固定を解除',
  ignore: '無視する',
  unignore: '無視をやめる',
  mergeInto: '統合先',
  merge: 'このテーマを統合',
  split: '分割',
  splitPreview: '分割のプレビュー',
  splitPreviewIntro: 'このテーマは次のサブテーマに分かれます。まだ保存されていません。',
  splitApply: 'この内容で分割する',
  undoLast: '直前の編集を取り消す',
  undo: '取り消す',
  undone: '取り消し済み',
  moveTo: '移動先',
  move: '移動',
  searchPlaceholder: '3 文字以上で全文検索（例: ログイン, refund）',
  searchIn: (l) => `「${l}」の中を検索`,
  searchAll: 'すべての声を検索',
  results: (t, f, to) => `${t.toLocaleString('ja-JP')} 件中 ${f}–${to} 件`,
  noResults: '該当する声はありません。',
  shortQuery: '2 文字以下の語は部分一致（LIKE）で探しています。',
  filters: '絞り込み',
  clearFilters: '絞り込みを解除',
  facetNames: { period: '月', channel: 'チャネル', product: '製品', lang: '言語', kind: '種類', sentiment: '感情', stage: '段階', rating: '評価' },
  sentiments: { positive: 'ポジティブ', neutral: '中立', negative: 'ネガティブ' },
  kinds: { bug: '不具合', feature_request: '機能要望', question: '質問', complaint: '苦情', praise: '称賛', other: 'その他' },
  langs: { ja: '日本語', en: '英語', other: 'その他' },
  reasons: { negative: 'ネガティブ', detractor: '批判者', dissatisfied: '不満足', low_stars: '低評価', bug: '不具合', complaint: '苦情' },
  sortNewest: '新しい順',
  sortOldest: '古い順',
  sortRelevance: '関連度順',
  sortSeverity: '重要度順',
  status: '状態',
  open: '未対応',
  done: '対応済み',
  all: 'すべて',
  markDone: '対応済みにする',
  reopen: '未対応に戻す',
  note: 'メモ',
  assignee: '担当',
  severity: '重要度',
  age: (d) => `${d} 日前`,
  rating: '評価',
  channel: 'チャネル',
  kind: '種類',
  noFollowups: '条件に合うフォローアップはありません。',
  readOnly: '閲覧専用モード: 編集はできません。',
  themesPredateDictionary:
    'これらのテーマは以前の概念辞書で見つけたものです(koe の更新前)。新しい文書は現在の辞書で読んでいます。koe themes rebuild を実行すると、現在の辞書でテーマを見つけ直します(テーマ ID は重なりで引き継ぎ、キュレーションは保たれます)。',
  rebuildThemes: 'テーマを再構築',
  rebuildExplain:
    'すべての文書からテーマを見つけ直します(koe themes rebuild と同じ)。テーマ ID は重なりで引き継ぎ、キュレーションは保たれます。大きなデータベースでは数分かかりますが、その間もページは使えます。',
  rebuildRunning: (since) => `テーマを再構築しています(${since} 開始)。終わるまで、ページは以前のテーマを表示します。`,
  rebuildDone: (at, themes, runId) => `テーマを再構築しました(${at}、${themes} テーマ、実行 ${runId})。`,
  rebuildFailed: (at, message) => `テーマの再構築に失敗しました(${at}): ${message}`,
  language: 'English',
  action: '操作',
  when: '日時',
  target: '対象',
  curationNone: 'まだ編集はありません。',
  saved: '保存しました',
  timeZone: 'タイムゾーン',
  none: '（なし）',
  document: '声',
};

const en: ServeStrings = {
  appName: 'koe',
  thisWeek: 'This week',
  search: 'Search',
  followups: 'Follow-ups',
  curationLog: 'Curation log',
  period: 'Period',
  since: 'From',
  until: 'To',
  apply: 'Show',
  previous: '← Previous period',
  next: 'Next period →',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  baseline: (n, s, u) => `Baseline: average of the ${n} periods of the same length before (${s} – ${u})`,
  documents: 'Documents',
  negative: 'Negative',
  shareNegative: 'Negative share',
  nps: 'NPS',
  csat: 'CSAT',
  responses: 'responses',
  openFollowups: 'Open follow-ups',
  unthemed: 'Unthemed',
  themesByChange: 'Themes by change against their baseline',
  themesByChangeIntro: (n) =>
    `Each theme's documents in this period against its own baseline average. NPS / CSAT impact: points the overall score would gain if the theme's detractors / unsatisfied responses were lifted (not shown below ${n} ratings). Click a number to read the feedback behind it.`,
  theme: 'Theme',
  now: 'Now',
  before: 'Baseline avg',
  change: 'Change',
  trend: 'Trend',
  npsImpact: 'NPS impact',
  csatImpact: 'CSAT impact',
  detractors: 'detractors',
  unsatisfied: 'unsatisfied',
  tooFewRatings: (n) => `${n} rating(s): too few`,
  newBadge: 'new',
  ignoredBadge: 'ignored',
  emerging: 'Emerging issues',
  emergingNone: 'No theme grew significantly in this period.',
  newThemes: 'Themes new in the latest run',
  newThemesNone: 'No new themes.',
  noThemes: 'No themed feedback in this period.',
  moreThemes: (n) => `${n} more themes`,
  size: 'All-time documents',
  allTime: 'All time',
  terms: 'Distinctive terms',
  relatedThemes: 'Related themes',
  sameCategory: 'Same category',
  subThemes: 'Sub-themes (split into)',
  splitFrom: 'Split from',
  mergedFrom: 'Merged into this theme',
  curate: 'Curate this theme',
  rename: 'Rename',
  pin: 'Pin label',
  unpin: 'Unpin',
  ignore: 'Ignore',
  unignore: 'Unignore',
  mergeInto: 'Merge into',
  merge: 'Merge this theme',
  split: 'Split',
  splitPreview: 'Split preview',
  splitPreviewIntro: 'This theme would be split into these sub-themes. Nothing is saved yet.',
  splitApply: 'Split it like this',
  undoLast: 'Undo the last change',
  undo: 'Undo',
  undone: 'undone',
  moveTo: 'Move to',
  move: 'Move',
  searchPlaceholder: 'Full-text search, 3+ characters (e.g. ログイン, refund)',
  searchIn: (l) => `Search in “${l}”`,
  searchAll: 'Search all feedback',
  results: (t, f, to) => `${f}–${to} of ${t.toLocaleString('en-US')}`,
  noResults: 'No feedback matches.',
  shortQuery: 'Words of 1–2 characters are matched as substrings (LIKE).',
  filters: 'Filters',
  clearFilters: 'Clear filters',
  facetNames: { period: 'Month', channel: 'Channel', product: 'Product', lang: 'Language', kind: 'Kind', sentiment: 'Sentiment', stage: 'Stage', rating: 'Rating' },
  sentiments: { positive: 'positive', neutral: 'neutral', negative: 'negative' },
  kinds: { bug: 'bug', feature_request: 'feature request', question: 'question', complaint: 'complaint', praise: 'praise', other: 'other' },
  langs: { ja: 'Japanese', en: 'English', other: 'other' },
  reasons: { negative: 'negative', detractor: 'detractor', dissatisfied: 'dissatisfied', low_stars: 'low stars', bug: 'bug', complaint: 'complaint' },
  sortNewest: 'Newest',
  sortOldest: 'Oldest',
  sortRelevance: 'Relevance',
  sortSeverity: 'Severity',
  status: 'Status',
  open: 'Open',
  done: 'Done',
  all: 'All',
  markDone: 'Mark done',
  reopen: 'Reopen',
  note: 'Note',
  assignee: 'Assignee',
  severity: 'Severity',
  age: (d) => `${d} days ago`,
  rating: 'Rating',
  channel: 'Channel',
  kind: 'Kind',
  noFollowups: 'No follow-ups match.',
  readOnly: 'Read-only mode: curation is off.',
  themesPredateDictionary:
    'These themes were found with an older concept dictionary (koe was updated since); new documents are read with the current one. koe themes rebuild finds them again with it (theme ids carry over by overlap, curation is kept).',
  rebuildThemes: 'Rebuild themes',
  rebuildExplain:
    'Finds the themes again from every document, as koe themes rebuild does: theme ids carry over by overlap and curation is kept. On a large database it takes minutes; the pages keep working meanwhile.',
  rebuildRunning: (since) => `Rebuilding the themes (started ${since}). Until it finishes the pages show the themes as they were.`,
  rebuildDone: (at, themes, runId) => `Themes rebuilt (${at}: ${themes} themes, run ${runId}).`,
  rebuildFailed: (at, message) => `The theme rebuild failed (${at}): ${message}`,
  language: '日本語',
  action: 'Action',
  when: 'When',
  target: 'Target',
  curationNone: 'No curation yet.',
  saved: 'Saved',
  timeZone: 'Time zone',
  none: '(none)',
  document: 'Feedback',
};

export const SERVE_STRINGS: Record<UiLang, ServeStrings> = { ja, en };
