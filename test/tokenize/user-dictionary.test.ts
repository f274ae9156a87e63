import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import kuromoji from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, dictionaryPath } from '../../src/paths.js';
import { KOE_DICT_DIR, contentTerms, createTokenizer } from '../../src/tokenize/index.js';
import type { DocTokenizer } from '../../src/tokenize/index.js';
import { KUROMOJI_DICT_FILES, rawDictFile } from '../../src/tokenize/dictionary-path.js';
import { getKuromoji } from '../../src/tokenize/get-kuromoji.js';

const USER_CSV = dictionaryPath('userdict', 'koe-terms.csv');
const userRows = fs
  .readFileSync(USER_CSV, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split(','));

let tokenizer: DocTokenizer;
beforeAll(async () => {
  // The build is skipped in well under a second when the stamp matches; a cold build takes ≈ 15 s.
  execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts', 'build-dictionary.mjs')], { stdio: 'pipe' });
  tokenizer = await createTokenizer({ dicPath: KOE_DICT_DIR });
}, 180_000);

describe('koe-terms.csv', () => {
  it('has well-formed IPADIC rows with unique surfaces', () => {
    expect(userRows.length).toBeGreaterThanOrEqual(100);
    for (const row of userRows) {
      expect(row, row.join(',')).toHaveLength(13);
      const [surface, left, right, cost, pos, , , , , , basicForm] = row;
      expect(Number.isInteger(Number(left)) && Number.isInteger(Number(right)) && Number.isInteger(Number(cost))).toBe(true);
      if (pos === '動詞') {
        // a conjugated form IPADIC lacks or whose cost loses to a wrong split (いただけ of いただける, くださり of
        // くださる): it shares the base form's stem
        expect(basicForm!.startsWith(surface!.slice(0, -1)) && basicForm !== surface).toBe(true);
      } else {
        expect(pos).toBe('名詞');
        expect(basicForm).toBe(surface);
      }
    }
    const surfaces = userRows.map((r) => r[0]);
    expect(new Set(surfaces).size).toBe(surfaces.length);
  });
});

describe('user dictionary words after the build', () => {
  it.each([
    // IPADIC reads 置き + 配 (verb + noun)
    ['置き配でお願いしたのに玄関に放置された', '置き配'],
    // IPADIC reads 二 (number) + 段階 + 認証: the number would break the compound
    ['二段階認証のコードが届かない', '二段階認証'],
    ['サブスクを解約したい', 'サブスク'],
    ['アプデしてから落ちる', 'アプデ'],
    ['再ログインを求められる', '再ログイン'],
    ['ワンタイムパスワードが来ない', 'ワンタイムパスワード'],
    ['問い合わせ窓口に電話がつながらない', '問い合わせ窓口'],
    ['宅配ボックスに入れてほしい', '宅配ボックス'],
  ])('%s → one token %s', (text, word) => {
    const tokens = tokenizer.tokenizeText(text, 'ja');
    expect(tokens.map((t) => t.surface)).toContain(word);
    expect(tokens.find((t) => t.surface === word)).toMatchObject({ base: word, pos: 'noun', stop: false });
    expect(contentTerms(tokens, 'ja')).toContain(word);
  });

  it('every user word is a single token on its own', () => {
    const split = userRows.map((r) => r[0]!).filter((w) => tokenizer.tokenizeText(w, 'ja').length !== 1);
    expect(split).toEqual([]);
  });

  it('reads 〜していただけませんか as the verb いただける (IPADIC alone: い(る) + た + だけ), and a real いた + だけ as before', () => {
    const bases = (text: string): string[] => tokenizer.tokenizeText(text, 'ja').map((t) => t.base);
    expect(bases('ダークモードを追加していただけませんか')).toEqual(['ダークモード', 'を', '追加', 'する', 'て', 'いただける', 'ます', 'ん', 'か']);
    expect(bases('待っていただけです')).toEqual(['待つ', 'て', 'いる', 'た', 'だけ', 'です']);
    expect(bases('寝ていただけなのに')).toEqual(['寝る', 'て', 'いる', 'た', 'だけ', 'だ', 'のに']);
  });

  it('reads くださり as くださる (IPADIC alone: くだ + さる)', () => {
    const bases = (text: string): string[] => tokenizer.tokenizeText(text, 'ja').map((t) => t.base);
    expect(bases('ご対応くださり、ありがとうございます')).toContain('くださる');
    expect(bases('説明して下さり助かりました')).toContain('下さる');
  });

  it('leaves ordinary IPADIC analysis alone', () => {
    const tokens = tokenizer.tokenizeText('荷物が届かなかった', 'ja');
    expect(tokens.map((t) => t.base)).toEqual(['荷物', 'が', '届く', 'ない', 'た']);
  });

  it('the build writes a stamp and the 12 dictionary files', () => {
    const stamp = JSON.parse(fs.readFileSync(path.join(KOE_DICT_DIR, 'koe-dict.stamp.json'), 'utf8')) as Record<string, unknown>;
    expect(stamp).toMatchObject({ userWords: userRows.length });
    expect(fs.readdirSync(KOE_DICT_DIR).filter((f) => f.endsWith('.dat.gz'))).toHaveLength(12);
  });
});

describe('the built dictionary, read uncompressed', () => {
  const SENTENCES = ['二段階認証のコードが届きません', '置き配にしてほしいです。', 'アプリが決済画面で落ちます', 'Apple Payで払えない'];

  it('writes every dictionary file uncompressed beside its .dat.gz, with the same bytes', () => {
    for (const gz of KUROMOJI_DICT_FILES) {
      const raw = path.join(KOE_DICT_DIR, rawDictFile(gz));
      expect(fs.readFileSync(raw).equals(zlib.gunzipSync(fs.readFileSync(path.join(KOE_DICT_DIR, gz)))), gz).toBe(true);
    }
  });

  it('loads from the uncompressed files (the .dat.gz ones are not read) and tokenizes as kuromoji does from the .dat.gz files', async () => {
    // A copy whose .dat.gz files are not gzip at all: only the uncompressed files can make a tokenizer of it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-rawdict-'));
    try {
      for (const gz of KUROMOJI_DICT_FILES) {
        fs.copyFileSync(path.join(KOE_DICT_DIR, rawDictFile(gz)), path.join(dir, rawDictFile(gz)));
        fs.writeFileSync(path.join(dir, gz), 'not gzip');
      }
      const raw = await getKuromoji({ dicPath: dir });
      const fromGz = await new Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>>((resolve, reject) =>
        kuromoji.builder({ dicPath: KOE_DICT_DIR }).build((err, t) => (err ? reject(err) : resolve(t))),
      );
      for (const s of SENTENCES) expect(raw.tokenize(s), s).toEqual(fromGz.tokenize(s));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
