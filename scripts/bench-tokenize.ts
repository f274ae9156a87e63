// Japanese tokenization speed: koe's path (kuromoji with koe's user dictionary, lazy singleton) against MeCab (C++,
// Debian's mecab + mecab-ipadic-utf8, installed with apt-get when missing) on the same generated text, with how
// often the two agree on the token boundaries (kuromoji and MeCab both read IPADIC; koe adds user words).
//   npm run bench:tokenize -- [--docs 50000]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getKuromoji } from '../src/tokenize/index.js';
import { createFeedbackGenerator } from './lib/feedback-generator.js';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '50000' } } });
const want = Number(values.docs);

function ensureMecab(): void {
  if (spawnSync('sh', ['-c', 'command -v mecab && test -d /var/lib/mecab/dic/ipadic-utf8'], { stdio: 'ignore' }).status === 0) return;
  console.error('installing mecab mecab-ipadic-utf8 with apt-get (the speed reference)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'mecab', 'mecab-ipadic-utf8'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// Japanese lines only (the generator writes ~60% Japanese).
const next = createFeedbackGenerator(21);
const texts: string[] = [];
while (texts.length < want) {
  const row = next();
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(row.text)) texts.push(row.text.replace(/\s+/g, ' '));
}
const chars = texts.reduce((n, t) => n + t.length, 0);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-tok-'));
const input = path.join(dir, 'ja.txt');
fs.writeFileSync(input, texts.join('\n') + '\n');

const kuromoji = await getKuromoji();
kuromoji.tokenize('ウォームアップ'); // first call builds lazy tables
let t = performance.now();
const koeTokens: string[][] = texts.map((s) => kuromoji.tokenize(s).map((tok) => tok.surface_form));
const koeSecs = (performance.now() - t) / 1000;

ensureMecab();
t = performance.now();
const out = execFileSync('mecab', ['-O', 'wakati', input], { maxBuffer: 1 << 30 }).toString();
const mecabSecs = (performance.now() - t) / 1000;
const mecabLines = out.split('\n');
let same = 0;
for (let i = 0; i < texts.length; i++) {
  const m = (mecabLines[i] ?? '').trim().split(/\s+/).filter(Boolean);
  const k = koeTokens[i]!.filter((x) => x.trim() !== '');
  if (m.length === k.length && m.every((x, j) => x === k[j])) same++;
}

const rate = (secs: number): string => `${(chars / secs / 1e6).toFixed(2)} M chars/s, ${Math.round(texts.length / secs).toLocaleString('en')} docs/s`;
console.log(`Japanese tokenization of ${texts.length.toLocaleString('en')} generated documents (${(chars / 1e6).toFixed(1)} M chars), one thread each`);
console.log(`  machine      ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (shared: timings are pessimistic)`);
console.log(`  koe/kuromoji ${koeSecs.toFixed(2)} s  ${rate(koeSecs)}`);
console.log(`  MeCab        ${mecabSecs.toFixed(2)} s  ${rate(mecabSecs)} (process start and output included)`);
console.log(`  MeCab is ${(koeSecs / mecabSecs).toFixed(1)}× faster; identical token boundaries on ${((same / texts.length) * 100).toFixed(1)}% of documents (koe's user words split differently by design)`);
fs.rmSync(dir, { recursive: true, force: true });
