import { describe, expect, it } from 'vitest';
import { renderReport, renderReportHtml } from '../../src/report/render-report.js';
import { collectReportData } from '../../src/report/report-data.js';
import { escapeHtml } from '../../src/report/escape-html.js';
import { sparklineSvg } from '../../src/report/sparkline.js';
import { createFixture } from '../insights/fixture-db.js';
import { buildReportFixture } from './report-fixture.js';

const GENERATED = '2026-04-01T09:00:00.000Z';

describe('renderReport', () => {
  it('has every section, in Japanese by default', () => {
    const f = buildReportFixture();
    const html = renderReport(f.db, { generatedAt: GENERATED });
    f.close();
    for (const id of ['summary', 'themes', 'emerging', 'feature-requests', 'journey', 'followups', 'method']) {
      expect(html).toContain(`<section id="${id}"`);
    }
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('急増中の課題');
    expect(html).toContain('決済エラー'); // the growing theme is listed as emerging
    expect(html).toMatch(/真実の瞬間[^<]*:<\/strong> 請求・支払い/); // billing is the worst stage
    const section = (id: string) => html.slice(html.indexOf(`<section id="${id}"`)).split('</section>')[0]!;
    expect(section('themes').match(/<svg class="spark"/g)?.length).toBe(4); // one sparkline per active theme
    expect(section('emerging').match(/<svg class="spark"/g)?.length).toBe(1); // and one per emerging issue
    // what drags NPS down: 20 of 92 NPS responses are payment-error detractors → +21.7 points
    expect(section('themes')).toMatch(/<ol class="impact-list"><li><strong>決済エラー<\/strong><span class="theme-id">t4<\/span> <b>\+21\.7<\/b>/);
  });

  it('English UI strings with --lang en', () => {
    const f = buildReportFixture();
    const html = renderReport(f.db, { lang: 'en', generatedAt: GENERATED });
    f.close();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Emerging issues');
    expect(html).toContain('Moment of truth');
  });

  it('escapes every quote and label: no markup from the data gets through', () => {
    const f = buildReportFixture();
    const html = renderReport(f.db, { generatedAt: GENERATED });
    f.close();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; keep it simple.');
    expect(html).toContain('ダークモード / export &lt;b&gt;要望&lt;/b&gt;');
  });

  it('is self-contained: no URL of any kind is loaded', () => {
    const f = buildReportFixture();
    const html = renderReport(f.db, { generatedAt: GENERATED });
    f.close();
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(html).toContain("default-src 'none'");
  });

  it('the same data renders the same page', () => {
    const a = buildReportFixture();
    const b = buildReportFixture();
    expect(renderReport(a.db, { generatedAt: GENERATED })).toBe(renderReport(b.db, { generatedAt: GENERATED }));
    a.close();
    b.close();
  });

  it('feedback older than ten years: the report covers the last ten, and says where the feedback starts', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'delivery delay' }])
      .addDocs([
        { id: 'old', theme: 't1', sentiment: 'negative', text: 'Late again.', createdAt: '2012-05-01' },
        { id: 'recent', theme: 't1', sentiment: 'negative', text: 'Parcel two days late.', createdAt: '2026-11-10' },
        { id: 'today', theme: 't1', sentiment: 'positive', text: 'On time today.', createdAt: '2026-11-15' },
      ]);
    const data = collectReportData(f.db, { generatedAt: GENERATED, lang: 'en' });
    expect([data.from, data.to, data.dataFrom, data.documents]).toEqual(['2016-11-07', '2026-11-15', '2012-05-01', 2]);
    expect(renderReportHtml(data)).toContain('Period: 2016-11-07 – 2026-11-15 · the last ten years (feedback since 2012-05-01)');
    // Asked for, a period is taken as it is, with no such note.
    const asked = collectReportData(f.db, { generatedAt: GENERATED, lang: 'en', since: '2026-11-01', until: '2026-11-15' });
    expect([asked.from, asked.dataFrom, asked.documents]).toEqual(['2026-11-01', null, 2]);
    f.close();
  });

  it('an empty database renders without error, metrics shown as —', () => {
    const f = createFixture();
    const html = renderReport(f.db, { generatedAt: GENERATED, lang: 'en' });
    f.close();
    expect(html).toContain('No feedback in this period.');
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('null');
  });
});

describe('report helpers', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"quoted" & 'single'`, '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['日本語はそのまま', '日本語はそのまま'],
  ])('escapeHtml(%s)', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('sparkline: one point per value, the maximum at the top', () => {
    const svg = sparklineSvg([0, 5, 10], escapeHtml, { width: 100, height: 20, title: '<t>' });
    expect(svg).toContain('points="2.0,18.0 50.0,10.0 98.0,2.0"');
    expect(svg).toContain('<title>&lt;t&gt;</title>');
  });
});
