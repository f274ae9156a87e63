// An order-free fingerprint of a theme's members: the sum modulo 2^32 of each member id's 32-bit FNV-1a hash. With
// the theme's size it tells whether the members its stored figures were computed from are still exactly its members
// (a move out and another in keep the size, not the sum), so a theme step at size can keep the figures of every theme
// no change reached. A sum, not a sorted list: members arrive in chunks, in any order, and cost four bytes a theme.

import { hashString } from './seeded-random.js';

/** The fingerprint of `hash`'s members and one more whose id hashes (hashString) to `idHash`. */
export function withMemberHash(hash: number, idHash: number): number {
  return (hash + idHash) >>> 0;
}

/** The fingerprint of `hash`'s members and `id`. */
export function addMemberHash(hash: number, id: string): number {
  return withMemberHash(hash, hashString(id));
}

/** The fingerprint of a list of member ids. */
export function membersHash(ids: Iterable<string>): number {
  let h = 0;
  for (const id of ids) h = addMemberHash(h, id);
  return h;
}
