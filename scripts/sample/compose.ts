// Stitches one feedback text from a theme's fragments: opener, core statement, details, ending, in the voice of
// the channel (app review, support ticket, survey answer), then fills the slots.

import { CARDS, EMAILS, EMOJI, ITEMS, JA_TYPOS, PHONES, TICKET_OPENERS, TICKET_SIGNOFFS, TICKET_SIGNOFFS_THANKS, amountText, fakeOrderNumber } from './common.js';
import type { SampleLang } from './common.js';
import type { Rng } from './prng.js';
import { fragAllowed, fragText } from './theme.js';
import type { Frag, Registered, SampleStyle, Theme } from './theme.js';

export type Style = SampleStyle;
export type TicketChannel = 'email' | 'chat' | 'phone';
type Register = keyof Registered;

export interface ComposeContext {
  theme: Theme;
  lang: SampleLang;
  style: Style;
  /** Ticket channel, for openers. */
  channel: TicketChannel | null;
  day: string;
  version: string;
  /** Japanese and English names of the customer's region. */
  region: { ja: string; en: string };
  /** A second theme mentioned in passing ("fast delivery, but expensive"), or null. */
  aside: Theme | null;
  rng: Rng;
}

/** Survey answers do not quote order numbers or contact details. */
const CONTACT_SLOTS = /\{(order|email|phone|card)\}/;

function usable(frags: readonly Frag[], ctx: ComposeContext): string[] {
  return frags
    .filter((f) => fragAllowed(f, ctx.day, ctx.style))
    .map(fragText)
    .filter((t) => ctx.style !== 'survey' || !CONTACT_SLOTS.test(t));
}

function pickFrom(frags: readonly Frag[], ctx: ComposeContext): string | null {
  const options = usable(frags, ctx);
  return options.length === 0 ? null : ctx.rng.pick(options);
}

function chooseRegister(ctx: ComposeContext): Register {
  const { rng, lang, style, channel } = ctx;
  if (style === 'ticket') return channel === 'chat' && rng.chance(0.25) ? 'casual' : 'polite';
  if (style === 'survey') return rng.chance(0.5) ? 'casual' : 'polite';
  return rng.chance(lang === 'ja' ? 0.6 : 0.7) ? 'casual' : 'polite';
}

/** Slots that must agree within one text (one order, one card, one amount). */
const STICKY_SLOTS = new Set(['order', 'amount', 'email', 'phone', 'card', 'days']);

function fillSlots(text: string, ctx: ComposeContext): string {
  const { rng, lang } = ctx;
  const sticky = new Map<string, string>();
  return text.replace(/\{(\w+)\}/g, (whole, slot: string) => {
    const known = sticky.get(slot);
    if (known !== undefined) return known;
    const value = slotValue(whole, slot, text, ctx);
    if (STICKY_SLOTS.has(slot)) sticky.set(slot, value);
    return value;
  });
  function slotValue(whole: string, slot: string, text: string, ctx: ComposeContext): string {
    switch (slot) {
      case 'item': return rng.pick(ITEMS[lang]);
      case 'order': return fakeOrderNumber(rng);
      case 'days': return String(rng.int(2, 6));
      case 'n': return String(rng.int(2, 5));
      case 'amount': return amountText(lang, rng);
      case 'time': return lang === 'ja' ? rng.pick(['18時〜20時', '19時〜21時', '午前中', '14時〜16時', '20時〜21時']) : rng.pick(['6-8pm', '7-9pm', 'morning', '2-4pm']);
      case 'hour': return rng.pick(['5pm', '6pm', '7pm', '3pm']);
      case 'email': return rng.pick(EMAILS);
      case 'phone': return rng.pick(PHONES);
      case 'card': return rng.pick(CARDS);
      case 'version': return ctx.version;
      case 'region': return ctx.region[lang];
      default: throw new Error(`unknown slot ${whole} in fragment: ${text}`);
    }
  }
}

/** Casual Japanese often separates sentences with a full-width space instead of 。 */
const IDEOGRAPHIC_SPACE = '\u3000';
const JA_SENTENCE_END = /[。！？!?…)）wｗ」\n]$|\p{Extended_Pictographic}$/u;
const EN_SENTENCE_END = /[.!?)\n]$|\p{Extended_Pictographic}$/u;

/** Joins sentences the way each language writes them; casual fragments without a full stop get one. */
function joinSentences(parts: readonly string[], ctx: ComposeContext, newlineChance: number): string {
  const { rng, lang } = ctx;
  let out = '';
  for (const part of parts) {
    if (out === '') {
      out = part;
      continue;
    }
    if (/[\n、：]$/.test(out) || part.startsWith('\n')) {
      out += part;
      continue;
    }
    if (/[,:]$/.test(out)) {
      out += ' ' + part;
      continue;
    }
    const newline = rng.chance(newlineChance);
    if (lang === 'ja' && !JA_SENTENCE_END.test(out)) {
      const stop = rng.pick(['。', '。', '！', IDEOGRAPHIC_SPACE, ' ']);
      // A line break already ends the sentence; a trailing space before it would be noise.
      if (!(newline && stop.trim() === '')) out += stop;
    }
    if (lang === 'en' && !EN_SENTENCE_END.test(out)) out += rng.pick(['.', '.', '!']);
    if (newline) out += '\n' + part;
    else if (lang === 'ja') out += /[\u3000 ]$/.test(out) ? part : /[A-Za-z0-9,]$/.test(out) ? ' ' + part : part;
    else out += ' ' + part;
  }
  return out;
}

