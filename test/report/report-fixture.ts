// A small but complete koe database for the report: Japanese and English feedback over nine weeks, themes with
// ratings, a theme that grows in the last week, journey stages, follow-ups, and hostile text to be escaped.
import { addDays } from '../../src/insights/periods.js';
import { createFixture, type Fixture, type FixtureDoc } from '../insights/fixture-db.js';

export const LAST_DAY = '2026-03-29';

const STAGES = ['discover', 'purchase', 'delivery', 'onboarding', 'use', 'support', 'billing'] as const;

export function buildReportFixture(): Fixture {
  const docs: FixtureDoc[] = [];
  let n = 0;
  const add = (d: Omit<FixtureDoc, 'id'>) => docs.push({ id: `doc-${String(++n).padStart(4, '0')}`, ...d });
  for (let week = 0; week < 9; week++) {
    const recent = week === 8;
    const day = (i: number) => addDays(LAST_DAY, -(8 - week) * 7 - 6 + (i % 7));
    for (let i = 0; i < 4; i++) {
      add({ createdAt: day(i), theme: 't1', lang: 'ja', sentiment: 'negative', kind: 'complaint', stage: 'delivery', touchpoint: 'delivery', channel: 'email', rating: i % 2 ? 3 : 8, ratingScale: 'nps', text: '荷物の到着が予定より三日も遅れました。配送状況も更新されません。' });
      add({ createdAt: day(i + 1), theme: 't2', lang: 'en', sentiment: 'positive', kind: 'praise', stage: 'use', touchpoint: 'app', channel: 'app', rating: 10, ratingScale: 'nps', text: 'The new app is fast and easy to use, great job.' });
    }
    add({ createdAt: day(2), theme: 't3', lang: 'ja', sentiment: 'neutral', kind: 'feature_request', stage: 'use', touchpoint: 'app', channel: 'app', text: 'ダークモードに対応してほしいです。夜に使うと画面がまぶしいので。' });
    add({ createdAt: day(3), theme: 't3', lang: 'en', sentiment: 'neutral', kind: 'feature_request', stage: 'use', touchpoint: 'web', channel: 'web', rating: 4, ratingScale: 'csat', text: 'Please add an export to CSV <script>alert("x")</script> & keep it simple.' });
    const payments = recent ? 12 : 1;
    for (let i = 0; i < payments; i++) {
      add({ createdAt: day(i), theme: 't4', lang: 'ja', sentiment: 'negative', kind: 'bug', stage: 'billing', touchpoint: 'web', channel: 'web', rating: 2, ratingScale: 'nps', text: `カード決済でエラーになり、購入できません（エラーコード E${100 + i}）。連絡先: [EMAIL]` });
    }
    for (let i = 0; i < 6; i++) {
      add({ createdAt: day(i), lang: i % 2 ? 'en' : 'ja', sentiment: 'neutral', kind: 'other', stage: STAGES[i % STAGES.length] ?? null, touchpoint: null, channel: 'chat', rating: 2 + (i % 4), ratingScale: 'ces', text: i % 2 ? 'Just a comment.' : '特に問題はありません。' });
    }
  }
  const f = createFixture()
    .addThemes([
      { id: 't1', label: '配送の遅れ' },
      { id: 't2', label: 'app speed' },
      { id: 't3', label: 'ダークモード / export <b>要望</b>' },
      { id: 't4', label: '決済エラー' },
      { id: 't5', label: 'ignored noise', status: 'ignored' },
    ])
    .addDocs(docs);
  for (const t of ['t1', 't2', 't3']) f.addThemeChange(f.runId, t, 'appeared');
  const run2 = f.newRun();
  f.addThemeChange(run2, 't4', 'appeared');
  return f;
}
