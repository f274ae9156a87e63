// An order-free fingerprint of a theme's members: the sum modulo 2^32 of each member id's 32-bit FNV-1a hash. With
// the theme's size it tells whether the members its stored figures were computed from are still exactly its members
// (a move out and another in keep the size, not the sum), so a theme step at size can keep the figures of every theme
// no change reached. A sum, not a sorted list: members arrive in chunks, in any order, and cost four bytes a theme.

/** FNV-1a over the UTF-16 code units of `id`. */
export function memberIdHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The fingerprint of `hash`'s members and `id`. */
export function addMemberHash(hash: number, id: string): number {
  return (hash + memberIdHash(id)) >>> 0;
}

/** The fingerprint of a list of member ids. */
export function membersHash(ids: Iterable<string>): number {
  let h = 0;
  for (const id of ids) h = addMemberHash(h, id);
  return h;
}
