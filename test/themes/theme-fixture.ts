// Small bilingual koe databases for theme tests: real SQLite in memory with the real migrations, documents
// normalized and tokenized by the real stages (kuromoji), sentiment and kind given by each fixture row.
import type { Store } from '../../src/store/open-store.js';
import { normalizeFeedback } from '../../src/normalize/index.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import type { ThemeDoc } from '../../src/themes/theme-types.js';
import type { FeedbackKind, SentimentLabel } from '../../src/types.js';

export interface FixtureRow {
  id: string;
  text: string;
  sentiment?: SentimentLabel;
  kind?: FeedbackKind;
}

let tokenizer: Promise<DocTokenizer> | null = null;
const getTokenizer = (): Promise<DocTokenizer> => (tokenizer ??= createTokenizer());

export function startRun(db: Store['db']): number {
  return Number(
    db.prepare(`INSERT INTO runs (started_at, status, command) VALUES (?, 'ok', 'test')`).run(new Date().toISOString()).lastInsertRowid,
  );
}

/** Inserts the rows as analysed documents of a new run; returns the run id. */
export async function addDocs(store: Store, rows: readonly FixtureRow[]): Promise<number> {
  const tk = await getTokenizer();
  const runId = startRun(store.db);
  const now = new Date().toISOString();
  const insertDoc = store.db.prepare(
    `INSERT INTO documents (id, source_id, content_hash, lang, text, first_run_id, last_run_id, ingested_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnalysis = store.db.prepare(
    `INSERT INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model, kind,
       kind_confidence, kind_model, terms, run_id, analyzed_at) VALUES (?, ?, 0, 1, 'test', ?, 1, 'test', ?, ?, ?)`,
  );
  store.db.transaction(() => {
    for (const row of rows) {
      const doc = tk.tokenize(
        normalizeFeedback({
          file: 'fixture.jsonl', line: 1, sourceId: row.id, text: row.text, createdAt: null, rating: null,
          ratingScale: null, channel: null, product: null, source: null, metadata: {},
        }),
      );
      insertDoc.run(row.id, row.id, doc.contentHash, doc.lang, doc.text, runId, runId, now, now);
      insertAnalysis.run(row.id, row.sentiment ?? 'negative', row.kind ?? 'complaint', JSON.stringify(doc.terms), runId, now);
    }
  })();
  return runId;
}

// Four recurring problems, each written in both languages by different people.
export const LOGIN: FixtureRow[] = [
  { id: 'login-ja-1', text: 'ログインできません。パスワードを入れてもエラーになります。' },
  { id: 'login-ja-2', text: 'アプリにログインできない。パスワードを再設定しても駄目でした。' },
  { id: 'login-ja-3', text: '昨日からログインできなくて困っています。' },
  { id: 'login-en-1', text: "I can't log in to my account, it says my password is wrong.", kind: 'bug' },
  { id: 'login-en-2', text: 'Login fails every time even after resetting my password.', kind: 'bug' },
  { id: 'login-en-3', text: 'Unable to sign in since yesterday, please help.' },
];
export const DELIVERY: FixtureRow[] = [
  { id: 'delivery-ja-1', text: '注文した商品がまだ届きません。配送が遅すぎます。' },
  { id: 'delivery-ja-2', text: '配達予定日を過ぎても荷物が届かない。' },
  { id: 'delivery-ja-3', text: '配送が一週間も遅れています。いつ届きますか。' },
  { id: 'delivery-en-1', text: 'My order still has not arrived, the delivery is very late.' },
  { id: 'delivery-en-2', text: 'The package was supposed to arrive last week and it never came.' },
  { id: 'delivery-en-3', text: 'Shipping is so slow, my parcel is delayed again.' },
];
export const REFUND: FixtureRow[] = [
  { id: 'refund-ja-1', text: '返品したのに返金がまだありません。' },
  { id: 'refund-ja-2', text: '返金の手続きが遅い。いつ返金されますか。' },
  { id: 'refund-ja-3', text: 'キャンセルした注文の返金をお願いします。' },
  { id: 'refund-en-1', text: 'I returned the item but still have not received my refund.' },
  { id: 'refund-en-2', text: 'When will I get my money back? The refund is taking forever.' },
  { id: 'refund-en-3', text: 'Please refund my cancelled order.' },
];
export const SEARCH_REQUEST: FixtureRow[] = [
  { id: 'search-ja-1', text: '検索で絞り込みができるようにしてほしいです。', kind: 'feature_request', sentiment: 'neutral' },
  { id: 'search-ja-2', text: '検索機能に価格の絞り込みを追加してほしい。', kind: 'feature_request', sentiment: 'neutral' },
  { id: 'search-ja-3', text: '検索結果を並び替えできると便利です。', kind: 'feature_request', sentiment: 'positive' },
  { id: 'search-en-1', text: 'Please add a filter to the search so I can narrow results by price.', kind: 'feature_request', sentiment: 'neutral' },
  { id: 'search-en-2', text: 'It would be great if search results could be sorted.', kind: 'feature_request', sentiment: 'positive' },
  { id: 'search-en-3', text: 'Search needs filters, I can never find what I want.', kind: 'feature_request', sentiment: 'negative' },
];
export const ALL = [...LOGIN, ...DELIVERY, ...REFUND, ...SEARCH_REQUEST];

/** Later feedback about the same problems, for incremental runs. */
export const LATER: FixtureRow[] = [
  { id: 'later-login-ja', text: 'またログインできなくなりました。パスワードは合っています。' },
  { id: 'later-login-en', text: 'Cannot log in again, password reset did not help.' },
  { id: 'later-refund-en', text: 'Still waiting for my refund after returning the shoes.' },
];

export function themeOf(store: Store, docId: string): string | undefined {
  return store.db.prepare('SELECT theme_id FROM document_themes WHERE doc_id = ? AND rank = 0').pluck().get(docId) as string | undefined;
}

/** Theme documents made by the real normalize and tokenize stages (kuromoji with koe's user dictionary). */
export function themeDocsWith(tokenizer: DocTokenizer, texts: readonly string[], prefix: string): ThemeDoc[] {
  return texts.map((text, i) => {
    const doc = tokenizer.tokenize(
      normalizeFeedback({
        file: 'fixture.jsonl', line: i + 1, sourceId: `${prefix}-${i}`, text, createdAt: null, rating: null,
        ratingScale: null, channel: null, product: null, source: null, metadata: {},
      }),
    );
    return { id: doc.id, text: doc.text, lang: doc.lang, terms: doc.terms, sentiment: null, kind: null };
  });
}
