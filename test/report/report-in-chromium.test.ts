// Opens the report in real headless Chromium (Debian's, driven by playwright-core): the sections are there,
// nothing is logged to the console, nothing is fetched, and a screenshot is saved for a person to look at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { renderReport } from '../../src/report/render-report.js';
import { buildReportFixture } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

describe('the report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh (installs Debian's chromium) and try again`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-report-'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(['ja', 'en'] as const)('renders the %s report with no console errors and takes a screenshot', async (lang) => {
    const f = buildReportFixture();
    const file = path.join(dir, `report-${lang}.html`);
    fs.writeFileSync(file, renderReport(f.db, { lang, generatedAt: '2026-04-01T09:00:00.000Z' }));
    f.close();

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    for (const id of ['summary', 'themes', 'emerging', 'feature-requests', 'journey', 'followups']) {
      expect(await page.locator(`section#${id} h2`).count(), id).toBe(1);
    }
    expect(await page.locator('#themes svg.spark').count()).toBe(4);
    expect(await page.locator('#emerging .emerging-item').count()).toBeGreaterThan(0);
    expect(await page.locator('script').count()).toBe(0);
    // The hostile quote is shown as text, not run.
    expect(await page.locator('#feature-requests').innerText()).toContain('<script>alert("x")</script>');
    const heading = await page.locator('#emerging h2').innerText();
    expect(heading).toBe(lang === 'ja' ? '急増中の課題' : 'Emerging issues');
    // Japanese glyphs are laid out with real width (a missing font would still render boxes, but with width).
    const box = await page.locator('h1').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);

    const shot = path.join(dir, `report-${lang}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.KOE_REPORT_SCREENSHOT) fs.copyFileSync(shot, process.env.KOE_REPORT_SCREENSHOT.replace('{lang}', lang));
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
