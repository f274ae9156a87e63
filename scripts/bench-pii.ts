// Speed of PII masking alone: masks the texts that bench-ingest.ts generates (its ten feedback texts, NFKC
// normalized as the pipeline does first) and the short labels normalizeFeedback masks beside them (channel,
// product, a metadata key and value), and prints texts per CPU-second; then, when ../shared/data is there, the
// real feedback texts of its .jsonl files (longer, more varied; only counts are printed, never a text).
// Usage: npx tsx scripts/bench-pii.ts [texts]
//   --profile-only   only the bench texts (for node --cpu-prof runs of the text masking alone)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { maskPii } from '../src/normalize/mask-pii.js';
import { normalizeText } from '../src/normalize/normalize-text.js';

const count = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);

// The same made-up texts as scripts/bench-ingest.ts (kept in step by hand; the CSV quoting is not part of the text).
const TEXTS = [
  'アプリが起動直後に落ちます。再インストールしても直りません',
  '配送がとても早くて助かりました！梱包も丁寧でした。',
  'ログインできない login error が毎回出る',
  'サポートに電話(03-1234-5678)したが、30分待たされた',
  'The checkout page keeps timing out, please fix it.',
  'Great app, but the new update broke dark mode.\nAlso, sync is slow.',
  'Contact me at someone@example.com about order #A-12345',
  '料金プランが分かりにくい。¥1,280と¥12,800の違いは？',
  'Love it! Version 4.2.1 fixed the crash on iPhone.',
  '注文番号 123456789 の商品がまだ届きません、確認してください',
].map(normalizeText);
const LABELS = ['web', 'app', 'email', 'call', 'store', 'p7', 'r1', 'region'];

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function run(inputs: readonly string[], n: number): { perCpuSecond: number; wallSeconds: number; masked: number } {
  let masked = 0;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    if (Object.keys(maskPii(inputs[i % inputs.length]!).counts).length > 0) masked++;
  }
  const used = cpuSeconds(process.cpuUsage(cpu));
  return { perCpuSecond: n / used, wallSeconds: (performance.now() - wall) / 1000, masked };
}

run(TEXTS, 20_000); // warm-up: let the regexes and checks be compiled before timing
const texts = run(TEXTS, count);
console.log(
  `masking, bench texts: ${count.toLocaleString()} texts, ${Math.round(texts.perCpuSecond).toLocaleString()} texts per CPU-second ` +
    `(${texts.wallSeconds.toFixed(1)} s wall; ${texts.masked.toLocaleString()} with PII masked)`,
);
if (!process.argv.includes('--profile-only')) {
  const labels = run(LABELS, count);
  console.log(`masking, short labels (channel, product, metadata): ${Math.round(labels.perCpuSecond).toLocaleString()} labels per CPU-second`);
  const shared = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
  if (fs.existsSync(shared)) {
    const real: string[] = [];
    for (const file of fs.readdirSync(shared).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(shared, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const text = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof text === 'string') real.push(normalizeText(text));
      }
    }
    const chars = real.reduce((sum, t) => sum + t.length, 0);
    run(real, real.length); // warm-up
    const passes = Math.max(1, Math.round(count / 4 / real.length));
    const result = run(real, real.length * passes);
    console.log(
      `masking, real texts of ../shared/data: ${real.length.toLocaleString()} texts (${Math.round(chars / real.length)} characters on average) × ${passes}, ` +
        `${Math.round(result.perCpuSecond).toLocaleString()} texts per CPU-second (${result.wallSeconds.toFixed(1)} s wall)`,
    );
  }
}
