// Literal strings one of which every match of a regex contains, read from its source: a text that holds none of
// them cannot match, and `includes` says so faster than running the regex. A document meets ~300 cue regexes and
// matches a handful; most are ruled out by a word they need (\bcrash(es|ed)?\b needs "crash").
//
// This is the "prefilter" of RE2 and of trigram code search (Russ Cox, "Regular Expression Matching with a Trigram
// Index"), reduced to what cue patterns use. Soundness is all that matters: whatever this module does not understand
// (back-references, case-insensitive flags, large classes) yields "no literal required", which only costs speed.

/** What a piece of a pattern can match: a small set of exact strings, or a requirement (one of these strings). */
type Info = { exact: Set<string> } | { any: Set<string> | null };

const MAX_EXACT = 64;
const MAX_CLASS = 8;

class Unsupported extends Error {}

function requirement(info: Info): Set<string> | null {
  if ('any' in info) return info.any;
  return exactRequirement(info.exact);
}

/** One of these strings is in every match; "errors" or "error" says no more than "error" alone. */
function exactRequirement(exact: Set<string>): Set<string> | null {
  if (exact.has('')) return null;
  const all = [...exact];
  return new Set(all.filter((x) => !all.some((y) => y !== x && x.includes(y))));
}

/**
 * The stronger of two requirements (both hold): the longer shortest literal (rarer in texts that do not match),
 * then fewer alternatives. The automaton's scan costs the same for any number of literals.
 */
function stronger(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  const shortest = (s: Set<string>): number => Math.min(...[...s].map((x) => x.length));
  const score = (s: Set<string>): number => shortest(s) * 1000 - s.size;
  return score(b) > score(a) ? b : a;
}

function alternate(a: Info, b: Info): Info {
  if ('exact' in a && 'exact' in b && a.exact.size + b.exact.size <= MAX_EXACT) return { exact: new Set([...a.exact, ...b.exact]) };
  const ra = requirement(a);
  const rb = requirement(b);
  return { any: ra === null || rb === null ? null : new Set([...ra, ...rb]) };
}

const EMPTY: Info = { exact: new Set(['']) };
const ANY_CHAR: Info = { any: null };

/** Parses `source` (a regex with the u flag, no i flag) far enough to find its required literals. */
class Parser {
  private readonly chars: string[];
  private at = 0;

  constructor(source: string) {
    this.chars = [...source];
  }

  parse(): Info {
    const info = this.alternation();
    if (this.at !== this.chars.length) throw new Unsupported();
    return info;
  }

  private peek(): string | undefined {
    return this.chars[this.at];
  }

  private alternation(): Info {
    let info = this.sequence();
    while (this.peek() === '|') {
      this.at++;
      info = alternate(info, this.sequence());
    }
    return info;
  }

