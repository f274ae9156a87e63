// The JSON API of `koe serve`, over HTTP on 127.0.0.1 (port 0), on a real themed database (real kuromoji and
// SQLite): every route, its 400 / 404 answers, CSRF, token and read-only modes, and escaping in the pages.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { startServer, UnsafeBindError, type RunningServer } from '../../src/serve/start-server.js';
import { ALL, LOGIN, REFUND, addDocs, themeOf } from '../themes/theme-fixture.js';

let store: Store;
let server: RunningServer;
let csrf: string;

const url = (path: string) => `${server.url}${path}`;
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), { headers, redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? ((await res.json()) as Record<string, unknown>) : await res.text(), res };
}
async function post(path: string, body: unknown = {}, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koe-csrf': csrf, ...headers },
    body: JSON.stringify(body),
    redirect: 'manual',
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const majority = (rows: readonly { id: string }[]) => {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const t = themeOf(store, r.id);
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
};

beforeAll(async () => {
  store = openStore(':memory:');
  updateThemes(store.db, await addDocs(store, ALL));
  // Dates, channels and ratings as an export would carry them; one hostile text.
  const docs = store.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as string[];
  const set = store.db.prepare('UPDATE documents SET created_at = ?, channel = ?, rating = ?, rating_scale = ? WHERE id = ?');
  docs.forEach((id, i) => set.run(`2026-03-${String(1 + (i % 14)).padStart(2, '0')}T03:00:00.000Z`, i % 2 ? 'email' : 'app_store', i % 3 === 0 ? 1 : null, i % 3 === 0 ? 'stars' : null, id));
  store.db.prepare("UPDATE documents SET text = ? WHERE id = 'refund-en-3'").run('Please refund <script>alert("x")</script> my cancelled order.');
  server = await startServer({ db: store.db, port: 0, lang: 'en' });
  csrf = ((await get('/api/csrf')).body as { token: string }).token;
});

afterAll(async () => {
  await server?.close();
  store?.close();
});

describe('GET routes', () => {
  it('/api/themes: every theme with count in period, change and share negative; bad parameters are 400', async () => {
    const r = await get('/api/themes?since=2026-03-08&until=2026-03-14');
    expect(r.status).toBe(200);
    const body = r.body as { period: { since: string; documents: number }; themes: Record<string, unknown>[] };
    expect(body.period).toMatchObject({ since: '2026-03-08', documents: expect.any(Number) });
    expect(body.themes.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(body.themes[0]!)).toEqual(expect.arrayContaining(['id', 'label', 'size', 'count', 'change', 'share_negative', 'baseline_average', 'nps', 'csat', 'series']));
    for (const [q, msg] of [
      ['since=2026-3-8', /since must be a day/],
      ['until=2026-03-01&since=2026-03-08', /after/],
      ['tz=Mars/Base', /unknown time zone/],
      ['colour=red', /unknown parameter "colour"/],
      ['baseline=0', /baseline must be a whole number/],
    ] as const) {
      const bad = await get(`/api/themes?${q}`);
      expect(bad.status, q).toBe(400);
      expect((bad.body as { error: string }).error).toMatch(msg);
    }
  });

  it('/api/overview and /api/themes/{id}; an unknown theme is 404', async () => {
    expect((await get('/api/overview')).status).toBe(200);
    const login = majority(LOGIN);
    const r = await get(`/api/themes/${login}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: login, status: 'active', related: expect.any(Array), trend: expect.any(Array) });
    expect((await get('/api/themes/t999')).status).toBe(404);
  });

  it('/api/themes/{id}/documents: paged, filtered, searched in Japanese and English, with facets', async () => {
    const login = majority(LOGIN);
    const all = await get(`/api/themes/${login}/documents?limit=2&facets=1`);
    expect(all.status).toBe(200);
    const body = all.body as { total: number; documents: Record<string, unknown>[]; facets: Record<string, unknown> };
    expect(body.total).toBeGreaterThanOrEqual(5);
    expect(body.documents).toHaveLength(2);
    expect(Object.keys(body.documents[0]!)).toEqual(expect.arrayContaining(['id', 'text', 'lang', 'sentiment', 'kind', 'created_at', 'channel']));
    expect(body.facets).toHaveProperty('channel');
    const ja = await get(`/api/themes/${login}/documents?q=${encodeURIComponent('ログイン')}`);
    expect((ja.body as { documents: { text: string }[] }).documents.every((d) => d.text.includes('ログイン'))).toBe(true);
    expect((ja.body as { total: number }).total).toBeGreaterThanOrEqual(3);
    const en = await get(`/api/themes/${login}/documents?q=password&channel=email`);
    for (const d of (en.body as { documents: { text: string; channel: string }[] }).documents) {
      expect(d.text.toLowerCase()).toContain('password');
      expect(d.channel).toBe('email');
    }
    expect((await get(`/api/themes/${login}/documents?limit=0`)).status).toBe(400);
    expect((await get(`/api/themes/${login}/documents?sentiment=angry`)).status).toBe(400);
    expect((await get(`/api/themes/${login}/documents?rating=5stars`)).status).toBe(400);
    expect((await get('/api/themes/t999/documents')).status).toBe(404);
  });

  it('/api/search across all feedback needs q; /api/documents/{id} is 404 when unknown', async () => {
    const r = await get(`/api/search?q=${encodeURIComponent('返金')}`);
    expect(r.status).toBe(200);
    expect((r.body as { total: number }).total).toBeGreaterThanOrEqual(2);
    expect((await get('/api/search')).status).toBe(400);
    expect((await get('/api/documents/login-ja-1')).body).toMatchObject({ id: 'login-ja-1', lang: 'ja' });
    expect((await get('/api/documents/nope')).status).toBe(404);
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  it('/api/themes/{id}/split-preview saves nothing; /api/curation lists the log', async () => {
    const refund = majority(REFUND);
    const r = await get(`/api/themes/${refund}/split-preview`);
    expect(r.status).toBe(200);
    expect((r.body as { children: unknown[] }).children.length).toBeGreaterThanOrEqual(2);
    expect((await get('/api/themes/t999/split-preview')).status).toBe(404);
    expect(store.db.prepare('SELECT count(*) FROM theme_curation').pluck().get()).toBe(0);
    expect((await get('/api/curation')).body).toEqual({ entries: [] });
  });

  it('/api/followups: filters, 1–2 stars queued, bad parameters are 400', async () => {
    const r = await get('/api/followups?rating=stars:1-2&channel=app_store&limit=5');
    expect(r.status).toBe(200);
    const body = r.body as { total: number; followups: { rating: number; channel: string; reasons: string[] }[] };
    expect(body.total).toBeGreaterThan(0);
    for (const f of body.followups) expect([f.rating, f.channel]).toEqual([1, 'app_store']);
    expect((await get('/api/followups?status=closed')).status).toBe(400);
    expect((await get('/api/followups?sort=random')).status).toBe(400);
  });
});

describe('POST routes', () => {
  it('refuses a write without the CSRF token, or from another site', async () => {
    const login = majority(LOGIN);
    expect((await post(`/api/themes/${login}/rename`, { label: 'x' }, { 'x-koe-csrf': 'wrong' })).status).toBe(403);
    const noToken = await fetch(url(`/api/themes/${login}/rename`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"label":"x"}' });
    expect(noToken.status).toBe(403);
    expect((await post(`/api/themes/${login}/rename`, { label: 'x' }, { origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(url(`/api/themes/${login}/rename`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'label=x&_csrf=nope' });
    expect(form.status).toBe(403);
    expect(store.db.prepare('SELECT count(*) FROM theme_curation').pluck().get()).toBe(0);
  });

  it('rename, undo; bad bodies are 400, unknown themes 404', async () => {
    const login = majority(LOGIN);
    const before = store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(login);
    const r = await post(`/api/themes/${login}/rename`, { label: 'ログインできない' });
    expect(r).toMatchObject({ status: 200, body: { ok: true, theme_ids: [login] } });
    expect(store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(login)).toBe('ログインできない');
    expect((await post(`/api/themes/${login}/rename`, {})).status).toBe(400);
    expect((await post(`/api/themes/${login}/rename`, { label: 42 })).status).toBe(400);
    expect((await post(`/api/themes/${login}/rename`, { label: 'x', colour: 'red' })).status).toBe(400);
    expect((await post('/api/themes/t999/rename', { label: 'x' })).status).toBe(404);
    const text = await fetch(url(`/api/themes/${login}/rename`), { method: 'POST', headers: { 'content-type': 'text/plain', 'x-koe-csrf': csrf }, body: 'label' });
    expect(text.status).toBe(400);
    const undo = await post('/api/curation/undo');
    expect(undo.status).toBe(200);
    expect(undo.body.undone).toMatchObject({ action: 'rename', theme_id: login });
    expect(store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(login)).toBe(before);
    expect((await post('/api/curation/undo', { id: 'x' })).status).toBe(400);
    expect((await post('/api/curation/undo', { id: 999 })).status).toBe(404);
  });

  it('pin, unpin, ignore, unignore', async () => {
    const login = majority(LOGIN);
    for (const action of ['pin', 'unpin', 'ignore', 'unignore']) expect((await post(`/api/themes/${login}/${action}`)).status, action).toBe(200);
    expect(store.db.prepare('SELECT status, label_pinned FROM themes WHERE id = ?').get(login)).toEqual({ status: 'active', label_pinned: 0 });
  });

  it('moves a document (404 for an unknown document or theme), merges (self-merge 400), undoes with 409 when blocked', async () => {
    const login = majority(LOGIN);
    const refund = majority(REFUND);
    const doc = LOGIN.find((r) => themeOf(store, r.id) === login)!.id;
    expect((await post(`/api/documents/${doc}/move`, { theme: refund })).status).toBe(200);
    expect(themeOf(store, doc)).toBe(refund);
    expect((await post('/api/documents/nope/move', { theme: refund })).status).toBe(404);
    expect((await post(`/api/documents/${doc}/move`, { theme: 't999' })).status).toBe(404);
    expect((await post(`/api/themes/${login}/merge`, { into: login })).status).toBe(400);
    expect((await post('/api/themes/t999/merge', { into: login })).status).toBe(404);
    const merge = await post(`/api/themes/${login}/merge`, { into: refund });
    expect(merge.status).toBe(200);
    expect(store.db.prepare('SELECT status, merged_into FROM themes WHERE id = ?').get(login)).toEqual({ status: 'merged', merged_into: refund });
    const log = (await get('/api/curation')).body as { entries: { id: number; action: string }[] };
    const moveId = log.entries.find((e) => e.action === 'move')!.id;
    // the merge touches the moved document's theme: undo the merge first
    expect((await post('/api/curation/undo', { id: moveId })).status).toBe(409);
    expect((await post('/api/curation/undo')).status).toBe(200);
    expect((await post('/api/curation/undo')).status).toBe(200);
    expect(themeOf(store, doc)).toBe(login);
  });

  it('splits a theme and undoes it', async () => {
    const refund = majority(REFUND);
    const r = await post(`/api/themes/${refund}/split`);
    expect(r.status).toBe(200);
    expect((r.body.theme_ids as string[]).length).toBeGreaterThanOrEqual(2);
    expect((await post('/api/curation/undo')).status).toBe(200);
    expect(store.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(refund)).toBe('active');
  });

  it('marks a follow-up done with a note and an assignee, and reopens it; unknown ids are 404', async () => {
    const id = ((await get('/api/followups?limit=1')).body as { followups: { id: string }[] }).followups[0]!.id;
    const done = await post(`/api/followups/${id}/done`, { note: '返金済み', assignee: 'aiko' });
    expect(done).toMatchObject({ status: 200, body: { changed: true, followup: { id, status: 'done', note: '返金済み', assignee: 'aiko' } } });
    const reopened = await post(`/api/followups/${id}/reopen`, {});
    expect(reopened.body.followup).toMatchObject({ status: 'open', note: '返金済み', assignee: 'aiko' });
    expect((await post('/api/followups/nope/done', {})).status).toBe(404);
    expect((await post(`/api/followups/${id}/done`, { note: 5 })).status).toBe(400);
  });

  it('a form post with the CSRF field is redirected back with a flash message', async () => {
    const login = majority(LOGIN);
    const res = await fetch(url(`/api/themes/${login}/pin`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, _back: `/themes/${login}`, label: 'Login' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/themes/${login}?flash=ok`);
    const offsite = await fetch(url(`/api/themes/${login}/unpin`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, _back: '//evil.example/' }).toString(),
      redirect: 'manual',
    });
    expect(offsite.headers.get('location')).toBe('/?flash=ok');
  });
});

