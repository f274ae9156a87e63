// Character-level cues (kaomoji, ♪, laughter, emoji) and the per-language calibration (neutral band, prior).
import { dictionaryPath } from '../paths.js';
import { LexiconFileError, numberField, parseTsv, readTextFile, termField } from './lexicon-file.js';

export type CueLang = 'ja' | 'en';

export interface TextCue {
  term: string;
  lang: 'ja' | 'en' | 'any';
  score: number;
}

export interface Calibration {
  neutralBand: number;
  /**
   * The neutral band of a document that asks something (a sentence with a question mark): a question's problem words
   * are often its topic ("is my cancelled flight rebooked?"), so it needs a stronger score to count as polar.
   */
  questionBand: number;
  /** The least neutral band of a document whose score rests on one cue or none: one word is weak evidence. */
  singleCueBand: number;
  prior: number;
}

export const TEXT_CUE_FILE = dictionaryPath('sentiment', 'text-cues.tsv');
export const CALIBRATION_FILE = dictionaryPath('sentiment', 'calibration.tsv');

export function parseTextCues(text: string, file: string): TextCue[] {
  return parseTsv(text, file, ['term', 'lang', 'score', 'note'], 3).map((row) => {
    const term = termField(row, file, 'term');
    const lang = row.fields.lang ?? '';
    if (lang !== 'ja' && lang !== 'en' && lang !== 'any') {
      throw new LexiconFileError(file, row.line, 'lang', lang, 'must be ja, en or any');
    }
    return { term, lang, score: numberField(row, file, 'score', -1, 1) };
  });
}

export function parseCalibration(text: string, file: string): Record<CueLang, Calibration> {
  const out: Partial<Record<CueLang, Calibration>> = {};
  for (const row of parseTsv(text, file, ['lang', 'neutral_band', 'question_band', 'single_cue_band', 'prior', 'note'], 5)) {
    const lang = row.fields.lang ?? '';
    if (lang !== 'ja' && lang !== 'en') throw new LexiconFileError(file, row.line, 'lang', lang, 'must be ja or en');
    out[lang] = {
      neutralBand: numberField(row, file, 'neutral_band', 0, 1),
      questionBand: numberField(row, file, 'question_band', 0, 1),
      singleCueBand: numberField(row, file, 'single_cue_band', 0, 1),
      prior: numberField(row, file, 'prior', -0.2, 0.2),
    };
  }
  if (!out.ja || !out.en) throw new LexiconFileError(file, 0, 'lang', '', 'needs one row for ja and one for en');
  return { ja: out.ja, en: out.en };
}

let cuesByLang: Record<CueLang, TextCue[]> | undefined;
let calibration: Record<CueLang, Calibration> | undefined;

function textCues(lang: CueLang): TextCue[] {
  if (!cuesByLang) {
    const all = parseTextCues(readTextFile(TEXT_CUE_FILE), TEXT_CUE_FILE);
    // Longer cues first so that (^^;) is seen before ^^ (a shorter cue inside a matched longer one is skipped).
    all.sort((a, b) => b.term.length - a.term.length);
    cuesByLang = {
      ja: all.filter((c) => c.lang !== 'en'),
      en: all.filter((c) => c.lang !== 'ja'),
    };
  }
  return cuesByLang[lang];
}

let cuesByFirstUnit: Record<CueLang, Map<number, number[]>> | undefined;

/** Per cue of textCues(lang), in order: 1 when the text holds the cue's first UTF-16 unit. */
function cuesWhoseFirstUnitOccurs(text: string, lang: CueLang): Uint8Array {
  if (!cuesByFirstUnit) {
    const index = (cues: TextCue[]): Map<number, number[]> => {
      const map = new Map<number, number[]>();
      cues.forEach((cue, i) => {
        const unit = cue.term.charCodeAt(0);
        map.set(unit, [...(map.get(unit) ?? []), i]);
      });
      return map;
    };
    cuesByFirstUnit = { ja: index(textCues('ja')), en: index(textCues('en')) };
  }
  const byUnit = cuesByFirstUnit[lang];
  const present = new Uint8Array(textCues(lang).length);
  for (let k = 0; k < text.length; k++) {
    const cues = byUnit.get(text.charCodeAt(k));
    if (cues !== undefined) for (const i of cues) present[i] = 1;
  }
  return present;
}

/** The bundled calibration, read once. */
export function languageCalibration(lang: CueLang): Calibration {
  calibration ??= parseCalibration(readTextFile(CALIBRATION_FILE), CALIBRATION_FILE);
  return calibration[lang];
}

/**
 * Valence of a sentence's character cues: each listed cue counts once, emoji count each (up to 3), and the total is
 * kept within [-1, 1].
 */
export function textCueValence(text: string, lang: CueLang, emoji: ReadonlyMap<string, number>): number {
  let sum = 0;
  const matched: string[] = [];
  const cues = textCues(lang);
  const present = cuesWhoseFirstUnitOccurs(text, lang);
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i]!;
    // A cue whose first character is nowhere in the text is not in it: most sentences hold none of the ~60 cues.
    if (present[i] !== 1) continue;
    if (text.includes(cue.term) && !matched.some((m) => m.includes(cue.term))) {
      sum += cue.score;
      matched.push(cue.term);
    }
  }
  let emojiCount = 0;
  for (let i = 0; i < text.length && emojiCount < 3; i++) {
    const code = text.charCodeAt(i);
    // Emoji and pictographs live above U+2190 (arrows) — skip the common Latin/kana range quickly.
    if (code < 0x2190 || (code >= 0x3000 && code < 0xd800) || (code >= 0xff00 && code < 0xfff0)) continue;
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    // An emoji listed among koe's cues was counted above, with koe's score instead of the derived one.
    const v = matched.includes(ch) ? undefined : emoji.get(ch);
    if (v !== undefined) {
      sum += v;
      emojiCount++;
    }
    if (cp > 0xffff) i++;
  }
  return Math.max(-1, Math.min(1, sum));
}
