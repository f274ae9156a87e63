// Speed and memory of ingest + normalize: writes a CSV of N rows (default 1,000,000) to a temp dir, streams it
// through readFeedback + normalizeFeedback and prints rows/s and peak RSS. Usage: npx tsx scripts/bench-ingest.ts [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { readFeedback } from '../src/ingest/index.js';
import { normalizeFeedback } from '../src/normalize/index.js';

const rows = Number(process.argv[2] ?? 1_000_000);

// Made-up feedback in the shape of real exports: Japanese and English, quoted commas and newlines, some PII.
const TEXTS = [
  'アプリが起動直後に落ちます。再インストールしても直りません',
  '配送がとても早くて助かりました！梱包も丁寧でした。',
  'ログインできない login error が毎回出る',
  '"サポートに電話(03-1234-5678)したが、30分待たされた"',
  '"The checkout page keeps timing out, please fix it."',
  '"Great app, but the new update broke dark mode.\nAlso, sync is slow."',
  'Contact me at someone@example.com about order #A-12345',
  '"料金プランが分かりにくい。¥1,280と¥12,800の違いは？"',
  'Love it! Version 4.2.1 fixed the crash on iPhone.',
  '"注文番号 123456789 の商品がまだ届きません、確認してください"',
];
const CHANNELS = ['web', 'app', 'email', 'call', 'store'];

async function writeCsv(file: string, n: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write('id,text,created_at,rating,channel,product,region\n');
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const date = new Date(start + (i % 300) * 86_400_000 + (i % 1440) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const line = `${i % 7 === 0 ? '' : `T-${i}`},${TEXTS[i % TEXTS.length]},${date},${i % 11},${CHANNELS[i % 5]},p${i % 13},r${i % 3}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-ingest-'));
const file = path.join(dir, 'feedback.csv');
try {
  let t = performance.now();
  await writeCsv(file, rows);
  const bytes = fs.statSync(file).size;
  console.log(`wrote ${rows.toLocaleString()} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let ok = 0;
  let rejected = 0;
  let masked = 0;
  const langs: Record<string, number> = {};
  t = performance.now();
  let cpu = process.cpuUsage();
  let readOnly = 0;
  for await (const item of readFeedback([file], { ratingScale: 'nps', timezone: '+09:00' })) {
    if (item.ok) ok++;
    else rejected++;
    if (++readOnly % 50_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const readSeconds = (performance.now() - t) / 1000;
  const readCpu = cpuSeconds(process.cpuUsage(cpu));

  t = performance.now();
  cpu = process.cpuUsage();
  let n = 0;
  for await (const item of readFeedback([file], { ratingScale: 'nps', timezone: '+09:00' })) {
    if (!item.ok) continue;
    const doc = normalizeFeedback(item.row);
    langs[doc.lang] = (langs[doc.lang] ?? 0) + 1;
    if (Object.keys(doc.piiMasked).length > 0) masked++;
    if (++n % 50_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const totalSeconds = (performance.now() - t) / 1000;
  const totalCpu = cpuSeconds(process.cpuUsage(cpu));
  const maxRss = process.resourceUsage().maxRSS * 1024;

  // Per CPU-second figures too: on a shared machine wall-clock rates move with everyone else's load.
  console.log(
    `read only:          ${ok.toLocaleString()} rows ok, ${rejected} rejected; ${(ok / readSeconds).toFixed(0)} rows/s wall ` +
      `(${(bytes / 1e6 / readSeconds).toFixed(1)} MB/s), ${(ok / readCpu).toFixed(0)} rows per CPU-second`,
  );
  console.log(
    `read + normalize:   ${(n / totalSeconds).toFixed(0)} rows/s wall (${totalSeconds.toFixed(1)} s), ${(n / totalCpu).toFixed(0)} rows per CPU-second; ` +
      `languages ${JSON.stringify(langs)}; ${masked.toLocaleString()} docs with PII masked`,
  );
  console.log(`RSS before reading ${(baseRss / 2 ** 20).toFixed(0)} MiB, peak sampled while streaming ${(peakRss / 2 ** 20).toFixed(0)} MiB, process max RSS ${(maxRss / 2 ** 20).toFixed(0)} MiB (file ${(bytes / 2 ** 20).toFixed(0)} MiB)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
