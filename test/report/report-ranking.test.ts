// The report ranks themes by change in its period, lists every theme (the rest collapsed) and shows an NPS impact
// only when enough NPS responses stand behind it.
import { describe, expect, it } from 'vitest';
import { collectReportData } from '../../src/report/report-data.js';
import { renderReportHtml } from '../../src/report/render-report.js';
import { buildReportFixture } from './report-fixture.js';

describe('report themes', () => {
  it('are ranked by change, all listed, the rest collapsed', () => {
    const f = buildReportFixture();
    const d = collectReportData(f.db, { lang: 'en', topThemes: 1, minRatings: 0, generatedAt: '2026-04-01T09:00:00.000Z' });
    const changes = d.themes.map((t) => t.change);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    const active = f.db.prepare("SELECT count(DISTINCT dt.theme_id) FROM document_themes dt JOIN themes t ON t.id = dt.theme_id WHERE t.status = 'active'").pluck().get();
    expect(d.themes).toHaveLength(active as number);
    const html = renderReportHtml(d);
    expect(html).toContain('<details class="more-themes">');
    expect(html).toContain(`${d.themes.length - 1} more themes`);
    f.close();
  });

  it('drop NPS impact figures behind fewer responses than minRatings, saying how many there were', () => {
    const f = buildReportFixture();
    const low = collectReportData(f.db, { lang: 'en', minRatings: 0, generatedAt: '2026-04-01T09:00:00.000Z' });
    const withImpact = low.themes.filter((t) => t.impact !== null);
    expect(withImpact.length).toBeGreaterThan(0);
    const high = collectReportData(f.db, { lang: 'en', minRatings: 1_000, generatedAt: '2026-04-01T09:00:00.000Z' });
    expect(high.themes.every((t) => t.impact === null)).toBe(true);
    expect(high.npsImpact).toEqual([]);
    const html = renderReportHtml(high);
    expect(html).toContain('at least 1000 NPS responses');
    expect(html).toContain(`${withImpact[0]!.ratings} response(s)`);
    f.close();
  });
});
