// Checks a theme step's result against the database itself: every live theme's stored figures recomputed from its
// primary members as stored (real SQLite, the stored vectors).
import { expect } from 'vitest';
import type { Db } from '../../src/store/open-store.js';
import { currentThemeModelId, fromBlob } from '../../src/store/theme-repository.js';
import { membersHash } from '../../src/themes/members-hash.js';

/**
 * Every live theme's stored figures are its primary members' (size, share negative, kinds, centre: the normalized
 * sum of their stored vectors, fingerprint), and a theme with none is not live.
 */
export function expectFiguresFollowMembers(db: Db): void {
  const model = currentThemeModelId(db)!;
  const themes = db.prepare("SELECT id, size, share_negative, kinds, centroid, centroid_norm, members_hash FROM themes WHERE status IN ('active', 'ignored')").all() as {
    id: string; size: number; share_negative: number; kinds: string; centroid: Buffer; centroid_norm: number; members_hash: number;
  }[];
  for (const t of themes) {
    const rows = db
      .prepare(
        `SELECT t.doc_id, a.sentiment_label, a.kind, v.vector FROM document_themes t JOIN analyses a ON a.doc_id = t.doc_id
         LEFT JOIN doc_vectors v ON v.doc_id = t.doc_id AND v.model = ? WHERE t.theme_id = ? AND t.rank = 0 ORDER BY t.doc_id`,
      )
      .all(model, t.id) as { doc_id: string; sentiment_label: string; kind: string | null; vector: Buffer | null }[];
    expect([t.id, t.size]).toEqual([t.id, rows.length]);
    expect([t.id, t.share_negative]).toEqual([t.id, rows.filter((r) => r.sentiment_label === 'negative').length / rows.length]);
    const kinds: Record<string, number> = {};
    for (const r of rows) if (r.kind) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    expect([t.id, JSON.parse(t.kinds)]).toEqual([t.id, kinds]);
    expect([t.id, t.members_hash]).toEqual([t.id, membersHash(rows.map((r) => r.doc_id))]);
    const centre = fromBlob(t.centroid);
    const sum = new Float64Array(centre.length);
    for (const r of rows) if (r.vector) fromBlob(r.vector).forEach((x, i) => (sum[i]! += x));
    const norm = Math.hypot(...sum);
    centre.forEach((x, i) => expect(x).toBeCloseTo(sum[i]! / norm, 5));
    expect([t.id, t.centroid_norm / norm]).toEqual([t.id, expect.closeTo(1, 5)]);
  }
}
