import type { Random } from '../seeded-random.js';

export { seededRandom, type Random } from '../seeded-random.js';

/** Standard normal samples (Box–Muller) from a seeded generator. */
export function gaussian(random: Random): number {
  let u = random();
  if (u < 1e-12) u = 1e-12;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A 32-bit hash of a string (FNV-1a), used to derive sub-seeds from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
