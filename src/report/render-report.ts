import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { Db } from '../store/open-store.js';
import type { Quote } from '../insights/theme-quotes.js';
import type { JourneySentiment } from '../insights/journey.js';
import { escapeHtml as e } from './escape-html.js';
import { withoutMinusZero } from './signed-zero.js';
import { collectReportData, type ReportData, type ReportOptions } from './report-data.js';
import { sparklineSvg } from './sparkline.js';
import { UI_STRINGS, type UiStrings } from './ui-strings.js';

/** The stylesheet is data beside the code; it is inlined so the report stays one file. */
export const REPORT_CSS_PATH = path.join(PACKAGE_ROOT, 'src', 'report', 'report.css');

// The page loads nothing: no scripts, fonts, images or styles from anywhere, enforced by the browser.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const pct = (x: number | null, digits = 0) => (x === null ? null : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | null, digits = 1, s?: UiStrings) => (x === null ? (s?.none ?? '—') : withoutMinusZero(x.toFixed(digits).replace(/\.0+$/, '')));
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

function quoteHtml(q: Quote, maxChars = 220): string {
  const chars = [...q.text.replace(/\s+/g, ' ').trim()];
  const text = chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : chars.join('');
  return `<blockquote lang="${e(q.lang === 'other' ? '' : q.lang)}">${e(text)}<span class="src">${e(q.sourceId ?? q.docId)} · ${e(day(q.createdAt))}</span></blockquote>`;
}

function card(label: string, value: string, sub = '', cls = ''): string {
  return `<div class="card${cls ? ` ${cls}` : ''}"><div class="label">${e(label)}</div><div class="value">${e(value)}</div>${sub ? `<div class="sub">${e(sub)}</div>` : ''}</div>`;
}

function summarySection(d: ReportData, s: UiStrings): string {
  const m = d.metrics;
  return `<section id="summary"><h2>${e(s.summary)}</h2><div class="cards">
${card(s.documents, String(d.documents), d.from && d.to ? `${d.from} – ${d.to}` : '')}
${card(s.negativeShare, pct(d.documents === 0 ? null : d.negative / d.documents) ?? s.none, `${d.negative}`)}
${card(s.nps, num(m.nps.nps, 0, s), `${m.nps.responses} ${s.responses}`)}
${card(s.csat, m.csat.csat === null ? s.none : `${num(m.csat.csat, 0)}%`, `${m.csat.responses} ${s.responses}`)}
${card(s.ces, num(m.ces.ces, 2, s), `${m.ces.responses} ${s.responses} · ${s.cesHint}`)}
${card(s.stars, m.stars.stars === null ? s.none : `★ ${num(m.stars.stars, 1)}`, `${m.stars.responses} ${s.responses}`)}
${card(s.activeThemes, String(d.activeThemes))}
${card(s.emergingCount, String(d.emerging.emerging.length), '', d.emerging.emerging.length > 0 ? 'alert' : '')}
${card(s.openFollowups, String(d.followupCounts.open), `${d.followupCounts.done} ${s.handled}`, d.followupCounts.open > 0 ? 'alert' : '')}
</div></section>`;
}

