// koe serve driven as a support lead would, in real headless Chromium (Debian's, through playwright-core), on the
// bundled sample (data/, through the real pipeline): This week → a theme → filter by channel → search in Japanese
// and English → rename and undo → move a document → mark a follow-up done. Each step checks the page and the
// database; the console stays clean; screenshots go to test-output/serve/ for a person to look at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { startServer, type RunningServer } from '../../src/serve/start-server.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const SHOTS = path.join(PACKAGE_ROOT, 'test-output', 'serve');

describe('koe serve in headless Chromium on the sample', () => {
  let browser: Browser;
  let store: Store;
  let server: RunningServer;
  let page: Page;
  let dir: string;
  const problems: string[] = [];
  const offsite: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh and try again`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-serve-'));
    const db = path.join(dir, 'sample.db');
    await runKoe({ db, inputs: [path.join(PACKAGE_ROOT, 'data')], config: { workers: 0 } });
    store = openStore(db);
    server = await startServer({ db: store.db, port: 0, lang: 'ja', timeZone: 'Asia/Tokyo' });
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) offsite.push(r.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const one = <T>(sql: string, ...params: unknown[]) => store.db.prepare(sql).get(...params) as T;

  it('walks through the weekly review', { timeout: 120_000 }, async () => {
    // This week: themes ranked by change, each number a link.
    await page.goto(`${server.url}/`);
    await expect(page.locator('h1').innerText()).resolves.toContain('今週');
    const rows = page.locator('table.themes tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    const changes = await page.locator('section#themes > table.themes tbody td.change').allInnerTexts();
    const numbers = changes.map((t) => Number(t.split('\n')[0]!.replace('−', '-').replace('±', '').replace('+', '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await shot('01-this-week-ja');

    // A theme: documents paged with facets.
    const first = rows.first();
    const themeId = (await first.getAttribute('data-theme'))!;
    const label = await first.locator('a.theme-link').innerText();
    await first.locator('a.theme-link').click();
    await page.waitForURL(new RegExp(`/themes/${themeId}`));
    expect(await page.locator('h1.theme-title').innerText()).toContain(label);
    const inPeriod = await page.locator('li.doc').count();
    expect(inPeriod).toBeGreaterThan(0);
    await shot('02-theme');

    // Filter by channel: click the first channel facet value.
    const channelLink = page.locator('.facet[data-facet="channel"] li a').first();
    const channel = (await channelLink.getAttribute('data-value'))!;
    await channelLink.click();
    await page.waitForURL(/channel=/);
    const metas = await page.locator('li.doc .doc-meta').allInnerTexts();
    expect(metas.length).toBeGreaterThan(0);
    for (const m of metas) expect(m).toContain(channel);
    const url = new URL(page.url());
    const expected = one<{ n: number }>(
      `SELECT count(*) AS n FROM documents d JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
       WHERE dt.theme_id = ? AND d.channel = ? AND d.created_at >= ? AND d.created_at < ?`,
      themeId,
      channel,
      new Date(Date.parse(`${url.searchParams.get('since')}T00:00:00+09:00`)).toISOString(),
      new Date(Date.parse(`${url.searchParams.get('until')}T00:00:00+09:00`) + 86_400_000).toISOString(),
    ).n;
    expect(await page.locator('.result-count').innerText()).toContain(String(expected));
    await shot('03-theme-channel');

    // Search all feedback in Japanese (3+ characters: the trigram index) and in English, with highlights.
    for (const [q, name] of [['ポイント', '04-search-ja'], ['refund', '05-search-en']] as const) {
      await page.goto(`${server.url}/search`);
      await page.locator('form.search input[type=search]').fill(q);
      await page.locator('form.search button[type=submit]').click();
      await page.waitForURL(/q=/);
      const marks = await page.locator('li.doc mark').allInnerTexts();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m.toLowerCase()).toBe(q);
      const total = one<{ n: number }>('SELECT count(*) AS n FROM documents WHERE lower(text) LIKE ?', `%${q}%`).n;
      expect(await page.locator('.result-count').innerText()).toContain(String(total));
      await shot(name);
    }

    // Rename in place, then undo.
    await page.goto(`${server.url}/themes/${themeId}`);
    await page.locator('details.curate summary').click();
    await page.locator('form[action$="/rename"] input[name=label]').fill('ポイントが消える');
    await page.locator('form[action$="/rename"] button').click();
    await page.waitForURL(/flash=ok/);
    expect(await page.locator('h1.theme-title').innerText()).toContain('ポイントが消える');
    expect(one<{ label: string }>('SELECT label FROM themes WHERE id = ?', themeId).label).toBe('ポイントが消える');
    await page.locator('details.curate summary').click();
    await page.locator('form[action="/api/curation/undo"] button').click();
    await page.waitForURL(/flash=ok/);
    expect(await page.locator('h1.theme-title').innerText()).toContain(label);
    expect(one<{ label: string }>('SELECT label FROM themes WHERE id = ?', themeId).label).toBe(label);

    // Move one document to another theme.
    const doc = page.locator('li.doc').first();
    const docId = (await doc.getAttribute('data-doc'))!;
    const options = await doc.locator('form.move select option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    const target = options.find((o) => o !== themeId)!;
    await doc.locator('form.move select').selectOption(target);
    await doc.locator('form.move button').click();
    await page.waitForURL(/flash=ok/);
    expect(one<{ theme_id: string }>('SELECT theme_id FROM document_themes WHERE doc_id = ? AND rank = 0', docId).theme_id).toBe(target);
    expect(await page.locator(`li.doc[data-doc="${docId}"]`).count()).toBe(0);

    // Mark a follow-up done with a note and an assignee.
    await page.goto(`${server.url}/followups?lang=en`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Follow-ups');
    await shot('06-followups-en');
    const item = page.locator('li.followup').first();
    const followupId = (await item.getAttribute('data-doc'))!;
    await item.locator('input[name=assignee]').fill('aiko');
    await item.locator('input[name=note]').fill('返金しました / refunded');
    await item.locator('button[type=submit]').click();
    await page.waitForURL(/flash=ok/);
    expect(one('SELECT status, note, assignee FROM followups WHERE doc_id = ?', followupId)).toEqual({ status: 'done', note: '返金しました / refunded', assignee: 'aiko' });
    expect(await page.locator(`li.followup[data-doc="${followupId}"]`).count()).toBe(0);

    // The English This week page, and the curation log with its undone entry.
    await page.goto(`${server.url}/?lang=en`);
    expect(await page.locator('h1').innerText()).toContain('This week');
    await shot('07-this-week-en');
    await page.goto(`${server.url}/curation`);
    expect(await page.locator('table.curation tr.undone').count()).toBe(1);

    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
    for (const f of ['01-this-week-ja', '02-theme', '04-search-ja', '06-followups-en']) expect(fs.statSync(path.join(SHOTS, `${f}.png`)).size).toBeGreaterThan(20_000);
  });

  it('rebuilds the themes from the curation page while the pages keep answering', { timeout: 120_000 }, async () => {
    const runsBefore = one<{ n: number }>("SELECT count(*) AS n FROM runs WHERE operation = 'rebuild'").n;
    await page.goto(`${server.url}/curation?lang=ja`);
    await Promise.all([page.waitForNavigation(), page.locator('section.rebuild form.rebuild button').click()]);
    // Started in a worker thread: the page says so until it ends, and another page answers meanwhile.
    await expect(page.locator('#rebuild-running').innerText()).resolves.toContain('テーマを再構築しています');
    await shot('08-rebuild-running');
    const other = await browser.newPage();
    await other.goto(`${server.url}/followups`);
    expect(await other.locator('h1').innerText()).toBeTruthy();
    await other.close();
    const deadline = Date.now() + 90_000;
    while ((await page.locator('#rebuild-outcome').count()) === 0 && Date.now() < deadline) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await page.locator('#rebuild-outcome').innerText()).toMatch(/テーマを再構築しました(.*、\d+ テーマ、実行 \d+)/);
    expect(await page.locator('#rebuild-running').count()).toBe(0);
    await shot('09-rebuild-done');
    expect(one<{ n: number }>("SELECT count(*) AS n FROM runs WHERE operation = 'rebuild' AND status = 'ok'").n).toBe(runsBefore + 1);
    expect(problems).toEqual([]);
  });
});
