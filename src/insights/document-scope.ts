import type { Db } from '../store/open-store.js';
import { addDays } from './periods.js';
import { checkTimeZone, dayBound, localDayOf } from '../time-zone.js';

/** Which documents an insight looks at. Every field is optional; days are inclusive, UTC. */
export interface DocumentScope {
  since?: string | null;
  until?: string | null;
  themeId?: string | null;
  channel?: string | null;
  product?: string | null;
  lang?: string | null;
  stage?: string | null;
  touchpoint?: string | null;
  /** IANA time zone the days are read in (default UTC). */
  timeZone?: string | null;
}

export interface ScopeSql {
  /** `AND …` conditions over `d` (documents), `a` (analyses); values are in `params`, never in the text. */
  where: string;
  params: Record<string, string>;
}

/**
 * SQL conditions for a scope. The fixed fragments are chosen by which fields are set; values are bound.
 * A theme is matched on the document's primary theme (rank 0), as everywhere in insights.
 */
export function scopeSql(scope: DocumentScope, { dates = true }: { dates?: boolean } = {}): ScopeSql {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const add = (key: keyof DocumentScope, sql: string) => {
    const v = scope[key];
    if (v === null || v === undefined || v === '') return;
    parts.push(sql);
    params[key] = v;
  };
  // Plain comparisons on the ISO text (not substr) so SQLite can use the created_at index.
  if (dates) {
    if (scope.since) {
      parts.push('d.created_at >= @since');
      params.since = dayBound(scope.since, scope.timeZone);
    }
    if (scope.until) {
      parts.push('d.created_at < @untilNext');
      params.untilNext = dayBound(addDays(scope.until, 1), scope.timeZone);
    }
  }
  add('themeId', 'EXISTS (SELECT 1 FROM document_themes s WHERE s.doc_id = d.id AND s.rank = 0 AND s.theme_id = @themeId)');
  add('channel', 'd.channel = @channel');
  add('product', 'd.product = @product');
  add('lang', 'd.lang = @lang');
  add('stage', 'a.stage = @stage');
  add('touchpoint', 'a.touchpoint = @touchpoint');
  return { where: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** First and last day with dated documents (local days in `timeZone`, default UTC), or null for an empty database. */
export function dataDayRange(db: Db, timeZone?: string | null): { first: string; last: string } | null {
  const r = db
    // Two subqueries: SQLite reads one end of the index for a lone min() or max(), but scans it for both at once.
    .prepare('SELECT (SELECT min(created_at) FROM documents WHERE created_at IS NOT NULL) AS first, (SELECT max(created_at) FROM documents) AS last')
    .get() as { first: string | null; last: string | null };
  const zone = checkTimeZone(timeZone);
  return r.first && r.last ? { first: localDayOf(r.first, zone), last: localDayOf(r.last, zone) } : null;
}