function themesSection(d: ReportData, s: UiStrings): string {
  if (d.themes.length === 0) return `<section id="themes"><h2>${e(s.topThemes)}</h2><p class="muted">${e(s.noData)}</p></section>`;
  const rows = d.themes.map((t) => {
    const first = t.weeks[0] ?? '';
    const last = t.weeks[t.weeks.length - 1] ?? '';
    const spark = sparklineSvg(t.weekly, e, { title: `${t.label}: ${first} – ${last}: ${t.weekly.join(', ')}` });
    const impact = t.impact
      ? `+${num(t.impact.impact, 1)}<div class="muted">${t.impact.unhappy} ${e(s.npsImpactHint)} / ${t.impact.overallResponses}</div>`
      : t.ratings > 0
        ? `<span class="muted">${e(s.tooFewRatings(t.ratings))}</span>`
        : e(s.none);
    const change = `${t.change > 0 ? '+' : t.change < 0 ? '−' : '±'}${num(Math.abs(t.change), 1)}`;
    return `<tr>
<td class="theme-cell"><strong>${e(t.label)}</strong><span class="theme-id">${e(t.id)}</span></td>
<td class="num">${t.documents}<div class="muted">${e(pct(t.share, 1))}</div></td>
<td class="num">${e(change)}<div class="muted">${e(num(t.baselineAverage, 1))}</div></td>
<td>${spark}</td>
<td class="num"><span class="bar"><span style="width:${Math.round(t.shareNegative * 100)}%"></span></span>${e(pct(t.shareNegative))}</td>
<td class="num">${impact}</td>
<td class="quotes">${t.quotes.map((q) => quoteHtml(q)).join('')}</td>
</tr>`;
  });
  const overall = d.metrics.nps.nps;
  const impactList = d.npsImpact.length
    ? `<h3>${e(s.npsDrivers)}</h3><ol class="impact-list">${d.npsImpact
        .map(
          (i) =>
            `<li><strong>${e(i.label)}</strong><span class="theme-id">${e(i.themeId)}</span> <b>+${e(num(i.impact, 1))}</b> <span class="muted">(${i.unhappy} ${e(s.detractors)} / ${i.overallResponses} · NPS ${e(num(overall, 0, s))} → ${e(num(overall === null ? null : overall + i.impact, 0, s))})</span></li>`,
        )
        .join('')}</ol>`
    : '';
  const head = `<thead><tr><th>${e(s.theme)}</th><th class="num">${e(s.volume)}</th><th class="num">${e(s.change)}</th><th>${e(s.trend)}</th><th class="num">${e(s.shareNegative)}</th><th class="num">${e(s.npsImpact)}</th><th>${e(s.quotes)}</th></tr></thead>`;
  const open = rows.slice(0, d.topThemes);
  const rest = rows.slice(d.topThemes);
  return `<section id="themes"><h2>${e(s.topThemes)}</h2><p class="intro">${e(s.topThemesIntro)} ${e(s.impactMinRatings(d.minRatings))}</p>
${impactList}
<table>${head}
<tbody>${open.join('\n')}</tbody></table>${
    rest.length ? `\n<details class="more-themes"><summary>${e(s.moreThemes(rest.length))}</summary><table>${head}<tbody>${rest.join('\n')}</tbody></table></details>` : ''
  }</section>`;
}

