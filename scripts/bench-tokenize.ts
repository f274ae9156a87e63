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
// CPU seconds as well as wall: on a shared machine the wall clock mostly measures the neighbours.
let t = performance.now();
let cpu = process.cpuUsage();
const koeTokens: string[][] = texts.map((s) => kuromoji.tokenize(s).map((tok) => tok.surface_form));
const koeSecs = (performance.now() - t) / 1000;
const koeCpu = cpuSecs(process.cpuUsage(cpu));

ensureMecab();
const IPADIC = '/var/lib/mecab/dic/ipadic-utf8';
t = performance.now();
const out = execFileSync('mecab', ['-d', IPADIC, '-O', 'wakati', input], { maxBuffer: 1 << 30 }).toString();
const mecabSecs = (performance.now() - t) / 1000;
// The child's CPU time, from bash's `times` (second line: children's user and system time).
const timesOut = execFileSync('bash', ['-c', `mecab -d ${IPADIC} -O wakati "$1" > /dev/null; times`, 'bash', input]).toString().trim().split('\n');
const mecabCpu = (timesOut[1] ?? '').split(/\s+/).reduce((n, part) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(part);
  return m ? n + Number(m[1]) * 60 + Number(m[2]) : n;
}, 0);
cpu = process.cpuUsage();
const mecabLines = out.split('\n');
let same = 0;
for (let i = 0; i < texts.length; i++) {
  const m = (mecabLines[i] ?? '').trim().split(/\s+/).filter(Boolean);
  const k = koeTokens[i]!.filter((x) => x.trim() !== '');
  if (m.length === k.length && m.every((x, j) => x === k[j])) same++;
}

function cpuSecs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}
const rate = (secs: number): string => `${(chars / secs / 1e6).toFixed(2)} M chars/s, ${Math.round(texts.length / secs).toLocaleString('en')} docs/s`;
console.log(`Japanese tokenization of ${texts.length.toLocaleString('en')} generated documents (${(chars / 1e6).toFixed(1)} M chars), one thread each`);
console.log(`  machine      ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (shared: timings are pessimistic)`);
console.log(`  koe/kuromoji wall ${koeSecs.toFixed(2)} s, CPU ${koeCpu.toFixed(2)} s  → ${rate(koeCpu)} per CPU-second`);
console.log(`  MeCab        wall ${mecabSecs.toFixed(2)} s, CPU ${mecabCpu.toFixed(2)} s  → ${rate(Math.max(mecabCpu, 0.01))} per CPU-second (process start and output included)`);
console.log(`  MeCab is ${(koeCpu / Math.max(mecabCpu, 0.01)).toFixed(1)}× faster per CPU-second (${(koeSecs / mecabSecs).toFixed(1)}× by wall clock); identical token boundaries on ${((same / texts.length) * 100).toFixed(1)}% of documents (koe's user words split differently by design)`);
fs.rmSync(dir, { recursive: true, force: true });
