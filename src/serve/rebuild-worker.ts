// Worker-thread entry for the workspace's "rebuild the themes" button: `koe themes rebuild` on its own connection,
// so that koe serve keeps answering while it works (at a million documents a rebuild takes minutes). It is recorded
// in `runs` and holds the write lease like the CLI's; curation sent meanwhile is queued as during a run.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open-store.js';
import { rebuildThemes } from '../pipeline/theme-writes.js';

export interface RebuildRequest {
  dbPath: string;
  config: Record<string, unknown>;
}
export type RebuildReply = { ok: true; runId: number; themes: number } | { ok: false; message: string };

const { dbPath, config } = workerData as RebuildRequest;
let reply: RebuildReply;
const store = openStore(dbPath);
try {
  const summary = await rebuildThemes(store.db, { config, command: 'koe serve: rebuild themes' });
  reply = { ok: true, runId: summary.runId, themes: summary.themes };
} catch (err) {
  reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
} finally {
  store.close();
}
parentPort!.postMessage(reply);
