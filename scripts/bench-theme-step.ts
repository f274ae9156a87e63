// Speed and memory of the theme step alone on an existing database (such as one kept by
// `npm run bench:run -- --rows 300000 --keep`). Prints the step's timings and the process's peak RSS (VmHWM),
// which here is the theme step's own (nothing else ran).
//   npx tsx scripts/bench-theme-step.ts --db PATH                       a rebuild (`koe themes rebuild`)
//   npx tsx scripts/bench-theme-step.ts --db PATH --pending 40000      a run's final step at size: the last 40,000
//     documents (by id) are made pending as a resumed run leaves them — themes, vectors and all dropped, so the step
//     projects them and gives each its nearest theme as their batches would have, then the incremental step runs
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open-store.js';
import { updateThemes } from '../src/pipeline/update-themes.js';
import { mib, peakRssBytes } from './lib/bench-support.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, pending: { type: 'string' } } });
if (!values.db) throw new Error('usage: bench-theme-step.ts --db PATH [--pending N]');
const store = openStore(values.db);
const pending = values.pending === undefined ? null : Number(values.pending);
if (pending !== null) {
  store.db.transaction(() => {
    const last = `(SELECT id FROM documents ORDER BY id DESC LIMIT ${Math.floor(pending)})`;
    store.db.exec(`UPDATE documents SET theme_pending = 1 WHERE id IN ${last}`);
    store.db.exec(`DELETE FROM document_themes WHERE doc_id IN ${last}`);
    store.db.exec(`DELETE FROM doc_vectors WHERE doc_id IN ${last}`);
  })();
}
const before = peakRssBytes();
const t0 = performance.now();
const s = updateThemes(store.db, null, {}, { rebuild: pending === null });
const secs = (performance.now() - t0) / 1000;
store.close();
const what = pending === null ? 'rebuild' : `${s.mode}, ${(s.pending ?? 0).toLocaleString('en')} pending, ${(s.discovered ?? 0).toLocaleString('en')} of them unthemed and clustered`;
console.log(`theme step (${what}) on ${s.documents.toLocaleString('en')} documents: ${secs.toFixed(1)} s ${JSON.stringify(s.timings)}, ${s.activeThemes} themes, ${(s.unthemedShare * 100).toFixed(1)}% unthemed`);
console.log(`  peak RSS ${mib(peakRssBytes())} (${mib(before)} after opening the store); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
