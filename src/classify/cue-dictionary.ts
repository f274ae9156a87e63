// Cue dictionaries: small TSV files of patterns that vote for a label (feedback kind, journey stage, touchpoint).
// The format is documented in src/classify/README.md; every entry is checked when the file loads, and errors name
// the file, line and field, as textlint's prh dictionaries do.
import { readFileSync } from 'node:fs';
import { matchCueInView, viewOfText, type CueMatcher } from './match-cues.js';
import { requiredLiterals } from './regex-literals.js';

export const CUE_COLUMNS = ['pattern', 'weight', 'note', 'examples'] as const;

/** One entry of a cue file. */
export interface Cue<L extends string> {
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** The pattern as written: `/regex/` or a space-separated token sequence. */
  pattern: string;
  label: L;
  /** Votes for `label`; negative weights vote against it (e.g. "no errors" against bug). */
  weight: number;
  note: string;
  /** Texts the cue must match. */
  examples: string[];
  /** Texts the cue must not match (written `!text` in the file). */
  counterExamples: string[];
  matcher: CueMatcher;
}

/** A bad dictionary entry: the message names file, line, field and value. */
export class CueDictionaryError extends Error {
  override name = 'CueDictionaryError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly value: string,
    reason: string,
  ) {
    super(`${file}:${line}: ${field} ${JSON.stringify(value)}: ${reason}`);
  }
}

const MAX_ABS_WEIGHT = 10;

/**
 * Parses a cue file. `labelColumn` names the second column (e.g. "kind", "stage") and `labels` its allowed values.
 * Lines starting with `#` and blank lines are comments. The first other line is the header:
 * `pattern<TAB><labelColumn><TAB>weight<TAB>note<TAB>examples`.
 * Examples of regex cues are checked here; examples of token cues need a tokenizer (see `checkCueExamples`).
 */
export function parseCueFile<L extends string>(
  text: string,
  file: string,
  labelColumn: string,
  labels: readonly L[],
): Cue<L>[] {
  const expectedHeader = ['pattern', labelColumn, 'weight', 'note', 'examples'];
  const cues: Cue<L>[] = [];
  let headerSeen = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i] ?? '';
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const fields = raw.split('\t');
    if (!headerSeen) {
      if (fields.join('\t') !== expectedHeader.join('\t')) {
        throw new CueDictionaryError(file, lineNo, 'header', raw, `expected "${expectedHeader.join('\\t')}"`);
      }
      headerSeen = true;
      continue;
    }
    if (fields.length < 3 || fields.length > expectedHeader.length) {
      throw new CueDictionaryError(file, lineNo, 'line', raw, `expected 3 to ${expectedHeader.length} tab-separated fields, got ${fields.length}`);
    }
    const [pattern = '', label = '', weightText = '', note = '', examplesText = ''] = fields;
    if (pattern.trim() === '' || pattern !== pattern.trim()) {
      throw new CueDictionaryError(file, lineNo, 'pattern', pattern, 'must be non-empty with no surrounding spaces');
    }
    if (!(labels as readonly string[]).includes(label)) {
      throw new CueDictionaryError(file, lineNo, labelColumn, label, `must be one of ${labels.join(', ')}`);
    }
    const weight = Number(weightText);
    if (weightText.trim() === '' || !Number.isFinite(weight) || weight === 0 || Math.abs(weight) > MAX_ABS_WEIGHT) {
      throw new CueDictionaryError(file, lineNo, 'weight', weightText, `must be a non-zero number in [-${MAX_ABS_WEIGHT}, ${MAX_ABS_WEIGHT}]`);
    }
    const matcher = compilePattern(pattern, file, lineNo);
    const examples: string[] = [];
    const counterExamples: string[] = [];
    for (const ex of examplesText.split('|').map((s) => s.trim()).filter((s) => s !== '')) {
      if (ex.startsWith('!')) counterExamples.push(ex.slice(1).trim());
      else examples.push(ex);
    }
    const cue: Cue<L> = { file, line: lineNo, pattern, label: label as L, weight, note, examples, counterExamples, matcher };
    if (matcher.type === 'regex') {
      const failure = exampleFailures(cue, (t) => viewOfText(t, []))[0];
      if (failure) throw failure;
    }
    cues.push(cue);
  }
  if (!headerSeen) throw new CueDictionaryError(file, lines.length, 'header', '', `missing header "${expectedHeader.join('\\t')}"`);
  return cues;
}

export function loadCueFile<L extends string>(filePath: string, labelColumn: string, labels: readonly L[]): Cue<L>[] {
  return parseCueFile(readFileSync(filePath, 'utf8'), filePath, labelColumn, labels);
}

function compilePattern(pattern: string, file: string, line: number): CueMatcher {
  if (pattern.startsWith('/')) {
    if (pattern.length < 3 || !pattern.endsWith('/')) {
      throw new CueDictionaryError(file, line, 'pattern', pattern, 'a regex pattern is written /.../ (no flags: matching is case-insensitive)');
    }
    try {
      // Patterns run on lowercased text (viewOfText), so one without capitals needs no 'i' flag — and with the 'u'
      // flag, V8's case-insensitive matching is about 4× slower. A pattern with capitals (\P{Lu}, \S) keeps 'i'.
      const source = pattern.slice(1, -1);
      const re = new RegExp(source, /[A-Z]/.test(source) ? 'iu' : 'u');
      return { type: 'regex', re, literals: requiredLiterals(re) };
    } catch (err) {
      throw new CueDictionaryError(file, line, 'pattern', pattern, `invalid regex: ${(err as Error).message}`);
    }
  }
  const terms = pattern.split(' ').map((term) => term.split('|'));
  if (terms.some((alts) => alts.some((a) => a === ''))) {
    throw new CueDictionaryError(file, line, 'pattern', pattern, 'a token pattern is terms separated by single spaces, alternatives by |, none empty');
  }
  return { type: 'tokens', terms: terms.map((alts) => alts.map((a) => a.toLowerCase())) };
}

/** Examples that fail, as errors naming the entry; `viewOf` turns an example text into a match view. */
export function exampleFailures<L extends string>(
  cue: Cue<L>,
  viewOf: (text: string) => ReturnType<typeof viewOfText>,
): CueDictionaryError[] {
  const failures: CueDictionaryError[] = [];
  for (const ex of cue.examples) {
    if (!matchCueInView(cue.matcher, viewOf(ex))) {
      failures.push(new CueDictionaryError(cue.file, cue.line, 'examples', ex, `pattern ${cue.pattern} does not match this example`));
    }
  }
  for (const ex of cue.counterExamples) {
    if (matchCueInView(cue.matcher, viewOf(ex))) {
      failures.push(new CueDictionaryError(cue.file, cue.line, 'examples', `!${ex}`, `pattern ${cue.pattern} matches this counter-example`));
    }
  }
  return failures;
}
