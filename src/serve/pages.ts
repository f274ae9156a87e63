// The pages of `koe serve`, rendered on the server from the same library calls as the JSON API. Plain HTML forms
// post to the API routes (with the CSRF field) and come back here; serve.js only adds small comforts.
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { compareThemePeriods, type PeriodComparison, type ThemeComparison } from '../insights/period-comparison.js';
import { countFollowups, pageFollowups, type Followup } from '../insights/followups.js';
import { findEmerging } from '../insights/emerging.js';
import { addDays, periodOf, periodSeries } from '../insights/periods.js';
import { searchTerms, FACETS, type DocumentFilter, type DocumentHit, type DocumentPage, type DocumentPageOptions, type FacetName, type FacetValue } from '../store/document-search.js';
import { getThemeDetail, listThemeSummaries, type ThemeSummary } from '../store/theme-details.js';
import { listCuration } from '../store/theme-repository.js';
import { previewSplit, themesPredateDictionary } from '../pipeline/update-themes.js';
import { sparklineSvg } from '../report/sparkline.js';
import { escapeHtml } from '../report/escape-html.js';
import { withoutMinusZero } from '../report/signed-zero.js';
import { FEEDBACK_KINDS } from '../types.js';
import { checkTimeZone, localDayOf, localDaySql } from '../time-zone.js';
import { html, highlight, raw, type Markup } from './html.js';
import { day, DOCUMENT_PARAMS, documentOptions, FOLLOWUP_PARAMS, followupOptions, int, NotFound, PERIOD_PARAMS, readQuery, str, type Query } from './params.js';
import { SERVE_STRINGS, UI_LANGS, type ServeStrings, type UiLang } from './ui-strings.js';
import type { AppContext } from './app.js';
import { cachedFacets, cachedSearch, cachedThemeDailyCounts } from './read-cache.js';

interface Page {
  c: Context;
  ctx: AppContext;
  lang: UiLang;
  s: ServeStrings;
  q: Query;
  path: string;
}

const PAGE_PARAMS = ['lang', 'flash'] as const;

function pageOf(c: Context, ctx: AppContext, allowed: readonly string[]): Page {
  const q = readQuery(c.req.url, [...allowed, ...PAGE_PARAMS]);
  let lang: UiLang = ctx.options.lang;
  const cookie = getCookie(c, 'koe_lang');
  if (cookie && (UI_LANGS as readonly string[]).includes(cookie)) lang = cookie as UiLang;
  if (q.lang && (UI_LANGS as readonly string[]).includes(q.lang)) {
    lang = q.lang as UiLang;
    setCookie(c, 'koe_lang', lang, { sameSite: 'Strict', path: '/' });
  }
  return { c, ctx, lang, s: SERVE_STRINGS[lang], q, path: new URL(c.req.url).pathname };
}

/** `path` with the query `params`, empty values dropped. */
export function href(path: string, params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') u.set(k, String(v));
  const qs = u.toString();
  return qs ? `${path}?${qs}` : path;
}

const fmt = (lang: UiLang, n: number, digits = 0) =>
  withoutMinusZero(n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const pct = (lang: UiLang, share: number | null) => (share === null ? '—' : `${fmt(lang, share * 100)}%`);
const signed = (lang: UiLang, n: number, digits = 1) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${fmt(lang, Math.abs(n), digits)}`;

function layout(p: Page, title: string, active: string, body: Markup): Response {
  const { s, lang, ctx } = p;
  const other: UiLang = lang === 'ja' ? 'en' : 'ja';
  const current = new URL(p.c.req.url);
  current.searchParams.set('lang', other);
  current.searchParams.delete('flash');
  const flash = p.q.flash;
  const nav = (path: string, label: string, key: string) => html`<a href="${path}" class="${active === key ? 'active' : ''}">${label}</a>`;
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="koe-csrf" content="${ctx.csrfToken}">
<title>${title} · ${s.appName}</title>
<link rel="stylesheet" href="/static/serve.css">
<script src="/static/serve.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">${s.appName}</a>
  <nav>${nav('/', s.thisWeek, 'week')}${nav('/search', s.search, 'search')}${nav('/followups', s.followups, 'followups')}${nav('/curation', s.curationLog, 'curation')}</nav>
  <a class="lang-switch" href="${current.pathname + current.search}" hreflang="${other}">${s.language}</a>
</header>
<main>
${ctx.options.readOnly ? html`<p class="notice">${s.readOnly}</p>` : ''}
${ctx.rebuild.running ? html`<p class="notice" role="status" id="rebuild-running">${s.rebuildRunning(minute(ctx.rebuild.running.startedAt))}</p>` : ''}
${themesPredateDictionary(ctx.db) && !ctx.rebuild.running ? html`<p class="notice">${s.themesPredateDictionary} ${rebuildButton(p)}</p>` : ''}
${flash ? html`<p class="flash ${flash === 'ok' ? 'ok' : 'error'}" role="status">${flash === 'ok' ? s.saved : flash}</p>` : ''}
${body}
</main>
</body>
</html>`;
  return p.c.html(page.value);
}

