// Category labels a support lead can tell apart. categorizeThemes cuts a large area into parts (k-means over theme
// centres), and each part would be named after the area: two categories both called "請求・支払い / billing and
// payment". A part is then named after the area and what sets it apart from the other parts of that name: the concept
// its themes say that the others say least ("請求・支払い：為替 / billing and payment: exchange rate"), else its largest
// theme's first label word; a label never equals another's.
import { conceptDisplay } from './label-themes.js';
import { isJapaneseTerm } from './label-terms.js';
import { loadConceptDictionary, type ConceptDictionary } from './concept-dictionary.js';
import type { ThemeConceptProfile } from './theme-set.js';
import type { Theme } from './theme-types.js';

/** Concept areas that say how a customer feels or what they ask for, not what about: they set no category apart. */
const NOT_A_SUBJECT: ReadonlySet<string> = new Set(['sentiment', 'request']);

/** A distinguishing concept said by less than this share of a part's documents is joined by the next one. */
export const DISTINCTION_COVERS = 0.5;


/**
 * Share of a group's documents in themes that a concept belongs to (at least `conceptShare` of the theme mention it:
 * CATEGORY_CONCEPT_SHARE), as labelFromProfiles weighs concepts.
 */
function conceptShares(themes: readonly Theme[], profiles: ReadonlyMap<string, ThemeConceptProfile>, conceptShare: number): Map<string, number> {
  const weight = new Map<string, number>();
  let total = 0;
  for (const t of themes) {
    const { members, conceptDf } = profiles.get(t.id)!;
    total += members;
    for (const [id, n] of conceptDf) if (n >= conceptShare * members) weight.set(id, (weight.get(id) ?? 0) + members);
  }
  for (const [id, w] of weight) weight.set(id, w / Math.max(1, total));
  return weight;
}

/** "JA / EN" with each side followed by its word: "請求・支払い：為替 / billing and payment: exchange rate". */
export function withDistinction(base: string, ja: string | undefined, en: string | undefined): string {
  const sides = base.split(' / ');
  if (sides.length === 2 && isJapaneseTerm(sides[0]!) && !isJapaneseTerm(sides[1]!)) {
    return `${sides[0]}：${ja ?? en} / ${sides[1]}: ${en ?? ja}`;
  }
  return isJapaneseTerm(base) && ja !== undefined ? `${base}：${ja}` : `${base}: ${en ?? ja}`;
}

/** The words of a label, in both languages ("請求・支払い / billing and payment" → 請求, 支払い, billing and payment). */
const labelWords = (label: string): Set<string> => new Set(label.split(/ \/ |・|：|, |: /).map((w) => w.trim().toLowerCase()));

/** The concept that sets group `i` apart from the others of `rivals` (most said in it, least in the others), if any. */
function distinguishingConcept(
  dictionary: ConceptDictionary,
  shares: readonly Map<string, number>[],
  i: number,
  rivals: readonly number[],
  base: string,
): { ja: string | undefined; en: string | undefined } | null {
  const said = labelWords(base);
  const ranked: { id: string; lead: number; share: number }[] = [];
  for (const [id, share] of shares[i]!) {
    const concept = dictionary.byId.get(id)!;
    if (NOT_A_SUBJECT.has(concept.category)) continue;
    const ja = conceptDisplay(concept, 'ja');
    const en = conceptDisplay(concept, 'en');
    // The word that already names the category sets nothing apart ("カード / card: card").
    if ((ja !== undefined && said.has(ja)) || (en !== undefined && said.has(en.toLowerCase()))) continue;
    const lead = share - Math.max(0, ...rivals.filter((j) => j !== i).map((j) => shares[j]!.get(id) ?? 0));
    if (lead > 0) ranked.push({ id, lead, share });
  }
  ranked.sort((a, b) => b.lead - a.lead || b.share - a.share || (a.id < b.id ? -1 : 1));
  // A concept of less than half the part names only some of it: the next one that sets it apart joins it
  // ("billing and payment: pending, exchange rate").
  const chosen = ranked.slice(0, ranked[0] && ranked[0].share < DISTINCTION_COVERS && ranked.length > 1 ? 2 : 1);
  if (chosen.length === 0) return null;
  const words = chosen.map(({ id }) => dictionary.byId.get(id)!);
  const join = (lang: 'ja' | 'en', separator: string): string | undefined => {
    const ws = words.map((c) => conceptDisplay(c, lang)).filter((w): w is string => w !== undefined);
    return ws.length > 0 ? ws.join(separator) : undefined;
  };
  return { ja: join('ja', '・'), en: join('en', ', ') };
}

/** The largest of `themes` (ties by id). */
const largestTheme = (themes: readonly Theme[]): Theme | undefined => [...themes].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1))[0];

/** The first word of the largest theme's label in each language that the base does not say already. */
function themeWord(themes: readonly Theme[], base: string): { ja: string | undefined; en: string | undefined } | null {
  const said = labelWords(base);
  const largest = largestTheme(themes);
  if (!largest) return null;
  const first = (label: string | null, separator: string): string | undefined =>
    label?.split(separator).find((w) => w !== '' && !said.has(w.toLowerCase()));
  const ja = first(largest.labelJa, '・');
  const en = first(largest.labelEn, ', ');
  return ja === undefined && en === undefined ? null : { ja, en };
}

/**
 * Labels for the categories (`groups[i]` holds the themes of the category named `labels[i]`), where categories of
 * one name get what sets each apart (see the header). The result has no two labels alike: what nothing sets apart
 * is told by its largest theme's id. `conceptShare`: the share of a theme that must mention a concept for it to belong
 * to the theme (theme-set.ts CATEGORY_CONCEPT_SHARE).
 */
export function distinctCategoryLabels(
  groups: readonly (readonly Theme[])[],
  labels: readonly string[],
  profiles: ReadonlyMap<string, ThemeConceptProfile>,
  conceptShare: number,
): string[] {
  const dictionary = loadConceptDictionary();
  const out = [...labels];
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const shares = groups.map((themes) => conceptShares(themes, profiles, conceptShare));
  for (const [base, rivals] of byLabel) {
    if (rivals.length < 2) continue;
    for (const i of rivals) {
      const word = distinguishingConcept(dictionary, shares, i, rivals, base) ?? themeWord(groups[i]!, base);
      if (word) out[i] = withDistinction(base, word.ja, word.en);
    }
  }
  // What is still alike (no word sets it apart, or two parts' largest themes share their first word) is told by the
  // largest theme's id, which `koe themes` shows beside each theme.
  const seen = new Map<string, number>();
  out.forEach((l) => seen.set(l, (seen.get(l) ?? 0) + 1));
  return out.map((l, i) => {
    if (seen.get(l)! < 2) return l;
    const largest = largestTheme(groups[i]!);
    return largest ? `${l} (${largest.id})` : `${l} (${i + 1})`;
  });
}
