// `koe serve`: the support lead's workspace over one koe database. A thin shell over the library, as the CLI is:
// every route parses its parameters, calls a library function and formats the answer (JSON under /api/, HTML
// elsewhere). Safe by default: loopback only unless a token is set (or writes are off), every write a POST with a
// CSRF token, every text escaped, a strict Content-Security-Policy, and nothing written outside the database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../store/open-store.js';
import { PACKAGE_ROOT } from '../paths.js';
import { compareThemePeriods, type ThemeComparison } from '../insights/period-comparison.js';
import { InsightOptionError } from '../insights/insight-error.js';
import { markFollowupsDone, pageFollowups, reopenFollowups, type Followup } from '../insights/followups.js';
import { getDocument, SearchOptionError, type DocumentHit, type DocumentPageOptions } from '../store/document-search.js';
import { getThemeDetail } from '../store/theme-details.js';
import { listCuration, type CurationEntry } from '../store/theme-repository.js';
import { CurationError, previewSplit, themesPredateDictionary } from '../pipeline/update-themes.js';
import { createWorkspaceRebuild, type WorkspaceRebuild } from './workspace-rebuild.js';
import { curate as curateUnderLease, undoCurate, DatabaseBusyError } from '../pipeline/theme-writes.js';
import { checkTimeZone, localDaySql, TimeZoneError } from '../time-zone.js';
import type { CurationAction } from '../themes/theme-types.js';
import {
  BadRequest,
  bodyString,
  checkBodyFields,
  day,
  DOCUMENT_PARAMS,
  documentOptions,
  FOLLOWUP_PARAMS,
  followupOptions,
  int,
  NotFound,
  PERIOD_PARAMS,
  readQuery,
  str,
  type Query,
} from './params.js';
import { prefetchThisWeek, registerPages, thisWeekReads, weeklySeries } from './pages.js';
import { cachedFacets, cachedSearch, cachedThemeDailyCounts, createReadCache, type ReadCache } from './read-cache.js';
import type { UiLang } from './ui-strings.js';

export interface ServeOptions {
  db: Db;
  /** Writes (curation, follow-up marks) are refused with 403. */
  readOnly?: boolean;
  /** When set, every request needs it: `Authorization: Bearer TOKEN`, or once `?token=TOKEN` (then a cookie). */
  token?: string | null;
  /** Default UI language (a switch in the page overrides it per browser). */
  lang?: UiLang;
  /** Default IANA time zone for every period (default UTC). */
  timeZone?: string | null;
  /** Host names a request may be addressed to (DNS-rebinding guard); null accepts any (token-protected servers). */
  allowedHosts?: readonly string[] | null;
  /** The theme stage config, for curation that re-summarizes themes. */
  themeConfig?: Record<string, unknown>;
  /** Fewest ratings behind an impact figure (default 10). */
  minRatings?: number;
  /** The read cache (default: a new one over `db`); startServer keeps it to stop its prefetching on close. */
  reads?: ReadCache;
  /** The theme rebuild the workspace can start (default: a new one over `db`); startServer stops it on close. */
  rebuild?: WorkspaceRebuild;
}

export interface AppContext {
  db: Db;
  options: Required<Pick<ServeOptions, 'readOnly' | 'lang' | 'minRatings'>> & ServeOptions;
  timeZone: string;
  csrfToken: string;
  /** Costly reads (a theme's page, facets and trend) kept until the database changes, and prefetched. */
  reads: ReadCache;
  /** The "rebuild the themes" button's worker (workspace-rebuild.ts). */
  rebuild: WorkspaceRebuild;
}

export const SERVE_CSS_PATH = path.join(PACKAGE_ROOT, 'src', 'serve', 'serve.css');
export const SERVE_JS_PATH = path.join(PACKAGE_ROOT, 'src', 'serve', 'serve.js');

const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** The HTTP status and message of an error a request caused; anything else is a 500. */
export function statusOf(err: unknown): { status: 400 | 404 | 409 | 500; message: string } {
  if (err instanceof BadRequest || err instanceof SearchOptionError || err instanceof InsightOptionError || err instanceof TimeZoneError) {
    return { status: 400, message: err.message };
  }
  if (err instanceof CurationError) return { status: err.reason === 'not_found' ? 404 : err.reason === 'conflict' ? 409 : 400, message: err.message };
  if (err instanceof DatabaseBusyError) return { status: 409, message: err.message };
  if (err instanceof NotFound) return { status: 404, message: err.message };
  return { status: 500, message: 'internal error (see the server log)' };
}