const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** The button that starts a theme rebuild (none in read-only mode or while one runs). */
function rebuildButton(p: Page): Markup | '' {
  if (p.ctx.options.readOnly || p.ctx.rebuild.running) return '';
  return html`<form method="post" action="/api/themes/rebuild" class="inline rebuild">${csrf(p)}<button type="submit">${p.s.rebuildThemes}</button></form>`;
}

const csrf = (p: Page) => html`<input type="hidden" name="_csrf" value="${p.ctx.csrfToken}"><input type="hidden" name="_back" value="${backOf(p)}">`;
function backOf(p: Page): string {
  const u = new URL(p.c.req.url);
  u.searchParams.delete('flash');
  return u.pathname + u.search;
}

const sentimentBadge = (p: Page, sentiment: string | null) => (sentiment ? html`<span class="badge s-${sentiment}">${p.s.sentiments[sentiment] ?? sentiment}</span>` : '');

// --- This week ---

function periodBar(p: Page, cmp: { since: string; until: string; days: number }, path: string, extra: Record<string, string | null> = {}): Markup {
  const { s } = p;
  const tz = p.q.tz ?? null;
  const prev = { since: addDays(cmp.since, -cmp.days), until: addDays(cmp.until, -cmp.days) };
  const next = { since: addDays(cmp.since, cmp.days), until: addDays(cmp.until, cmp.days) };
  return html`<form class="period" method="get" action="${path}">
  <label>${s.since} <input type="date" name="since" value="${cmp.since}"></label>
  <label>${s.until} <input type="date" name="until" value="${cmp.until}"></label>
  ${Object.entries(extra).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}">` : ''))}
  ${tz ? html`<input type="hidden" name="tz" value="${tz}">` : ''}
  <button type="submit">${s.apply}</button>
  <a href="${href(path, { ...extra, ...prev, tz })}">${s.previous}</a>
  <a href="${href(path, { ...extra, ...next, tz })}">${s.next}</a>
  <a href="${href(path, { ...extra, tz, since: addDays(cmp.until, -6), until: cmp.until })}">${s.last7}</a>
  <a href="${href(path, { ...extra, tz, since: addDays(cmp.until, -29), until: cmp.until })}">${s.last30}</a>
  <span class="muted">${s.timeZone}: ${p.ctx.timeZone === 'UTC' && !tz ? 'UTC' : (tz ?? p.ctx.timeZone)}</span>
