import { hashSourceId, isPersonalSourceId } from '../normalize/personal-source-id.js';
import { loadSourceIdKey } from '../store/privacy-repository.js';
import type { Db } from '../store/open-store.js';
import { runNamedQuery } from '../store/named-queries.js';
import { InsightOptionError } from './insight-error.js';

export type FollowupStatus = 'open' | 'done';

/** Feedback that asks for an answer (negative, NPS detractor, CSAT 1–2, bug or complaint). */
export interface Followup {
  docId: string;
  /** The id in the source system: how support finds the customer. Text is masked; PII is never unmasked. */
  sourceId: string | null;
  createdAt: string | null;
  ageDays: number | null;
  /** Why it is listed: negative, detractor, dissatisfied, bug, complaint. */
  reasons: string[];
  themeId: string | null;
  themeLabel: string | null;
  channel: string | null;
  status: FollowupStatus;
  text: string;
}

export interface FollowupListOptions {
  /** Which to list (default 'open'). */
  status?: FollowupStatus | 'all';
  /** Day the age is counted to (default: today). */
  asOf?: string | null;
  /** Only feedback given on these days (inclusive). */
  since?: string | null;
  until?: string | null;
  limit?: number;
}

/** Follow-ups, oldest first (the customer who has waited longest on top). Reads the `followups` named query. */
export function listFollowups(db: Db, options: FollowupListOptions = {}): Followup[] {
  const { rows } = runNamedQuery(db, 'followups', {
    status: options.status ?? 'open',
    as_of: options.asOf ?? null,
    since: options.since ?? null,
    until: options.until ?? null,
    limit: options.limit ?? 1_000_000,
  });
  return rows.map((r) => ({
    docId: r.doc_id as string,
    sourceId: (r.source_id as string | null) ?? null,
    createdAt: (r.created_at as string | null) ?? null,
    ageDays: (r.age_days as number | null) ?? null,
    reasons: String(r.reasons ?? '')
      .split(' ')
      .filter(Boolean),
    themeId: (r.theme_id as string | null) ?? null,
    themeLabel: (r.theme_label as string | null) ?? null,
    channel: (r.channel as string | null) ?? null,
    status: r.status as FollowupStatus,
    text: r.text as string,
  }));
}

/** Open and handled follow-up counts, optionally for feedback given on some days only (inclusive). */
export function countFollowups(db: Db, range: { since?: string | null; until?: string | null } = {}): { open: number; done: number } {
  const rows = db
    .prepare(
      `SELECT status, count(*) AS n FROM v_followups
       WHERE (@since IS NULL OR substr(created_at, 1, 10) >= @since) AND (@until IS NULL OR substr(created_at, 1, 10) <= @until)
       GROUP BY status`,
    )
    .all({ since: range.since ?? null, until: range.until ?? null }) as { status: FollowupStatus; n: number }[];
  return {
    open: rows.find((r) => r.status === 'open')?.n ?? 0,
    done: rows.find((r) => r.status === 'done')?.n ?? 0,
  };
}

export interface MarkResult {
  /** Document ids newly marked (or reopened). */
  changed: string[];
  /** Document ids that already had that status. */
  unchanged: string[];
}

/** Document ids for ids given by a person: a koe document id, else a source id. Unknown ones fail, naming them. */
function resolveIds(db: Db, ids: readonly string[]): string[] {
  const byId = db.prepare('SELECT id FROM documents WHERE id = ?').pluck();
  const bySource = db.prepare('SELECT id FROM documents WHERE source_id = ? ORDER BY id').pluck();
  const out: string[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const direct = byId.get(id) as string | undefined;
    if (direct !== undefined) out.push(direct);
    else {
      let viaSource = bySource.all(id) as string[];
      // A source id that was an e-mail or phone is stored as its keyed hash (issue 13): the team gives it as they know it.
      if (viaSource.length === 0 && isPersonalSourceId(id)) viaSource = bySource.all(hashSourceId(id, loadSourceIdKey(db))) as string[];
      if (viaSource.length === 0) unknown.push(id);
      else out.push(...viaSource);
    }
  }
  if (unknown.length > 0) {
    throw new InsightOptionError(`no document with id or source id ${unknown.map((u) => `"${u}"`).join(', ')}; nothing marked`);
  }
  return [...new Set(out)];
}

/**
 * Marks follow-ups handled. Kept in the `followups` table, which runs never touch, so a re-run never un-marks.
 * All ids are checked first: one unknown id marks nothing.
 */
export function markFollowupsDone(
  db: Db,
  ids: readonly string[],
  options: { note?: string | null; now?: string } = {},
): MarkResult {
  const now = options.now ?? new Date().toISOString();
  return db.transaction(() => {
    const docIds = resolveIds(db, ids);
    const insert = db.prepare(
      `INSERT INTO followups (doc_id, status, done_at, note) VALUES (?, 'done', ?, ?) ON CONFLICT (doc_id) DO NOTHING`,
    );
    const result: MarkResult = { changed: [], unchanged: [] };
    for (const id of docIds) {
      if (insert.run(id, now, options.note ?? null).changes > 0) result.changed.push(id);
      else result.unchanged.push(id);
    }
    return result;
  })();
}

/** Takes the handled mark off again (a mistake corrected by a person; runs never do this). */
export function reopenFollowups(db: Db, ids: readonly string[]): MarkResult {
  return db.transaction(() => {
    const docIds = resolveIds(db, ids);
    const del = db.prepare('DELETE FROM followups WHERE doc_id = ?');
    const result: MarkResult = { changed: [], unchanged: [] };
    for (const id of docIds) (del.run(id).changes > 0 ? result.changed : result.unchanged).push(id);
    return result;
  })();
}