  /**
   * A sequence of atoms. Runs of atoms with exact sets are multiplied out while small; when a product would grow too
   * large a new run starts, since every run's strings are in the match as much as the whole's: `(表示|反映|…)(が|も)?
   * され(て)?(ない|…)` requires "され", not just "さ".
   */
  private sequence(): Info {
    let run: Set<string> = new Set(['']);
    let best: Set<string> | null = null;
    let exactSoFar = true;
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const info = this.quantified(this.atom());
      if ('exact' in info && run.size * info.exact.size <= MAX_EXACT) {
        const product = new Set<string>();
        for (const x of run) for (const y of info.exact) product.add(x + y);
        run = product;
        continue;
      }
      exactSoFar = false;
      best = stronger(best, exactRequirement(run));
      if ('exact' in info) run = info.exact;
      else {
        best = stronger(best, info.any);
        run = new Set(['']);
      }
    }
    if (exactSoFar) return { exact: run };
    return { any: stronger(best, exactRequirement(run)) };
  }

  private quantified(atom: Info): Info {
    const c = this.peek();
    let min: number;
    if (c === '?' || c === '*') {
      this.at++;
      min = 0;
    } else if (c === '+') {
      this.at++;
      min = 1;
    } else if (c === '{') {
      const rest = this.chars.slice(this.at).join('');
      const m = /^\{(\d+)(,\d*)?\}/.exec(rest);
      if (!m) throw new Unsupported();
      this.at += [...m[0]].length;
      min = Number(m[1]);
      if (min === 1 && m[2] === undefined) return this.lazy(atom);
    } else return atom;
    if (this.peek() === '?') this.at++; // lazy
    if (min === 0) return 'exact' in atom && atom.exact.size < MAX_EXACT ? { exact: new Set([...atom.exact, '']) } : { any: null };
    // At least once: whatever one occurrence requires.
    return { any: requirement(atom) };
  }

  private lazy(atom: Info): Info {
    if (this.peek() === '?') this.at++;
    return atom;
  }

  private atom(): Info {
    const c = this.chars[this.at++];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '.':
        return ANY_CHAR;
      case '^':
      case '$':
        return EMPTY;
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
      case undefined:
        throw new Unsupported();
      default:
        return { exact: new Set([c]) };
    }
  }

  private group(): Info {
    let lookaround = false;
    if (this.peek() === '?') {
      const rest = this.chars.slice(this.at, this.at + 3).join('');
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.at += 2;
        lookaround = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.at += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const close = this.chars.indexOf('>', this.at);
        if (close < 0) throw new Unsupported();
        this.at = close + 1;
      } else throw new Unsupported();
    }
    const inner = this.alternation();
    if (this.chars[this.at++] !== ')') throw new Unsupported();
    // A lookaround consumes nothing: it adds no requirement (ignoring what it asserts is safe).
    return lookaround ? EMPTY : inner;
  }

  /** An escape outside a class: a literal character, or a class/assertion. */
  private escape(): Info {
    const c = this.chars[this.at++];
    if (c === undefined) throw new Unsupported();
    if (c === 'b' || c === 'B') return EMPTY;
    if ('dDwWsS'.includes(c)) return ANY_CHAR;
    if (c === 'p' || c === 'P') {
      this.skipProperty();
      return ANY_CHAR;
    }
    const literal = this.escapedLiteral(c);
    return { exact: new Set([literal]) };
  }

  private skipProperty(): void {
    if (this.chars[this.at] !== '{') throw new Unsupported();
    const close = this.chars.indexOf('}', this.at);
    if (close < 0) throw new Unsupported();
    this.at = close + 1;
  }

  /** The character an escape stands for (after the backslash and `c`); throws for anything but plain literals. */
  private escapedLiteral(c: string): string {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'u':
      case 'x':
      case 'c':
      case 'k':
      case '0':
        throw new Unsupported();
      default:
        // With the u flag only syntax characters (and /, -) may be escaped: they stand for themselves.
        if (/^[\^$\\.*+?()[\]{}|/-]$/.test(c)) return c;
        throw new Unsupported();
    }
  }

  /** [..]: the set of its characters when small and plain, else any character. */
  private characterClass(): Info {
    if (this.peek() === '^') {
      this.skipClass();
      return ANY_CHAR;
    }
    const members = new Set<string>();
    let plain = true;
    let first = true;
    for (;;) {
      const c = this.chars[this.at++];
      if (c === undefined) throw new Unsupported();
      if (c === ']' && !first) break;
      if (c === ']') throw new Unsupported(); // []: matches nothing; not worth modelling
      first = false;
      let lo: string;
      if (c === '\\') {
        const e = this.chars[this.at++];
        if (e === undefined) throw new Unsupported();
        if ('dDwWsS'.includes(e)) {
          plain = false;
          continue;
        }
        if (e === 'p' || e === 'P') {
          this.skipProperty();
          plain = false;
          continue;
        }
        if (e === 'b') throw new Unsupported(); // backspace in a class
        lo = this.escapedLiteral(e);
      } else lo = c;
      if (this.peek() === '-' && this.chars[this.at + 1] !== ']' && this.chars[this.at + 1] !== undefined) {
        this.at++;
        let hi = this.chars[this.at++]!;
        if (hi === '\\') hi = this.escapedLiteral(this.chars[this.at++] ?? '');
        const from = lo.codePointAt(0)!;
        const to = hi.codePointAt(0)!;
        if (to < from) throw new Unsupported();
        if (to - from >= MAX_CLASS) {
          plain = false;
          continue;
        }
        for (let cp = from; cp <= to; cp++) members.add(String.fromCodePoint(cp));
        continue;
      }
      members.add(lo);
    }
    if (!plain || members.size > MAX_CLASS) return ANY_CHAR;
    return { exact: members };
  }

  private skipClass(): void {
    for (;;) {
      const c = this.chars[this.at++];
      if (c === undefined) throw new Unsupported();
      if (c === '\\') this.at++;
      else if (c === ']') return;
    }
  }
}

/**
 * Strings one of which occurs in every text the regex matches, or null when the source says nothing useful (or
 * uses what this reader does not handle). Only for regexes with exactly the u flag: the literals are compared exactly.
 */
export function requiredLiterals(re: RegExp): string[] | null {
  if (re.flags !== 'u') return null;
  try {
    const r = requirement(new Parser(re.source).parse());
    if (r === null || r.has('')) return null;
    return [...r];
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}