</form>`;
}

/** A small bar of a share (an SVG: the page's CSP allows no inline style). */
const negBar = (share: number): Markup =>
  raw(`<svg class="bar" width="44" height="7" viewBox="0 0 44 7" aria-hidden="true"><rect width="44" height="7" rx="3" class="bar-bg"/><rect width="${(44 * Math.max(0, Math.min(1, share))).toFixed(1)}" height="7" rx="3" class="bar-fg"/></svg>`);

function impactCell(p: Page, t: ThemeComparison, metric: 'nps' | 'csat', period: { since: string; until: string }, tz: string | null): Markup {
  const m = t[metric];
  const { s, lang } = p;
  if (m.responses === 0) return html`<td class="num muted">—</td>`;
  const unhappyLink = href(`/themes/${t.themeId}`, { ...period, tz, rating: metric === 'nps' ? 'nps:0-6' : 'csat:1-3' });
  const allLink = href(`/themes/${t.themeId}`, { ...period, tz, rating: metric === 'nps' ? 'nps:0-10' : 'csat:1-5' });
  if (m.impact === null) {
    return html`<td class="num"><a class="too-few" href="${allLink}" title="${s.tooFewRatings(m.responses)}">${s.tooFewRatings(m.responses)}</a></td>`;
  }
  return html`<td class="num"><b>${signed(lang, m.impact)}</b><div class="sub"><a href="${unhappyLink}">${fmt(lang, m.unhappy)} ${metric === 'nps' ? s.detractors : s.unsatisfied}</a> / <a href="${allLink}">${fmt(lang, m.responses)}</a></div></td>`;
}

function themeRows(p: Page, cmp: PeriodComparison, themes: readonly ThemeComparison[]): Markup {
  const { s, lang } = p;
  const tz = p.q.tz ?? null;
  const period = { since: cmp.period.since, until: cmp.period.until };
  const baseline = { since: cmp.baseline.since, until: cmp.baseline.until };
  return html`${themes.map((t) => {
    const changeClass = t.change > 0.5 ? 'up' : t.change < -0.5 ? 'down' : '';
    const spark = raw(
      sparklineSvg(t.series, escapeHtml, {
        width: 110,
        height: 26,
        title: cmp.seriesStarts.map((d, i) => `${d}: ${t.series[i]}`).join(', '),
      }),
    );
    return html`<tr data-theme="${t.themeId}">
  <td class="theme-cell"><a class="theme-link" href="${href(`/themes/${t.themeId}`, { ...period, tz })}">${t.label}</a><span class="theme-id">${t.themeId}</span>${t.isNew ? html`<span class="badge new">${s.newBadge}</span>` : ''}${t.status === 'ignored' ? html`<span class="badge">${s.ignoredBadge}</span>` : ''}</td>
  <td class="num"><a class="count-now" href="${href(`/themes/${t.themeId}`, { ...period, tz })}">${fmt(lang, t.count)}</a></td>
  <td class="num"><a href="${href(`/themes/${t.themeId}`, { ...baseline, tz })}" title="${fmt(lang, t.baselineCount)} / ${cmp.baseline.periods}">${fmt(lang, t.baselineAverage, 1)}</a></td>
  <td class="num change ${changeClass}">${signed(lang, t.change)}${t.changeRatio !== null ? html`<div class="sub">${signed(lang, t.changeRatio * 100, 0)}%</div>` : ''}</td>
  <td class="num">${t.shareNegative === null ? '—' : html`${negBar(t.shareNegative ?? 0)}<a href="${href(`/themes/${t.themeId}`, { ...period, tz, sentiment: 'negative' })}">${pct(lang, t.shareNegative)}</a><div class="sub">${fmt(lang, t.negative)} / ${fmt(lang, t.count)}</div>`}</td>
  ${impactCell(p, t, 'nps', period, tz)}
  ${impactCell(p, t, 'csat', period, tz)}
  <td>${spark}</td>
</tr>`;
  })}`;
}

/**
 * What This week reads, through the read cache: the period's comparison with each theme's baseline, emerging issues
 * and follow-up counts. When a week holds 20,000 of a million documents these take seconds (compareThemePeriods
 * 1.5 s, findEmerging 2.8 s); kept, a page visited again is answered at once, and koe serve reads the default week
 * ahead when it starts (prefetchThisWeek).
 */
export function thisWeekReads(
  ctx: AppContext,
  asked: { since: string | null; until: string | null; timeZone: string; baselinePeriods: number },
): { cmp: PeriodComparison; emerging: ReturnType<typeof findEmerging>; followups: ReturnType<typeof countFollowups> } {
  return ctx.reads.get(`this-week ${JSON.stringify(asked)}`, () => {
    const cmp = compareThemePeriods(ctx.db, { ...asked, minRatings: ctx.options.minRatings });
    const emerging = findEmerging(ctx.db, { asOf: cmp.period.until, windowDays: cmp.period.days, timeZone: cmp.timeZone });
    const followups = countFollowups(ctx.db, { since: cmp.period.since, until: cmp.period.until, timeZone: cmp.timeZone });
    return { cmp, emerging, followups };
  });
}

/** Reads the default This week (the page's `/` with no parameters) ahead, as the server starts. */
export function prefetchThisWeek(ctx: AppContext): void {
  ctx.reads.prefetch([() => thisWeekReads(ctx, { since: null, until: null, timeZone: ctx.timeZone, baselinePeriods: 4 })]);
}

function thisWeek(p: Page): Response {
  const { s, lang, ctx } = p;
  const tz = str(p.q, 'tz') ?? ctx.timeZone;
  const { cmp, emerging, followups } = thisWeekReads(ctx, { since: day(p.q, 'since'), until: day(p.q, 'until'), timeZone: tz, baselinePeriods: int(p.q, 'baseline', 1, 52, 4) });
  const period = { since: cmp.period.since, until: cmp.period.until, tz: p.q.tz ?? null };
  const baselineAvg = cmp.baseline.documents / cmp.baseline.periods;
  const shown = cmp.themes.filter((t) => t.count > 0 || t.baselineCount > 0);
  const top = shown.slice(0, 15);
  const rest = shown.slice(15);
  // While the lead reads the week, the pages its theme links open are read ahead, in the order listed.
  const linkQuery: Query = { since: cmp.period.since, until: cmp.period.until, ...(p.q.tz ? { tz: p.q.tz } : {}) };
  ctx.reads.prefetch(top.flatMap((t) => themePageReads(ctx, t.themeId, { ...documentOptions(linkQuery, ctx.timeZone), themeId: t.themeId })));
  const head = html`<thead><tr><th>${s.theme}</th><th class="num">${s.now}</th><th class="num">${s.before}</th><th class="num">${s.change}</th><th class="num">${s.shareNegative}</th><th class="num">${s.npsImpact}</th><th class="num">${s.csatImpact}</th><th>${s.trend}</th></tr></thead>`;
  const body = html`<h1>${s.thisWeek} <span class="muted h1-sub">${cmp.period.since} – ${cmp.period.until}</span></h1>
