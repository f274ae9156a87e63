// Speed and memory of the theme step alone on an existing database (such as one kept by
// `npm run bench:run -- --rows 300000 --keep`): a rebuild, as a first run's theme step does. Prints the step's
// timings and the process's peak RSS (VmHWM), which here is the theme step's own (nothing else ran).
//   npx tsx scripts/bench-theme-step.ts --db PATH
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open-store.js';
import { updateThemes } from '../src/pipeline/update-themes.js';
import { mib, peakRssBytes } from './lib/bench-support.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) throw new Error('usage: bench-theme-step.ts --db PATH');
const store = openStore(values.db);
const before = peakRssBytes();
const t0 = performance.now();
const s = updateThemes(store.db, null, {}, { rebuild: true });
const secs = (performance.now() - t0) / 1000;
store.close();
console.log(`theme step (rebuild) on ${s.documents.toLocaleString('en')} documents: ${secs.toFixed(1)} s ${JSON.stringify(s.timings)}, ${s.activeThemes} themes, ${(s.unthemedShare * 100).toFixed(1)}% unthemed`);
console.log(`  peak RSS ${mib(peakRssBytes())} (${mib(before)} after opening the store); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
