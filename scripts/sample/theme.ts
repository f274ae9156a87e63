// The shape of one planted theme: fragments in both languages that the composer stitches into feedback texts.
//
// Slots in fragments are filled per record: {item} {order} {days} {amount} {n} {time} {email} {phone} {card}
// {version} {hour}. A fragment may be limited to a date window (e.g. Obon delays, the 5.2 update).

export type SampleStyle = 'review' | 'ticket' | 'survey';

/** A fragment; the object form limits it to a date window or to some styles (e.g. "test message" to tickets). */
export type Frag = string | { text: string; from?: string; until?: string; only?: readonly SampleStyle[] };

/** Polite = です・ます / support-ticket voice; casual = app-review or tweet voice. */
export interface Registered {
  polite: Frag[];
  casual: Frag[];
}

export interface LangFragments {
  /** The main statement: every text has exactly one. */
  core: Registered;
  /** Supporting sentences: what happened, what was tried. */
  detail: Registered;
  /** Endings: a request, a feeling. */
  close: Registered;
  /** Survey-style short answers ("reason for your score"). */
  short: Frag[];
}

/** How the theme tends to rate: drives stars / NPS / CSAT / CES with noise. */
export type Polarity = 'negative' | 'request' | 'positive' | 'neutral';

export interface Theme {
  id: string;
  /** What a person would call it: used in data/README.md. */
  label: string;
  polarity: Polarity;
  /** Relative weight per file: how often the theme comes up in that channel. */
  weight: { reviews: number; tickets: number; survey: number };
  /** Multiplies the weight per language (default 1): e.g. English speakers ask for English more often. */
  langWeight?: { ja: number; en: number };
  /** Product the feedback is about (ticket and survey records); reviews are always the app. */
  products: ReadonlyArray<readonly [string, number]>;
  ja: LangFragments;
  en: LangFragments;
}

export function fragText(frag: Frag): string {
  return typeof frag === 'string' ? frag : frag.text;
}

/** True when the fragment may be used on this date (YYYY-MM-DD) in this style. */
export function fragAllowed(frag: Frag, day: string, style: SampleStyle): boolean {
  if (typeof frag === 'string') return true;
  if (frag.only !== undefined && !frag.only.includes(style)) return false;
  if (frag.from !== undefined && day < frag.from) return false;
  if (frag.until !== undefined && day > frag.until) return false;
  return true;
}