${periodBar(p, cmp.period, '/')}
<p class="muted">${s.baseline(cmp.baseline.periods, cmp.baseline.since, cmp.baseline.until)}</p>
<section class="cards" id="summary">
  <a class="card" href="${href('/search', period)}"><span class="label">${s.documents}</span><span class="value">${fmt(lang, cmp.period.documents)}</span><span class="sub">${s.before} ${fmt(lang, baselineAvg, 1)} (${signed(lang, cmp.period.documents - baselineAvg)})</span></a>
  <a class="card" href="${href('/search', { ...period, sentiment: 'negative' })}"><span class="label">${s.shareNegative}</span><span class="value">${pct(lang, cmp.period.documents ? cmp.period.negative / cmp.period.documents : null)}</span><span class="sub">${fmt(lang, cmp.period.negative)} / ${fmt(lang, cmp.period.documents)}</span></a>
  <a class="card" href="${href('/search', { ...period, rating: 'nps:0-10' })}"><span class="label">${s.nps}</span><span class="value">${cmp.overall.nps === null ? '—' : signed(lang, cmp.overall.nps, 0)}</span><span class="sub">${fmt(lang, cmp.overall.npsResponses)} ${s.responses}</span></a>
  <a class="card" href="${href('/search', { ...period, rating: 'csat:1-5' })}"><span class="label">${s.csat}</span><span class="value">${cmp.overall.csat === null ? '—' : `${fmt(lang, cmp.overall.csat)}%`}</span><span class="sub">${fmt(lang, cmp.overall.csatResponses)} ${s.responses}</span></a>
  <a class="card ${followups.open > 0 ? 'alert' : ''}" href="${href('/followups', { since: period.since, until: period.until, tz: period.tz })}"><span class="label">${s.openFollowups}</span><span class="value">${fmt(lang, followups.open)}</span><span class="sub">${s.done} ${fmt(lang, followups.done)}</span></a>
  <a class="card" href="${href('/search', { ...period, theme: '(none)' })}"><span class="label">${s.unthemed}</span><span class="value">${fmt(lang, cmp.unthemed)}</span><span class="sub">${pct(lang, cmp.period.documents ? cmp.unthemed / cmp.period.documents : null)}</span></a>
</section>
<section id="themes">
  <h2>${s.themesByChange}</h2>
  <p class="intro">${s.themesByChangeIntro(cmp.minRatings)}</p>
  ${shown.length === 0 ? html`<p class="muted">${s.noThemes}</p>` : html`<table class="themes">${head}<tbody>${themeRows(p, cmp, top)}</tbody></table>
  ${rest.length ? html`<details class="more-themes"><summary>${s.moreThemes(rest.length)}</summary><table class="themes">${head}<tbody>${themeRows(p, cmp, rest)}</tbody></table></details>` : ''}`}
</section>
<section id="emerging">
  <h2>${s.emerging}</h2>
  ${emerging.emerging.length === 0 ? html`<p class="muted">${s.emergingNone}</p>` : html`<ul class="plain">${emerging.emerging.map((e) => html`<li><a href="${href(`/themes/${e.themeId}`, period)}">${e.label}</a> <span class="theme-id">${e.themeId}</span> — <a href="${href(`/themes/${e.themeId}`, period)}">${fmt(lang, e.windowCount)}</a> (${fmt(lang, e.expected, 1)} → ×${e.ratio === null ? '∞' : fmt(lang, e.ratio, 1)}, q=${e.qValue.toPrecision(2)})</li>`)}</ul>`}
  <h3>${s.newThemes}</h3>
  ${emerging.newThemes.length === 0 ? html`<p class="muted">${s.newThemesNone}</p>` : html`<ul class="plain">${emerging.newThemes.map((n) => html`<li><a href="${href(`/themes/${n.themeId}`, period)}">${n.label}</a> <span class="theme-id">${n.themeId}</span> — ${fmt(lang, n.size)}</li>`)}</ul>`}