function emergingSection(d: ReportData, s: UiStrings): string {
  const r = d.emerging;
  const head = r.window && r.baseline
    ? `<p class="intro">${e(s.emergingIntro)} ${e(s.window)}: ${e(r.window.from)} – ${e(r.window.to)} (${r.window.documents}) · ${e(s.baseline)}: ${e(r.baseline.from)} – ${e(r.baseline.to)} (${r.baseline.documents})</p>`
    : `<p class="intro">${e(s.emergingIntro)}</p>`;
  const weeks = d.emergingTrend.weeks;
  const spark = (id: string) => {
    const counts = d.emergingTrend.counts.get(id) ?? [];
    return sparklineSvg(counts, e, { width: 160, height: 32, title: `${weeks[0] ?? ''} – ${weeks[weeks.length - 1] ?? ''}: ${counts.join(', ')}` });
  };
  const items = r.emerging.map(
    (t) => `<div class="emerging-item"><div class="emerging-spark">${spark(t.themeId)}</div><h3>${e(t.label)}<span class="theme-id">${e(t.themeId)}</span>${t.ratio === null ? `<span class="badge new">${e(s.newBadge)}</span>` : `<span class="badge">×${e(t.ratio.toFixed(1))}</span>`}</h3>
<div class="stats"><span>${e(s.windowCount)} <b>${t.windowCount}</b></span><span>${e(s.baseline)} <b>${t.baselineCount}</b></span><span>${e(s.expected)} <b>${e(t.expected.toFixed(1))}</b></span><span>${e(s.ratio)} <b>${t.ratio === null ? e(s.none) : e(t.ratio.toFixed(2))}</b></span><span>${e(s.pValue)} <b>${e(t.qValue < 0.0001 ? t.qValue.toExponential(1) : t.qValue.toFixed(4))}</b></span><span>${e(s.shareNegative)} <b>${e(pct(t.shareNegative) ?? s.none)}</b></span></div>
${t.quotes.map((q) => quoteHtml(q)).join('')}</div>`,
  );
  const newThemes = r.newThemes.length
    ? r.newThemes
        .map((t) => `<div class="emerging-item"><h3>${e(t.label)}<span class="theme-id">${e(t.themeId)}</span><span class="badge new">${e(s.newBadge)}</span></h3><div class="stats"><span>${e(s.volume)} <b>${t.size}</b></span><span>${e(s.inWindow)} <b>${t.windowCount}</b></span></div>${t.quotes.map((q) => quoteHtml(q)).join('')}</div>`)
        .join('\n')
    : `<p class="muted">${e(s.newThemesNone)}</p>`;
  return `<section id="emerging"><h2>${e(s.emerging)}</h2>${head}
${items.length ? items.join('\n') : `<p class="muted">${e(s.emergingNone)}</p>`}
<h3>${e(s.newThemes)}</h3>${newThemes}
<p class="muted">${e(s.emergingTest(r.options))}</p></section>`;
}