describe('pages', () => {
  it('escape every text and send a strict CSP', async () => {
    const r = await get(`/search?q=${encodeURIComponent('cancelled')}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r.body).not.toContain('<script>alert');
    expect(r.res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await get('/themes/t999')).status).toBe(404);
    expect((await get('/search?since=yesterday')).status).toBe(400);
  });

  it('a theme page in a period counts the theme in that period, whatever else narrows its list', async () => {
    const theme = majority(REFUND);
    const count = (where: string) =>
      store.db
        .prepare(`SELECT count(*) FROM document_themes t JOIN documents d ON d.id = t.doc_id WHERE t.theme_id = ? AND t.rank = 0 AND d.created_at >= '2026-03-01' AND d.created_at < '2026-03-05' ${where}`)
        .pluck()
        .get(theme) as number;
    const inPeriod = count('');
    const byEmail = count("AND d.channel = 'email'");
    expect(byEmail).toBeGreaterThan(0);
    expect(byEmail).toBeLessThan(inPeriod);
    const periodStat = (body: string) => /<span>Period <b>([\d,]+)<\/b><\/span>/.exec(body)?.[1];
    const plain = await get(`/themes/${theme}?since=2026-03-01&until=2026-03-04&tz=UTC`);
    expect(periodStat(plain.body as string)).toBe(String(inPeriod));
    const narrowed = await get(`/themes/${theme}?since=2026-03-01&until=2026-03-04&tz=UTC&channel=email`);
    expect(periodStat(narrowed.body as string)).toBe(String(inPeriod));
    expect((narrowed.body as string).match(/<li class="doc/g)?.length).toBe(byEmail);
  });

  it('refuse a request addressed to another host name (DNS rebinding)', async () => {
    // fetch cannot set Host: a raw request, as a browser tricked by DNS rebinding would send it
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url('/api/themes'), { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('safe by default', () => {
  it('refuses a non-loopback host without a token or read-only mode', async () => {
    await expect(startServer({ db: store.db, host: '0.0.0.0', port: 0 })).rejects.toThrow(UnsafeBindError);
  });

  it('with --token every request needs it; ?token= sets a cookie', async () => {
    const guarded = await startServer({ db: store.db, port: 0, token: 'secret-token-1' });
    try {
      expect((await fetch(`${guarded.url}/api/themes`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/api/themes`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
      expect((await fetch(`${guarded.url}/api/themes`, { headers: { authorization: 'Bearer secret-token-1' } })).status).toBe(200);
      const login = await fetch(`${guarded.url}/?token=secret-token-1`, { redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie')!;
      expect(cookie).toContain('HttpOnly');
      expect((await fetch(`${guarded.url}/`, { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('--read-only refuses every write with 403', async () => {
    const ro = await startServer({ db: store.db, port: 0, readOnly: true });
    try {
      const token = ((await (await fetch(`${ro.url}/api/csrf`)).json()) as { token: string }).token;
      const res = await fetch(`${ro.url}/api/curation/undo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-koe-csrf': token }, body: '{}' });
      expect(res.status).toBe(403);
      expect((await fetch(`${ro.url}/api/themes`)).status).toBe(200);
    } finally {
      await ro.close();
    }
  });
});

describe('themes found with an older concept dictionary', () => {
  it('every page says so and names the rebuild; /api/overview carries the flag; both are quiet once it is current', async () => {
    const stored = store.db.prepare("SELECT json_extract(params, '$.dictionaryVersion') FROM theme_models").pluck().get() as string;
    const setVersion = store.db.prepare("UPDATE theme_models SET params = json_set(params, '$.dictionaryVersion', ?)");
    setVersion.run('an-earlier-dictionary');
    try {
      const page = await get('/search');
      expect(page.body).toContain('found with an older concept dictionary');
      expect(page.body).toContain('koe themes rebuild');
      expect((await get('/api/overview')).body).toMatchObject({ themes_predate_dictionary: true });
    } finally {
      setVersion.run(stored);
    }
    expect((await get('/search')).body).not.toContain('older concept dictionary');
    expect((await get('/api/overview')).body).toMatchObject({ themes_predate_dictionary: false });
  });
});
