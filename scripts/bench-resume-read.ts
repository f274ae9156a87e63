// The read + normalize part of a resumed run alone: the bench:resume input read through readBatches from its start,
// and from the resume point a run killed at 80% leaves (the committed rows parsed and passed over, never built or
// normalized). Prints both times and the rows each yields; no database, no analysis.
//   npx tsx scripts/bench-resume-read.ts [--rows 200000] [--at 0.8]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DuplicateIds, OccurrenceCounter } from '../src/normalize/index.js';
import { readBatches } from '../src/pipeline/run-steps.js';
import { generatedInput } from './lib/bench-support.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, at: { type: 'string', default: '0.8' } } });
const rows = Number(values.rows);
const committed = Math.round(Number(values.at) * rows);
const file = { file: generatedInput(rows), sourceKey: 'bench.jsonl' };

console.log(`read + normalize of ${rows.toLocaleString('en')} generated rows; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (shared)`);
for (const fileRows of [0, committed]) {
  const t = performance.now();
  let read = 0;
  const batches = readBatches([file], {}, {
    batchSize: 500,
    occurrences: new OccurrenceCounter(),
    duplicates: new DuplicateIds(),
    resumeAt: { fileIndex: 0, fileRows, fileLine: fileRows },
  });
  for await (const b of batches) read += b.rowsRead;
  const what = fileRows === 0 ? 'from the start' : `from row ${fileRows.toLocaleString('en')}`;
  console.log(`  ${what.padEnd(20)} ${read.toLocaleString('en')} rows in ${Math.round(performance.now() - t)} ms`);
}