function featureSection(d: ReportData, s: UiStrings): string {
  if (d.featureRequests.length === 0) {
    return `<section id="feature-requests"><h2>${e(s.featureRequests)}</h2><p class="muted">${e(s.featureRequestsNone)}</p></section>`;
  }
  const rows = d.featureRequests.map(
    (f) => `<tr><td class="theme-cell"><strong>${e(f.label)}</strong><span class="theme-id">${e(f.themeId)}</span></td><td class="num">${f.requests}<div class="muted">${e(pct(f.shareRequests))}</div></td><td class="quotes">${f.quotes.map((q) => quoteHtml(q)).join('')}</td></tr>`,
  );
  return `<section id="feature-requests"><h2>${e(s.featureRequests)}</h2><p class="intro">${e(s.featureRequestsIntro)}</p>
<table><thead><tr><th>${e(s.theme)}</th><th class="num">${e(s.requests)}</th><th>${e(s.quotes)}</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

/** A heat-map cell: background opacity follows the share, in the sentiment's colour. */
function heatCell(share: number | null, rgb: string): string {
  if (share === null) return '<td class="cell muted">·</td>';
  const alpha = (0.08 + share * 0.8).toFixed(2);
  const ink = share > 0.55 ? '#fff' : 'inherit';
  return `<td class="cell" style="background:rgba(${rgb},${alpha});color:${ink}">${Math.round(share * 100)}%</td>`;
}

function heatTable(j: JourneySentiment, s: UiStrings, names: Record<string, string>, heading: string): string {
  const rows = j.steps.map((st) => {
    const mot = j.momentOfTruth?.step === st.step ? ' class="mot"' : '';
    return `<tr${mot}><td>${e(names[st.step] ?? st.step)}</td><td class="num">${st.documents}</td>${heatCell(st.sharePositive, '30,138,90')}${heatCell(st.shareNeutral, '138,148,166')}${heatCell(st.shareNegative, '192,57,43')}<td class="num">${e(num(st.meanSentiment, 2, s))}</td></tr>`;
  });
  return `<table class="heat"><thead><tr><th>${e(heading)}</th><th class="num">${e(s.volume)}</th><th>${e(s.positive)}</th><th>${e(s.neutral)}</th><th>${e(s.negative)}</th><th class="num">${e(s.meanSentiment)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function journeySection(d: ReportData, s: UiStrings): string {
  const mot = d.stages.momentOfTruth;
  const motLine = mot
    ? `<p class="mot-line"><strong>${e(s.momentOfTruth)}:</strong> ${e(s.stages[mot.step] ?? mot.step)} — ${e(s.meanSentiment)} ${e(num(mot.meanSentiment, 2, s))}, ${e(s.negative)} ${e(pct(mot.shareNegative))} (${mot.documents})</p>`
    : `<p class="mot-line"><strong>${e(s.momentOfTruth)}:</strong> ${e(s.momentOfTruthNone)}</p>`;
  return `<section id="journey"><h2>${e(s.journey)}</h2><p class="intro">${e(s.journeyIntro)}</p>
<div class="two-col"><div>${heatTable(d.stages, s, s.stages, s.stage)}</div><div>${heatTable(d.touchpoints, s, s.touchpoints, s.touchpoint)}</div></div>
${motLine}<p class="muted">${e(s.untagged)}: ${d.stages.untagged}</p></section>`;
}

function followupsSection(d: ReportData, s: UiStrings): string {
  const head = `<section id="followups"><h2>${e(s.followups)} <span class="badge">${d.followupCounts.open}</span></h2><p class="intro">${e(s.followupsIntro)}</p>`;
  if (d.followups.length === 0) return `${head}<p class="muted">${e(s.followupsNone)}</p></section>`;
  const rows = d.followups.map(
    (f) => `<tr><td class="nowrap">${e(f.sourceId ?? f.docId)}</td><td class="num">${f.ageDays === null ? e(s.none) : `${f.ageDays}${e(s.days)}`}</td><td>${e(f.reasons.map((r) => s.reasonNames[r] ?? r).join(' · '))}</td><td>${e(f.themeLabel ?? s.none)}</td><td>${quoteHtml({ docId: f.docId, sourceId: f.sourceId, createdAt: f.createdAt, lang: '', sentiment: null, kind: null, text: f.text }, 160)}</td></tr>`,
  );
  return `${head}<table><thead><tr><th>${e(s.sourceId)}</th><th class="num">${e(s.age)}</th><th>${e(s.reasons)}</th><th>${e(s.theme)}</th><th>${e(s.quotes)}</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>
<p class="muted">${d.followupCounts.open} · ${d.followupCounts.done} ${e(s.handled)}</p></section>`;
}

/** The report page for data already collected (pure: same data, same page). */
export function renderReportHtml(d: ReportData, css = fs.readFileSync(REPORT_CSS_PATH, 'utf8')): string {
  const s = UI_STRINGS[d.lang];
  const title = d.title ?? s.title;
  const earlier = d.dataFrom ? ` · ${s.earlierData.replace('{day}', d.dataFrom)}` : '';
  const period = d.from && d.to ? `${s.period}: ${d.from} – ${d.to}${earlier}` : s.noData;
  return `<!doctype html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>
${css}
</style>
</head>
<body>
<main>
<header class="report-head"><h1>${e(title)}</h1><div class="meta">${e(period)} · ${e(s.generated)} ${e(d.generatedAt.slice(0, 16).replace('T', ' '))} UTC</div></header>
${summarySection(d, s)}
${themesSection(d, s)}
${emergingSection(d, s)}
${featureSection(d, s)}
${journeySection(d, s)}
${followupsSection(d, s)}
<section id="method" class="method"><h2>${e(s.method)}</h2>${s.methodText.map((p) => `<p>${e(p)}</p>`).join('')}</section>
<footer>koe (声)</footer>
</main>
</body>
</html>
`;
}

/** One self-contained HTML report of a koe database (no network, inline CSS and SVG, every text escaped). */
export function renderReport(db: Db, options: ReportOptions = {}): string {
  return renderReportHtml(collectReportData(db, options));
}