/** A relative path on this server to go back to after a form post (never another host). */
/** The workspace rebuild's state as the API spells it (snake_case). */
function rebuildJson(r: WorkspaceRebuild): Record<string, unknown> {
  const last = r.last;
  return {
    running: r.running ? { started_at: r.running.startedAt } : null,
    last: !last ? null : last.ok ? { ok: true, finished_at: last.finishedAt, run_id: last.runId, themes: last.themes } : { ok: false, finished_at: last.finishedAt, error: last.message },
  };
}

export function safeBack(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}

/** The page cache of the workspace's connection, in KiB. */
export const SERVE_PAGE_CACHE_KIB = 262_144;

export function createApp(options: ServeOptions): Hono {
  const ctx: AppContext = {
    db: options.db,
    options: { ...options, readOnly: options.readOnly ?? false, lang: options.lang ?? 'ja', minRatings: options.minRatings ?? 10 },
    timeZone: checkTimeZone(options.timeZone),
    csrfToken: crypto.randomBytes(24).toString('base64url'),
    reads: options.reads ?? createReadCache(options.db),
    rebuild: options.rebuild ?? createWorkspaceRebuild(options.db, options.themeConfig ?? {}),
  };
  // The workspace reads the same documents, analyses and themes page after page for as long as it runs: a 256 MiB
  // page cache keeps a large database's working set in memory (the largest theme's facets at a million documents
  // read 127,000 scattered rows: 312 ms of SQL with 2 MiB, 106 ms with 256 MiB). Pages are taken as they are read.
  options.db.pragma(`cache_size = -${SERVE_PAGE_CACHE_KIB}`);
  const app = new Hono();
  const css = fs.readFileSync(SERVE_CSS_PATH, 'utf8');
  const js = fs.readFileSync(SERVE_JS_PATH, 'utf8');

  // --- safety: host, token, headers, CSRF ---
  // Prefetching waits while requests are open (read-cache.ts).
  app.use('*', async (_c, next) => {
    ctx.reads.beginRequest();
    try {
      await next();
    } finally {
      ctx.reads.endRequest();
    }
  });
  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
    const api = new URL(c.req.url).pathname.startsWith('/api/');
    const fail = (status: 401 | 403, message: string) =>
      api ? c.json({ error: message }, status) : c.html(`<!doctype html><meta charset="utf-8"><title>${status}</title><p>${message}</p>`, status);
    if (options.allowedHosts) {
      const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!options.allowedHosts.includes(host)) return fail(403, `host "${host}" is not served here (start koe serve with --host and --token to serve other names)`);
    }
    if (options.token) {
      const url = new URL(c.req.url);
      const given = url.searchParams.get('token');
      if (given !== null && c.req.method === 'GET' && !api) {
        if (!safeEqual(given, options.token)) return fail(401, 'wrong token');
        setCookie(c, 'koe_token', given, { httpOnly: true, sameSite: 'Strict', path: '/' });
        url.searchParams.delete('token');
        return c.redirect(`${url.pathname}${url.search}`, 303);
      }
      const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const cookie = getCookie(c, 'koe_token');
      if (!(bearer && safeEqual(bearer, options.token)) && !(cookie && safeEqual(cookie, options.token))) {
        return fail(401, 'this koe serve needs its token: Authorization: Bearer TOKEN, or open the page once with ?token=TOKEN');
      }
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (c.req.method !== 'POST') return fail(403, 'only GET and POST are served');
      if (ctx.options.readOnly) return fail(403, 'this koe serve is read-only (--read-only): nothing can be changed');
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (origin && host && origin !== 'null' && new URL(origin).host !== host) return fail(403, `cross-site request from ${origin} refused`);
      let token = c.req.header('x-koe-csrf');
      if (!token && (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        const form = await c.req.parseBody();
        token = typeof form._csrf === 'string' ? form._csrf : undefined;
      }
      if (!token || !safeEqual(token, ctx.csrfToken)) {
        return fail(403, 'missing or wrong CSRF token: send the X-Koe-CSRF header (GET /api/csrf gives it) or the form field _csrf');
      }
    }
    await next();
  });

  app.get('/static/serve.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  app.get('/static/serve.js', (c) => c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  registerApi(app, ctx);
  registerPages(app, ctx);
  // The week a lead opens first, read while the server waits for them.
  prefetchThisWeek(ctx);

  app.notFound((c) => (new URL(c.req.url).pathname.startsWith('/api/') ? c.json({ error: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404) : c.html('<!doctype html><meta charset="utf-8"><title>404</title><p>Not found</p>', 404)));
  app.onError((err, c) => {
    const { status, message } = statusOf(err);
    if (status === 500) console.error(err);
    return new URL(c.req.url).pathname.startsWith('/api/') ? c.json({ error: message }, status) : c.html(`<!doctype html><meta charset="utf-8"><title>${status}</title><p>${message.replace(/[<>&]/g, '')}</p>`, status);
  });
  return app;
}

// --- JSON shapes (snake_case, documented in the README) ---

export function themeJson(t: ThemeComparison): Record<string, unknown> {
  return {
    id: t.themeId,
    label: t.label,
    status: t.status,
    size: t.size,
    count: t.count,
    baseline_count: t.baselineCount,
    baseline_average: t.baselineAverage,
    change: t.change,
    change_ratio: t.changeRatio,
    negative: t.negative,
    share_negative: t.shareNegative,
    baseline_share_negative: t.baselineShareNegative,
    nps: t.nps,
    csat: t.csat,
    series: t.series,
    is_new: t.isNew,
  };
}

export function documentJson(d: DocumentHit): Record<string, unknown> {
  return {
    id: d.id,
    source_id: d.sourceId,
    text: d.text,
    lang: d.lang,
    sentiment: d.sentiment,
    sentiment_score: d.sentimentScore,
    kind: d.kind,
    stage: d.stage,
    created_at: d.createdAt,
    channel: d.channel,
    product: d.product,
    rating: d.rating,
    rating_scale: d.ratingScale,
    theme_id: d.themeId,
    theme_label: d.themeLabel,
  };
}

export function followupJson(f: Followup): Record<string, unknown> {
  return {
    id: f.docId,
    source_id: f.sourceId,
    created_at: f.createdAt,
    age_days: f.ageDays,
    severity: f.severity,
    reasons: f.reasons,
    theme_id: f.themeId,
    theme_label: f.themeLabel,
    channel: f.channel,
    product: f.product,
    kind: f.kind,
    rating: f.rating,
    rating_scale: f.ratingScale,
    status: f.status,
    done_at: f.doneAt,
    note: f.note,
    assignee: f.assignee,
    text: f.text,
  };
}

export function curationJson(e: CurationEntry): Record<string, unknown> {
  const { action, themeId, ...args } = e.action;
  const rest = { ...args } as Record<string, unknown>;
  if ('parts' in rest) rest.parts = Object.fromEntries(Object.entries(rest.parts as Record<string, string[]>).map(([k, v]) => [k, v.length]));
  return { id: e.id, action, theme_id: themeId, args: rest, created_at: e.createdAt, undone_at: e.undoneAt, undoable: e.undoneAt === null && e.before !== null };
}

/** The request body as an object: JSON for API clients, a urlencoded form for the pages. */
export async function readBody(c: Context): Promise<{ body: Record<string, unknown>; form: boolean }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    return { body: (await c.req.parseBody()) as Record<string, unknown>, form: true };
  }
  const text = await c.req.text();
  if (text.trim() === '') return { body: {}, form: false };
  if (!type.startsWith('application/json')) throw new BadRequest('send the body as application/json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('the body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('the body must be a JSON object');
  return { body: parsed as Record<string, unknown>, form: false };
}

