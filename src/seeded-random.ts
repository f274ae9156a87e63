// Every random choice in koe (theme discovery, model training, sampling) goes through this generator so that the
// same input and seed give the same results (mulberry32: small, fast, good enough for sampling and initialisation).

export type Random = () => number;

/** A generator of floats in [0, 1) fully determined by `seed`. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
