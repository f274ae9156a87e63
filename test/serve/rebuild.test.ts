// The workspace's "rebuild the themes" button, over HTTP on a real file database (real kuromoji and SQLite): the
// rebuild runs in a worker thread while the server answers, is recorded in runs as the CLI's is, refuses a second
// one and another writer, and is absent in read-only mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { startServer, type RunningServer } from '../../src/serve/start-server.js';
import { createWorkspaceRebuild, type WorkspaceRebuild } from '../../src/serve/workspace-rebuild.js';
import { tryAcquireLease } from '../../src/store/write-lease.js';
import { ALL, addDocs } from '../themes/theme-fixture.js';

let dir: string;
let store: Store;
let server: RunningServer;
let rebuild: WorkspaceRebuild;
let csrf: string;

const url = (p: string) => `${server.url}${p}`;
const text = async (p: string) => (await fetch(url(p))).text();
const json = async (p: string) => (await (await fetch(url(p))).json()) as Record<string, unknown>;
const postRebuild = (headers: Record<string, string> = { 'x-koe-csrf': csrf }) =>
  fetch(url('/api/themes/rebuild'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}', redirect: 'manual' });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-serve-rebuild-'));
  store = openStore(path.join(dir, 'koe.db'));
  updateThemes(store.db, await addDocs(store, ALL));
  rebuild = createWorkspaceRebuild(store.db, {});
  server = await startServer({ db: store.db, port: 0, lang: 'en', rebuild });
  csrf = ((await json('/api/csrf')) as { token: string }).token;
});

afterAll(async () => {
  await server?.close();
  store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('rebuilding the themes from the workspace', () => {
  it('offers the rebuild where the themes predate the dictionary and on the curation page, starts it from a form, and says while it runs', async () => {
    // Themes found with an earlier dictionary (its version is part of the space's id): the notice on every page
    // carries the button.
    const earlier = 'tfidf-lsa:0123456789abcdef';
    store.db.transaction(() => {
      const current = store.db.prepare("SELECT value FROM theme_state WHERE key = 'model_id'").pluck().get() as string;
      store.db.prepare("UPDATE theme_models SET id = ?, params = json_set(params, '$.dictionaryVersion', 'an-earlier-dictionary') WHERE id = ?").run(earlier, current);
      store.db.prepare("UPDATE theme_state SET value = ? WHERE key = 'model_id'").run(earlier);
      store.db.prepare('UPDATE doc_vectors SET model = ? WHERE model = ?').run(earlier, current);
    })();
    const week = await text('/');
    expect(week).toContain('older concept dictionary');
    expect(week).toMatch(/<form method="post" action="\/api\/themes\/rebuild" class="inline rebuild">.*Rebuild themes<\/button><\/form>/s);
    expect(await text('/curation')).toContain('Finds the themes again from every document');

    const form = await fetch(url('/api/themes/rebuild'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, _back: '/curation' }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/curation');
    // The worker is still loading (a thread with its own connection): the page says so, and a second one is refused.
    expect(rebuild.running).not.toBeNull();
    expect(((await json('/api/overview')) as { rebuild: { running: unknown } }).rebuild.running).toEqual({ started_at: rebuild.running!.startedAt });
    expect(await text('/search')).toContain('Rebuilding the themes (started');
    const second = await postRebuild();
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: string }).error).toMatch(/a rebuild started here at .* is still running/);

    await rebuild.idle();
    const run = store.db.prepare("SELECT status, command, operation FROM runs WHERE operation = 'rebuild' ORDER BY id DESC").get();
    expect(run).toEqual({ status: 'ok', command: 'koe serve: rebuild themes', operation: 'rebuild' });
    const overview = (await json('/api/overview')) as { rebuild: { running: unknown; last: Record<string, unknown> }; themes_predate_dictionary: boolean };
    expect(overview.rebuild.running).toBeNull();
    expect(overview.rebuild.last).toEqual({ ok: true, finished_at: expect.any(String), run_id: expect.any(Number), themes: expect.any(Number) });
    // Refitted with the current dictionary: the notice is gone, the curation page tells how the rebuild ended.
    expect(overview.themes_predate_dictionary).toBe(false);
    expect(await text('/')).not.toContain('older concept dictionary');
    expect(await text('/curation')).toMatch(/Themes rebuilt \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}: \d+ themes, run \d+\)/);
  });

  it('refuses while another process writes the database, naming it', async () => {
    const attempt = tryAcquireLease(store.db, 'koe run nightly.csv');
    if (!('lease' in attempt)) throw new Error('lease not taken');
    try {
      const r = await postRebuild();
      expect(r.status).toBe(409);
      expect(((await r.json()) as { error: string }).error).toMatch(/being written by koe run nightly\.csv, pid \d+/);
      expect(rebuild.running).toBeNull();
    } finally {
      attempt.lease.release();
    }
  });

  it('needs the CSRF token, and is not offered by a read-only workspace', async () => {
    expect((await postRebuild({})).status).toBe(403);
    const readOnly = await startServer({ db: store.db, port: 0, lang: 'en', readOnly: true });
    try {
      const page = await (await fetch(`${readOnly.url}/curation`)).text();
      expect(page).not.toContain('action="/api/themes/rebuild"');
      const r = await fetch(`${readOnly.url}/api/themes/rebuild`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(r.status).toBe(403);
    } finally {
      await readOnly.close();
    }
  });
});