/** Words that keep their capital when a sentence is tucked after "But" / "Also,". */
const PROPER_START = /^(I|I'm|I've|Premium|KoeMart|Apple|PayPay|Google|English|Japanese|Obon|Android|iPhone)\b/;

/** A passing mention of another theme: "あと、送料が高い。" / "But the delivery fee is too high." */
function asideSentence(ctx: ComposeContext, register: Register): string | null {
  const { aside, lang, theme } = ctx;
  if (!aside) return null;
  const core = pickFrom(aside[lang].core[register], ctx);
  if (!core) return null;
  const contrast =
    (aside.polarity === 'positive' && theme.polarity === 'negative') || (aside.polarity === 'negative' && theme.polarity === 'positive');
  if (lang === 'ja') {
    const link = contrast ? (register === 'polite' ? 'ただ、' : 'でも') : register === 'polite' ? 'また、' : 'あと、';
    return link + core;
  }
  const lowered = PROPER_START.test(core) ? core : core.charAt(0).toLowerCase() + core.slice(1);
  return (contrast ? 'But ' : 'Also, ') + lowered;
}

function addTypo(text: string, ctx: ComposeContext): string {
  const { rng, lang } = ctx;
  if (lang === 'ja') {
    const candidates = JA_TYPOS.filter(([from]) => text.includes(from));
    if (candidates.length === 0) return text;
    const [from, to] = rng.pick(candidates);
    return text.replace(from, to);
  }
  const words = text.split(' ');
  const longWords = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/.test(w));
  if (longWords.length === 0) return text.toLowerCase();
  const [word, index] = rng.pick(longWords);
  const at = rng.int(1, word.length - 2);
  // Swap two neighbouring letters or drop one: the two commonest phone-keyboard slips.
  words[index] = rng.chance(0.5)
    ? word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2)
    : word.slice(0, at) + word.slice(at + 1);
  return words.join(' ');
}

function addEmoji(text: string, ctx: ComposeContext): string {
  const mood = ctx.theme.polarity === 'neutral' ? 'positive' : ctx.theme.polarity;
  const emoji = ctx.rng.pick(EMOJI[ctx.lang][mood]);
  return ctx.lang === 'ja' ? text.replace(/[。！]$/, '') + emoji : `${text} ${emoji}`;
}

export function composeText(ctx: ComposeContext): string {
  const { rng, lang, style, theme } = ctx;
  const frags = theme[lang];

  if (style === 'survey' && rng.chance(0.5)) {
    const short = pickFrom(frags.short, ctx);
    if (short) {
      const aside = ctx.aside ? pickFrom(ctx.aside[lang].short, ctx) : null;
      const joined = aside ? (lang === 'ja' ? `${short}。${aside}` : `${short}. ${aside}`) : short;
      return fillSlots(joined, ctx);
    }
  }

  const register = chooseRegister(ctx);
  const parts: string[] = [];
  const core = pickFrom(frags.core[register], ctx) ?? pickFrom(frags.core.polite, ctx);
  if (!core) throw new Error(`theme ${theme.id} has no ${lang} core fragment usable on ${ctx.day}`);

  const detailChance = style === 'ticket' ? 0.65 : style === 'review' ? 0.45 : 0.3;
  const closeChance = style === 'ticket' ? 0.6 : style === 'review' ? 0.4 : 0;
  const details = usable(frags.detail[register], ctx);

  if (style === 'ticket' && ctx.channel && theme.id !== 'noise' && rng.chance(ctx.channel === 'email' ? 0.75 : 0.4)) {
    parts.push(rng.pick(TICKET_OPENERS[lang][ctx.channel]) + (lang === 'en' && ctx.channel === 'email' ? '\n' : ''));
  }
  parts.push(core);
  if (details.length > 0 && rng.chance(detailChance)) {
    const first = rng.pick(details);
    parts.push(first);
    const rest = details.filter((d) => d !== first);
    if (rest.length > 0 && rng.chance(style === 'ticket' ? 0.3 : 0.12)) parts.push(rng.pick(rest));
  }
  const close = pickFrom(frags.close[register], ctx);
  if (close && rng.chance(closeChance)) parts.push(close);

  const newlineChance = style === 'review' ? 0.15 : style === 'ticket' ? 0.2 : 0;
  let text = joinSentences(parts, ctx, newlineChance);
  if (style === 'review' && register === 'casual' && rng.chance(0.18)) text = addEmoji(text, ctx);
  // The passing remark comes after the mood, as an afterthought: "…Shady 😡 But the drivers are nice."
  const aside = asideSentence(ctx, register);
  if (aside) text = joinSentences([text, aside], ctx, newlineChance);
  const closed = /よろしく|Thank/.test(text);
  if (style === 'ticket' && ctx.channel === 'email' && theme.id !== 'noise' && !closed && rng.chance(0.6)) {
    const signoffs = theme.polarity === 'positive' ? TICKET_SIGNOFFS_THANKS : TICKET_SIGNOFFS;
    text = joinSentences([text, (lang === 'en' ? '\n' : '') + rng.pick(signoffs[lang])], ctx, newlineChance);
  }
  text = fillSlots(text, ctx);
  if (style !== 'ticket' && register === 'casual' && rng.chance(0.07)) text = addTypo(text, ctx);
  return text;
}