function themeExists(db: Db, id: string): void {
  if (db.prepare('SELECT 1 FROM themes WHERE id = ?').get(id) === undefined) throw new NotFound(`no theme ${id}`);
}

function registerApi(app: Hono, ctx: AppContext): void {
  const { db } = ctx;
  const tz = (q: Query) => str(q, 'tz') ?? ctx.timeZone;

  app.get('/api/csrf', (c) => c.json({ token: ctx.csrfToken, read_only: ctx.options.readOnly }));

  app.get('/api/themes', (c) => {
    const q = readQuery(c.req.url, [...PERIOD_PARAMS, 'baseline', 'min_ratings', 'include_ignored']);
    const cmp = compareThemePeriods(db, {
      since: day(q, 'since'),
      until: day(q, 'until'),
      timeZone: tz(q),
      baselinePeriods: int(q, 'baseline', 1, 52, 4),
      minRatings: int(q, 'min_ratings', 0, 1_000_000, ctx.options.minRatings),
      includeIgnored: q.include_ignored === '1' || q.include_ignored === 'true',
    });
    return c.json({
      time_zone: cmp.timeZone,
      period: cmp.period,
      baseline: cmp.baseline,
      series_starts: cmp.seriesStarts,
      min_ratings: cmp.minRatings,
      overall: cmp.overall,
      unthemed: cmp.unthemed,
      themes: cmp.themes.map(themeJson),
    });
  });

  app.get('/api/overview', (c) => {
    const q = readQuery(c.req.url, [...PERIOD_PARAMS, 'baseline']);
    // The same reads as This week's page, through the read cache.
    const { cmp, emerging, followups } = thisWeekReads(ctx, { since: day(q, 'since'), until: day(q, 'until'), timeZone: tz(q), baselinePeriods: int(q, 'baseline', 1, 52, 4) });
    return c.json({
      period: cmp.period,
      baseline: cmp.baseline,
      overall: cmp.overall,
      followups,
      emerging: emerging.emerging.map((e) => ({ id: e.themeId, label: e.label, window_count: e.windowCount, expected: e.expected, ratio: e.ratio, q_value: e.qValue })),
      new_themes: emerging.newThemes.map((n) => ({ id: n.themeId, label: n.label, size: n.size, window_count: n.windowCount })),
      themes_predate_dictionary: themesPredateDictionary(db),
      rebuild: rebuildJson(ctx.rebuild),
    });
  });

  app.get('/api/themes/:id', (c) => {
    readQuery(c.req.url, []);
    const detail = getThemeDetail(db, c.req.param('id'));
    if (!detail) throw new NotFound(`no theme ${c.req.param('id')}`);
    const trend = weeklySeries(cachedThemeDailyCounts(ctx, detail.id, localDaySql(db, 'd.created_at', ctx.timeZone)), 520);
    return c.json({ ...detail, trend });
  });

  const documentsRoute = (c: Context, themeId: string | null) => {
    const q = readQuery(c.req.url, [...DOCUMENT_PARAMS, 'facets', ...(themeId === null ? ['theme'] : [])]);
    if (themeId !== null) themeExists(db, themeId);
    const opts: DocumentPageOptions = { ...documentOptions(q, ctx.timeZone), themeId: themeId ?? str(q, 'theme') };
    const page = cachedSearch(ctx, opts);
    const facets = q.facets === '1' || q.facets === 'true' ? cachedFacets(ctx, opts) : undefined;
    return c.json({ total: page.total, limit: page.limit, offset: page.offset, terms: page.terms, documents: page.documents.map(documentJson), ...(facets ? { facets } : {}) });
  };
  app.get('/api/themes/:id/documents', (c) => documentsRoute(c, c.req.param('id')));
  app.get('/api/search', (c) => {
    const q = new URL(c.req.url).searchParams.get('q');
    if (q === null || q.trim() === '') throw new BadRequest('q is required: the words to find (3+ characters use the full-text index)');
    return documentsRoute(c, null);
  });
  app.get('/api/documents', (c) => documentsRoute(c, null));
  app.get('/api/documents/:id', (c) => {
    readQuery(c.req.url, []);
    const d = getDocument(db, c.req.param('id'));
    if (!d) throw new NotFound(`no document ${c.req.param('id')}`);
    return c.json(documentJson(d));
  });

  app.get('/api/themes/:id/split-preview', (c) => {
    readQuery(c.req.url, []);
    const p = previewSplit(db, c.req.param('id'), ctx.options.themeConfig);
    return c.json({ theme_id: p.themeId, children: p.children.map((ch) => ({ id: ch.id, label: ch.label, size: ch.size, share_negative: ch.shareNegative, quotes: ch.quotes })) });
  });

  app.get('/api/curation', (c) => {
    const q = readQuery(c.req.url, ['limit']);
    return c.json({ entries: listCuration(db, { limit: int(q, 'limit', 1, 10_000, 200) }).map(curationJson) });
  });

  // --- writes: one library call each; a form post is redirected back to its page ---
  const write = (
    route: string,
    fields: readonly string[],
    work: (c: Context, body: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ) => {
    app.post(route, async (c) => {
      readQuery(c.req.url, []);
      const { body, form } = await readBody(c);
      checkBodyFields(body, fields);
      try {
        const result = await work(c, body);
        const queued = result.queued === true;
        if (form) return c.redirect(withFlash(safeBack(body._back, '/'), queued ? String(result.message) : 'ok'), 303);
        return c.json({ ok: true, ...result }, queued ? 202 : 200);
      } catch (err) {
        const { status, message } = statusOf(err);
        if (form && status !== 500) return c.redirect(withFlash(safeBack(body._back, '/'), message), 303);
        throw err;
      }
    });
  };
  // Under the write lease; while a run holds the database a queueable action waits in the log for its theme step.
  const curate = async (action: CurationAction): Promise<Record<string, unknown>> => {
    const r = await curateUnderLease(db, action, { config: ctx.options.themeConfig ?? {} });
    if (!r.applied) {
      return { queued: true, log_id: r.logId, message: `queued: ${r.holder.command} holds the database; applied when its theme step runs` };
    }
    return { theme_ids: r.themeIds, curation_id: (r as { curationId?: number }).curationId ?? null };
  };
  // A rebuild runs for seconds to minutes: it is started here and runs in a worker thread; every page says while it
  // runs (and how it ended), GET /api/overview carries it as rebuild.
  app.post('/api/themes/rebuild', async (c) => {
    readQuery(c.req.url, []);
    const { body, form } = await readBody(c);
    checkBodyFields(body, []);
    try {
      ctx.rebuild.start();
    } catch (err) {
      const { status, message } = statusOf(err);
      if (form && status !== 500) return c.redirect(withFlash(safeBack(body._back, '/'), message), 303);
      throw err;
    }
    // No flash: the page it goes back to says that the rebuild runs (and, on the curation page, how it ended).
    if (form) return c.redirect(safeBack(body._back, '/'), 303);
    return c.json({ ok: true, started_at: ctx.rebuild.running?.startedAt ?? null }, 202);
  });
  write('/api/themes/:id/rename', ['label'], (c, b) => curate({ action: 'rename', themeId: c.req.param('id')!, label: bodyString(b, 'label', true)!.trim() }));
  write('/api/themes/:id/pin', ['label'], (c, b) => {
    const label = bodyString(b, 'label', false);
    return curate({ action: 'pin', themeId: c.req.param('id')!, ...(label ? { label: label.trim() } : {}) });
  });
  write('/api/themes/:id/unpin', [], (c) => curate({ action: 'unpin', themeId: c.req.param('id')! }));
  write('/api/themes/:id/ignore', [], (c) => curate({ action: 'ignore', themeId: c.req.param('id')! }));
  write('/api/themes/:id/unignore', [], (c) => curate({ action: 'unignore', themeId: c.req.param('id')! }));
  write('/api/themes/:id/merge', ['into'], (c, b) => {
    const into = bodyString(b, 'into', true)!;
    themeExists(db, c.req.param('id')!);
    return curate({ action: 'merge', themeId: into, from: [c.req.param('id')!] });
  });
  write('/api/themes/:id/split', [], (c) => curate({ action: 'split', themeId: c.req.param('id')! }));
  write('/api/documents/:id/move', ['theme'], (c, b) => {
    const theme = bodyString(b, 'theme', true)!;
    if (!getDocument(db, c.req.param('id')!)) throw new NotFound(`no document ${c.req.param('id')}`);
    return curate({ action: 'move', themeId: theme, docId: c.req.param('id')! });
  });
  write('/api/curation/undo', ['id'], async (_c, b) => {
    const raw = b.id;
    let id: number | null = null;
    if (raw !== undefined && raw !== null && raw !== '') {
      id = Number(raw);
      if (!Number.isInteger(id) || id < 1) throw new BadRequest(`id must be a curation log id (a whole number), got ${JSON.stringify(raw)}`);
    }
    const { undone } = await undoCurate(db, id, { config: ctx.options.themeConfig ?? {} });
    return { undone: curationJson(undone) };
  });
  const mark = (status: 'done' | 'reopen') => (c: Context, b: Record<string, unknown>) => {
    const id = c.req.param('id')!;
    if (db.prepare('SELECT 1 FROM v_followups WHERE doc_id = ?').get(id) === undefined) throw new NotFound(`no follow-up ${id} (a document that asks for an answer)`);
    const note = b.note === undefined ? undefined : bodyString(b, 'note', false) ?? null;
    const assignee = b.assignee === undefined ? undefined : bodyString(b, 'assignee', false) ?? null;
    const opts = { ...(note === undefined ? {} : { note }), ...(assignee === undefined ? {} : { assignee }) };
    const r = status === 'done' ? markFollowupsDone(db, [id], opts) : reopenFollowups(db, [id], opts);
    return { changed: r.changed.length > 0, followup: followupJson(pageFollowups(db, { status: 'all', limit: 1, ...onlyDoc(id) }).followups[0]!) };
  };
  write('/api/followups/:id/done', ['note', 'assignee'], mark('done'));
  write('/api/followups/:id/reopen', ['note', 'assignee'], mark('reopen'));

  app.get('/api/followups', (c) => {
    const q = readQuery(c.req.url, FOLLOWUP_PARAMS);
    const opts = followupOptions(q, ctx.timeZone);
    const page = pageFollowups(db, opts);
    return c.json({ total: page.total, limit: opts.limit, offset: opts.offset, followups: page.followups.map(followupJson) });
  });
}

const onlyDoc = (id: string): { docIds: string[] } => ({ docIds: [id] });

export function withFlash(url: string, message: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('flash', message);
  return `${u.pathname}${u.search}`;
}
