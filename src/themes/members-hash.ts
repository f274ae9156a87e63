// A theme member's key and a theme's fingerprint. The key is a 32-bit mix of the member's id (FNV-1a, then murmur3's
// finalizer): a theme's summary sample is its members with the lowest keys (a bottom-k sample: uniform, the same in
// whatever order members come, and moving one member changes it by at most one), and the sum of its members' keys
// modulo 2^32 is its fingerprint, which with the theme's size tells whether the members its stored figures were
// computed from are still exactly its members (a move out and another in keep the size, not the sum). A sum, not a
// sorted list: members arrive in chunks, in any order, and cost four bytes a theme. The store keeps each
// assignment's key (document_themes.sample_key, migration 017), so a step at size counts and samples a million
// members by one index in SQL instead of reading every assignment.

import { hashString } from './seeded-random.js';

/**
 * The mix of the key. 42 was the theme seed every sample was drawn with before keys were stored (a sample then
 * followed `themes.seed`): with it the default samples, quotes and labels stay as they were.
 */
const KEY_MIX = Math.imul(42 ^ 0x5117, 0x9e3779b1);

/** The key of a member with this id: its place in its theme's sample (lowest first), and its part of the fingerprint. */
export function memberKey(id: string): number {
  let h = (hashString(id) ^ KEY_MIX) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The fingerprint of `hash`'s members and one more whose key (memberKey) is `key`. */
export function withMemberHash(hash: number, key: number): number {
  return (hash + key) >>> 0;
}

/** The fingerprint of `hash`'s members and `id`. */
export function addMemberHash(hash: number, id: string): number {
  return withMemberHash(hash, memberKey(id));
}

/** The fingerprint of a list of member ids. */
export function membersHash(ids: Iterable<string>): number {
  let h = 0;
  for (const id of ids) h = addMemberHash(h, id);
  return h;
}