</section>`;
  return layout(p, `${s.thisWeek} ${cmp.period.since} – ${cmp.period.until}`, 'week', body);
}

// --- documents with facets and search (theme page and search page) ---

function facetLabel(p: Page, facet: FacetName, value: string): string {
  if (value === '(none)') return p.s.none;
  if (facet === 'sentiment') return p.s.sentiments[value] ?? value;
  if (facet === 'kind') return p.s.kinds[value] ?? value;
  if (facet === 'lang') return p.s.langs[value] ?? value;
  if (facet === 'rating') return value.replace(':', ' ');
  return value;
}

/** The query of a facet value: for the period facet a month becomes since/until. */
function facetParams(facet: FacetName, value: string): Record<string, string> {
  if (facet === 'period') {
    const [y, m] = value.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return { since: `${value}-01`, until: last };
  }
  if (facet === 'rating') return { rating: value };
  return { [facet]: value };
}

/** Whether a document filter narrows by more than its theme and period (words, facets, follow-ups). */
function narrowsBeyondPeriod(f: DocumentFilter): boolean {
  return searchTerms(f.q).length > 0 || Boolean(f.channel || f.product || f.lang || f.kind || f.sentiment || f.stage || f.rating || f.followup);
}

function documentsSection(
  p: Page,
  basePath: string,
  opts: DocumentPageOptions,
  themes: readonly ThemeSummary[],
  searchLabel: string,
  page: DocumentPage = cachedSearch(p.ctx, opts),
  facets: Record<FacetName, FacetValue[]> = cachedFacets(p.ctx, opts, FACETS, { limit: 12 }),
): Markup {
  const { s, lang, ctx } = p;
  const current: Record<string, string | null> = Object.fromEntries(DOCUMENT_PARAMS.filter((k) => k !== 'limit' && k !== 'offset').map((k) => [k, p.q[k] ?? null]));
  if (basePath === '/search') current.theme = p.q.theme ?? null;
  const active = Object.entries(current).filter(([k, v]) => v && k !== 'q' && k !== 'sort' && k !== 'tz');
  const terms = page.terms;
  const short = terms.some((t) => [...t].length < 3);
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.documents.length;
  const facetBox = (facet: FacetName, values: FacetValue[]) => {
    if (values.length === 0) return '';
    const selected = facet === 'period' ? null : (current[facet === 'rating' ? 'rating' : facet] ?? null);
    return html`<div class="facet" data-facet="${facet}"><h4>${s.facetNames[facet]}</h4><ul>${values.map((v) => {
      const isOn = facet === 'period' ? current.since === `${v.value}-01` : selected === v.value;
      const link = href(basePath, { ...current, ...(isOn ? (facet === 'period' ? { since: null, until: null } : { [facet]: null }) : facetParams(facet, v.value)) });
      return html`<li class="${isOn ? 'on' : ''}"><a href="${link}" data-value="${v.value}">${facetLabel(p, facet, v.value)}</a> <span class="count">${fmt(lang, v.count)}</span></li>`;
    })}</ul></div>`;
  };
  const moveForm = (d: DocumentHit) =>
    ctx.options.readOnly
      ? ''
      : html`<form class="move" method="post" action="/api/documents/${encodeURIComponent(d.id)}/move">${csrf(p)}<label>${s.moveTo} <select name="theme">${themes
          .filter((t) => t.status === 'active')
          .map((t) => html`<option value="${t.id}" ${t.id === d.themeId ? raw('selected') : ''}>${t.id} ${t.label}</option>`)}</select></label><button type="submit">${s.move}</button></form>`;
  return html`<form class="search" method="get" action="${basePath}">
  <input type="search" name="q" value="${opts.q ?? ''}" placeholder="${s.searchPlaceholder}" aria-label="${searchLabel}">
  ${Object.entries(current).filter(([k, v]) => v && k !== 'q' && k !== 'sort').map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
  <select name="sort" aria-label="sort">${(['relevance', 'newest', 'oldest'] as const).map((o) => html`<option value="${o}" ${(opts.sort ?? 'relevance') === o ? raw('selected') : ''}>${o === 'relevance' ? s.sortRelevance : o === 'newest' ? s.sortNewest : s.sortOldest}</option>`)}</select>
  <button type="submit">${s.search}</button>
</form>
${active.length ? html`<p class="chips">${s.filters}: ${active.map(([k, v]) => html`<a class="chip" href="${href(basePath, { ...current, [k]: null, ...(k === 'since' || k === 'until' ? { since: null, until: null } : {}) })}">${k === 'theme' ? s.theme : (s.facetNames[k] ?? (k === 'since' ? s.since : k === 'until' ? s.until : k))}: ${k === 'sentiment' || k === 'kind' || k === 'lang' ? facetLabel(p, k as FacetName, v!) : v} ×</a>`)} <a href="${href(basePath, { q: current.q })}">${s.clearFilters}</a></p>` : ''}
<div class="docs-layout">
  <aside class="facets">${FACETS.map((f) => facetBox(f, facets[f]))}</aside>
  <div class="docs">
    <p class="result-count">${page.total === 0 ? s.noResults : s.results(page.total, from, to)}${short ? html` <span class="muted">${s.shortQuery}</span>` : ''}</p>
    <ol class="documents">${page.documents.map((d) => html`<li class="doc" data-doc="${d.id}">
      <div class="doc-meta"><span>${d.createdAt ? localDayOf(d.createdAt, checkTimeZone(opts.timeZone)) : '—'}</span>${d.channel ? html`<span>${d.channel}</span>` : ''}<span>${s.langs[d.lang] ?? d.lang}</span>${sentimentBadge(p, d.sentiment)}${d.kind ? html`<span class="kind">${s.kinds[d.kind] ?? d.kind}</span>` : ''}${d.rating !== null ? html`<span class="rating">${d.ratingScale} ${d.rating}</span>` : ''}${basePath === '/search' && d.themeId ? html`<a href="/themes/${d.themeId}">${d.themeLabel}</a>` : ''}<span class="doc-id">${d.id}</span></div>
      <p class="doc-text" lang="${d.lang === 'ja' ? 'ja' : 'en'}">${highlight(d.text, terms)}</p>
      ${moveForm(d)}
    </li>`)}</ol>
    <nav class="pager">${page.offset > 0 ? html`<a rel="prev" href="${href(basePath, { ...current, offset: Math.max(0, page.offset - page.limit), limit: p.q.limit })}">←</a>` : ''}${to < page.total ? html`<a rel="next" href="${href(basePath, { ...current, offset: page.offset + page.limit, limit: p.q.limit })}">→</a>` : ''}</nav>
  </div>
</div>`;
}

/** The last `weeks` ISO weeks of a day series (every week listed, empty ones 0). */
export function weeklySeries(days: readonly { day: string; n: number }[], weeks: number): { period: string; documents: number }[] {
  if (days.length === 0) return [];
  const series = periodSeries(days[0]!.day, days.at(-1)!.day, 'week').slice(-weeks);
  const counts = new Map(series.map((w) => [w, 0]));
  for (const d of days) {
    const w = periodOf(d.day, 'week');
    if (counts.has(w)) counts.set(w, counts.get(w)! + d.n);
  }
  return series.map((period) => ({ period, documents: counts.get(period)! }));
}

/**
 * What a theme page reads besides the theme itself, through the read cache: its weekly trend, its first page of
 * documents and their facets, one read each (This week prefetches them for the themes it lists, one at a time).
 */
function themePageReads(ctx: AppContext, id: string, opts: DocumentPageOptions) {
  return [
    () => weeklySeries(cachedThemeDailyCounts(ctx, id, localDaySql(ctx.db, 'd.created_at', opts.timeZone)), 26),
    () => cachedSearch(ctx, opts),
    () => cachedFacets(ctx, opts, FACETS, { limit: 12 }),
  ] as const;
}

function themePage(p: Page, id: string): Response {
  const { s, lang, ctx } = p;
  const detail = getThemeDetail(ctx.db, id);
  if (!detail) throw new NotFound(`no theme ${id}`);
  const opts: DocumentPageOptions = { ...documentOptions(p.q, ctx.timeZone), themeId: id };
  const themes = listThemeSummaries(ctx.db, { live: true });
  const [readWeekly, readPage, readFacets] = themePageReads(ctx, id, opts);
  const [weekly, page, facets] = [readWeekly(), readPage(), readFacets()];
  const spark = raw(sparklineSvg(weekly.map((x) => x.documents), escapeHtml, { width: 320, height: 48, title: weekly.map((x) => `${x.period}: ${x.documents}`).join(', ') }));
  // The theme's count in the period: the page's own total when nothing else narrows it (the link from This week).
  const inPeriod = opts.since || opts.until ? (narrowsBeyondPeriod(opts) ? cachedSearch(ctx, { themeId: id, since: opts.since ?? null, until: opts.until ?? null, timeZone: opts.timeZone ?? null, limit: 1 }).total : page.total) : null;
  const list = (items: readonly (ThemeSummary & { similarity?: number })[]) =>
    html`<ul class="plain">${items.map((t) => html`<li><a href="/themes/${t.id}">${t.label}</a> <span class="theme-id">${t.id}</span> <span class="muted">${fmt(lang, t.size)}${t.similarity !== undefined ? ` · ${fmt(lang, t.similarity, 2)}` : ''}</span></li>`)}</ul>`;
  const curation = ctx.options.readOnly
    ? ''
    : html`<details class="curate" ${p.q.flash && p.q.flash !== 'ok' ? raw('open') : ''}><summary>${s.curate}</summary>
  <form method="post" action="/api/themes/${id}/rename" class="inline">${csrf(p)}<label>${s.rename} <input name="label" value="${detail.label}" required maxlength="200"></label><button type="submit">${s.rename}</button></form>
  <form method="post" action="/api/themes/${id}/${detail.labelPinned ? 'unpin' : 'pin'}" class="inline">${csrf(p)}<button type="submit">${detail.labelPinned ? s.unpin : s.pin}</button></form>
  <form method="post" action="/api/themes/${id}/${detail.status === 'ignored' ? 'unignore' : 'ignore'}" class="inline">${csrf(p)}<button type="submit">${detail.status === 'ignored' ? s.unignore : s.ignore}</button></form>
  <form method="post" action="/api/themes/${id}/merge" class="inline">${csrf(p)}<label>${s.mergeInto} <select name="into">${themes.filter((t) => t.id !== id && t.status === 'active').map((t) => html`<option value="${t.id}">${t.id} ${t.label}</option>`)}</select></label><button type="submit">${s.merge}</button></form>
  <a class="button" href="/themes/${id}/split">${s.splitPreview}</a>
  <form method="post" action="/api/curation/undo" class="inline">${csrf(p)}<button type="submit">${s.undoLast}</button></form>
</details>`;
  const body = html`<p class="crumbs"><a href="${href('/', { since: opts.since, until: opts.until, tz: p.q.tz })}">${s.thisWeek}</a> › ${detail.id}</p>
<h1 class="theme-title">${detail.label} <span class="theme-id">${detail.id}</span>${detail.status !== 'active' ? html`<span class="badge">${detail.status === 'ignored' ? s.ignoredBadge : detail.status}</span>` : ''}</h1>
<div class="theme-head">
  <div class="stats"><span>${s.size} <b><a href="/themes/${id}">${fmt(lang, detail.size)}</a></b></span>${inPeriod !== null ? html`<span>${s.period} <b>${fmt(lang, inPeriod)}</b></span>` : ''}<span>${s.shareNegative} <b><a href="${href(`/themes/${id}`, { sentiment: 'negative' })}">${pct(lang, detail.shareNegative)}</a></b></span>${detail.category ? html`<span>${detail.category.label}</span>` : ''}</div>
  <div class="trend">${spark}<div class="sub muted">${weekly[0]?.period ?? ''} – ${weekly.at(-1)?.period ?? ''}</div></div>
</div>
${detail.terms.length ? html`<p class="terms">${s.terms}: ${detail.terms.slice(0, 12).map((t) => html`<a class="term" href="${href(`/themes/${id}`, { q: t })}">${t}</a>`)}</p>` : ''}
${curation}
<div class="theme-layout">
  <div class="theme-main">${documentsSection(p, `/themes/${id}`, opts, themes, s.searchIn(detail.label), page, facets)}</div>
  <aside class="theme-side">
    ${detail.splitInto.length ? html`<h3>${s.subThemes}</h3>${list(detail.splitInto)}` : ''}
    ${detail.splitFrom ? html`<h3>${s.splitFrom}</h3>${list([detail.splitFrom])}` : ''}
    ${detail.mergedFrom.length ? html`<h3>${s.mergedFrom}</h3>${list(detail.mergedFrom)}` : ''}
    <h3>${s.relatedThemes}</h3>${list(detail.related)}
    ${detail.sameCategory.length ? html`<h3>${s.sameCategory}</h3>${list(detail.sameCategory.slice(0, 8))}` : ''}
  </aside>
</div>`;
  return layout(p, detail.label, 'theme', body);
}

function splitPage(p: Page, id: string): Response {
  const { s, lang, ctx } = p;
  const detail = getThemeDetail(ctx.db, id);
  if (!detail) throw new NotFound(`no theme ${id}`);
  const preview = previewSplit(ctx.db, id, ctx.options.themeConfig);
  const quotes = ctx.db.prepare('SELECT id, text FROM documents WHERE id = ?');
  const body = html`<p class="crumbs"><a href="/themes/${id}">${detail.label}</a> › ${s.split}</p>
<h1>${s.splitPreview}: ${detail.label} <span class="theme-id">${id}</span></h1>
<p class="intro">${s.splitPreviewIntro}</p>
<div class="split-preview">${preview.children.map((ch) => html`<section class="child"><h3>${ch.label} <span class="muted">${fmt(lang, ch.size)} · ${s.shareNegative} ${pct(lang, ch.shareNegative)}</span></h3>${ch.quotes.slice(0, 3).map((qid) => {
    const row = quotes.get(qid) as { id: string; text: string } | undefined;
    return row ? html`<blockquote>${row.text}</blockquote>` : '';
  })}</section>`)}</div>
${ctx.options.readOnly ? '' : html`<form method="post" action="/api/themes/${id}/split">${csrf(p)}<input type="hidden" name="_back" value="/themes/${preview.children[0]?.id ?? id}"><button type="submit" class="primary">${s.splitApply}</button> <a href="/themes/${id}">←</a></form>`}`;
  return layout(p, s.splitPreview, 'theme', body);
}

function searchPage(p: Page): Response {
  const { s, ctx } = p;
  const opts: DocumentPageOptions = { ...documentOptions(p.q, ctx.timeZone), themeId: str(p.q, 'theme') };
  const themes = listThemeSummaries(ctx.db, { live: true });
  const themeLabel = opts.themeId ? (themes.find((t) => t.id === opts.themeId)?.label ?? opts.themeId) : null;
  const body = html`<h1>${s.searchAll}${themeLabel ? html` <span class="muted h1-sub">${themeLabel === '(none)' ? s.unthemed : themeLabel}</span>` : ''}</h1>${documentsSection(p, '/search', opts, themes, s.searchAll)}`;
  return layout(p, s.search, 'search', body);
}

// --- follow-ups ---

function followupsPage(p: Page): Response {
  const { s, ctx } = p;
  const opts = followupOptions(p.q, ctx.timeZone);
  const page = pageFollowups(ctx.db, opts);
  const themes = listThemeSummaries(ctx.db, { live: true });
  const channels = ctx.db.prepare('SELECT DISTINCT channel FROM documents WHERE channel IS NOT NULL ORDER BY channel').pluck().all() as string[];
  const current: Record<string, string | null> = Object.fromEntries(FOLLOWUP_PARAMS.filter((k) => k !== 'offset').map((k) => [k, p.q[k] ?? null]));
  const select = (name: string, label: string, options: readonly [string, string][], fallback: string | null = null) =>
    html`<label>${label} <select name="${name}">${fallback === null ? html`<option value="">${s.all}</option>` : ''}${options.map(([v, l]) => html`<option value="${v}" ${(current[name] ?? fallback) === v ? raw('selected') : ''}>${l}</option>`)}</select></label>`;
  const item = (f: Followup) => html`<li class="followup sev-${f.severity}" data-doc="${f.docId}">
  <div class="doc-meta"><span class="badge sev">${s.severity} ${f.severity}</span>${f.reasons.map((r) => html`<span class="reason">${s.reasons[r] ?? r}</span>`)}<span>${f.createdAt ? localDayOf(f.createdAt, checkTimeZone(opts.timeZone)) : '—'}</span>${f.ageDays !== null ? html`<span>${s.age(f.ageDays)}</span>` : ''}${f.channel ? html`<span>${f.channel}</span>` : ''}${f.rating !== null ? html`<span class="rating">${f.ratingScale} ${f.rating}</span>` : ''}${f.themeId ? html`<a href="/themes/${f.themeId}">${f.themeLabel}</a>` : ''}<span class="doc-id">${f.sourceId ?? f.docId}</span>${f.status === 'done' ? html`<span class="badge done">${s.done}</span>` : ''}</div>
  <p class="doc-text">${f.text}</p>
  ${ctx.options.readOnly
    ? f.note || f.assignee
      ? html`<p class="note">${f.assignee ? `${s.assignee}: ${f.assignee}` : ''} ${f.note ?? ''}</p>`
      : ''
    : html`<form method="post" action="/api/followups/${encodeURIComponent(f.docId)}/${f.status === 'done' ? 'reopen' : 'done'}" class="followup-form">${csrf(p)}
    <label>${s.assignee} <input name="assignee" value="${f.assignee ?? ''}" maxlength="200" size="10"></label>
    <label class="grow">${s.note} <input name="note" value="${f.note ?? ''}" maxlength="2000"></label>
    <button type="submit">${f.status === 'done' ? s.reopen : s.markDone}</button></form>`}
</li>`;
  const to = (opts.offset ?? 0) + page.followups.length;
  const body = html`<h1>${s.followups}</h1>
<form class="filters" method="get" action="/followups">
  ${select('status', s.status, [['open', s.open], ['done', s.done], ['all', s.all]], 'open')}
  <label>${s.since} <input type="date" name="since" value="${current.since ?? ''}"></label>
  <label>${s.until} <input type="date" name="until" value="${current.until ?? ''}"></label>
  ${select('channel', s.channel, channels.map((c) => [c, c]))}
  ${select('theme', s.theme, themes.filter((t) => t.status === 'active').map((t) => [t.id, `${t.id} ${t.label}`]))}
  ${select('kind', s.kind, FEEDBACK_KINDS.map((k) => [k, s.kinds[k] ?? k]))}
  ${select('rating', s.rating, [['stars:1-2', '★ 1–2'], ['nps:0-6', 'NPS 0–6'], ['csat:1-2', 'CSAT 1–2']])}
  <label>${s.assignee} <input name="assignee" value="${current.assignee ?? ''}" size="10"></label>
  ${select('sort', '↕', [['severity', s.sortSeverity], ['newest', s.sortNewest], ['oldest', s.sortOldest]], 'severity')}
  ${current.tz ? html`<input type="hidden" name="tz" value="${current.tz}">` : ''}
  <button type="submit">${s.apply}</button>
</form>
<p class="result-count">${page.total === 0 ? s.noFollowups : s.results(page.total, (opts.offset ?? 0) + 1, to)}</p>
<ol class="followups">${page.followups.map(item)}</ol>
<nav class="pager">${(opts.offset ?? 0) > 0 ? html`<a rel="prev" href="${href('/followups', { ...current, offset: Math.max(0, (opts.offset ?? 0) - (opts.limit ?? 50)) })}">←</a>` : ''}${to < page.total ? html`<a rel="next" href="${href('/followups', { ...current, offset: to })}">→</a>` : ''}</nav>`;
  return layout(p, s.followups, 'followups', body);
}

// --- curation log ---

function curationPage(p: Page): Response {
  const { s, ctx } = p;
  const entries = listCuration(ctx.db, { limit: 500 });
  const last = ctx.rebuild.last;
  const outcome = !last ? '' : last.ok ? s.rebuildDone(minute(last.finishedAt), last.themes, last.runId) : s.rebuildFailed(minute(last.finishedAt), last.message);
  const body = html`<h1>${s.curationLog}</h1>
<section class="rebuild"><h2>${s.rebuildThemes}</h2><p class="muted">${s.rebuildExplain}</p>${outcome ? html`<p class="${last?.ok ? 'muted' : 'flash error'}" id="rebuild-outcome">${outcome}</p>` : ''}${rebuildButton(p)}</section>
${entries.length === 0 ? html`<p class="muted">${s.curationNone}</p>` : html`<table class="curation"><thead><tr><th>#</th><th>${s.when}</th><th>${s.action}</th><th>${s.target}</th><th></th></tr></thead><tbody>${entries.map((e) => {
      const a = e.action;
      const detail =
        a.action === 'rename' || a.action === 'pin' ? (a.label ?? '') : a.action === 'merge' ? `${a.from.join(', ')} → ${a.themeId}` : a.action === 'move' ? `${a.docId}: ${a.from ?? '—'} → ${a.themeId}` : a.action === 'split' ? `→ ${(a.into ?? []).join(', ')}` : '';
      return html`<tr class="${e.undoneAt ? 'undone' : ''}"><td>${e.id}</td><td>${e.createdAt.slice(0, 16).replace('T', ' ')}</td><td>${a.action}</td><td><a href="/themes/${a.themeId}">${a.themeId}</a> ${detail}</td><td>${e.undoneAt ? html`<span class="muted">${s.undone}</span>` : ctx.options.readOnly || !e.before ? '' : html`<form method="post" action="/api/curation/undo" class="inline">${csrf(p)}<input type="hidden" name="id" value="${e.id}"><button type="submit">${s.undo}</button></form>`}</td></tr>`;
    })}</tbody></table>`}`;
  return layout(p, s.curationLog, 'curation', body);
}

export function registerPages(app: Hono, ctx: AppContext): void {
  app.get('/', (c) => thisWeek(pageOf(c, ctx, [...PERIOD_PARAMS, 'baseline'])));
  app.get('/themes/:id', (c) => themePage(pageOf(c, ctx, DOCUMENT_PARAMS), c.req.param('id')));
  app.get('/themes/:id/split', (c) => splitPage(pageOf(c, ctx, []), c.req.param('id')));
  app.get('/search', (c) => searchPage(pageOf(c, ctx, [...DOCUMENT_PARAMS, 'theme'])));
  app.get('/followups', (c) => followupsPage(pageOf(c, ctx, FOLLOWUP_PARAMS)));
  app.get('/curation', (c) => curationPage(pageOf(c, ctx, [])));
}
