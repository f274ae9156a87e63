// Audits a koe database's themes: every live theme's stored figures (size, negative share, kinds, fingerprint,
// centre and its length) recomputed from its primary members as stored, in one pass. The theme step keeps the
// figures of themes no change reached, and brings others up to date from what joined and left them (015, 016);
// this says whether they still equal a whole recount. Exit 1 on any mismatch.
//   npx tsx scripts/check-theme-figures.ts --db koe.db
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open-store.js';
import { currentThemeModelId, fromBlob } from '../src/store/theme-repository.js';
import { membersHash } from '../src/themes/members-hash.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) throw new Error('--db PATH is required');
const store = openStore(values.db, { readonly: true });
const db = store.db;
const model = currentThemeModelId(db);
if (model === null) throw new Error('no theme space in this database');
const themes = db
  .prepare("SELECT id, size, share_negative, kinds, centroid, centroid_norm, members_hash FROM themes WHERE status IN ('active', 'ignored')")
  .all() as { id: string; size: number; share_negative: number; kinds: string; centroid: Buffer | null; centroid_norm: number | null; members_hash: number | null }[];
const dim = (themes.find((t) => t.centroid)?.centroid?.byteLength ?? 0) / 4;
const members = new Map<string, { ids: string[]; negative: number; kinds: Record<string, number>; sum: Float64Array }>();
const rows = db
  .prepare(
    `SELECT t.doc_id, t.theme_id, a.sentiment_label, a.kind, v.vector FROM document_themes t JOIN analyses a ON a.doc_id = t.doc_id
     LEFT JOIN doc_vectors v ON v.doc_id = t.doc_id AND v.model = ? WHERE t.rank = 0`,
  )
  .raw()
  .iterate(model) as IterableIterator<[string, string, string | null, string | null, Buffer | null]>;
for (const [docId, themeId, sentiment, kind, vector] of rows) {
  let m = members.get(themeId);
  if (!m) members.set(themeId, (m = { ids: [], negative: 0, kinds: {}, sum: new Float64Array(dim) }));
  m.ids.push(docId);
  if (sentiment === 'negative') m.negative++;
  if (kind) m.kinds[kind] = (m.kinds[kind] ?? 0) + 1;
  if (vector) fromBlob(vector).forEach((x, i) => (m.sum[i]! += x));
}
let wrong = 0;
let worstCosine = 1;
let worstLength = 0;
for (const t of themes) {
  const m = members.get(t.id) ?? { ids: [], negative: 0, kinds: {}, sum: new Float64Array(dim) };
  const problems: string[] = [];
  if (t.size !== m.ids.length) problems.push(`size ${t.size}, members ${m.ids.length}`);
  if (m.ids.length > 0 && Math.abs(t.share_negative - m.negative / m.ids.length) > 1e-12) problems.push(`share negative ${t.share_negative}, members ${m.negative / m.ids.length}`);
  const sorted = (k: Record<string, number>) => JSON.stringify(Object.entries(k).sort());
  if (sorted(JSON.parse(t.kinds) as Record<string, number>) !== sorted(m.kinds)) problems.push(`kinds ${t.kinds}, members ${JSON.stringify(m.kinds)}`);
  if (t.members_hash !== null && t.members_hash !== membersHash(m.ids)) problems.push('fingerprint differs');
  const length = Math.hypot(...m.sum);
  if (t.centroid && length > 0) {
    const centre = fromBlob(t.centroid);
    const cosine = centre.reduce((s, x, i) => s + (x * m.sum[i]!) / length, 0);
    worstCosine = Math.min(worstCosine, cosine);
    if (cosine < 0.9999) problems.push(`centre cosine ${cosine}`);
  }
  if (t.centroid_norm !== null && length > 0) {
    worstLength = Math.max(worstLength, Math.abs(t.centroid_norm / length - 1));
    if (Math.abs(t.centroid_norm / length - 1) > 1e-4) problems.push(`centre length ${t.centroid_norm}, members ${length}`);
  }
  if (problems.length > 0) {
    wrong++;
    console.log(`${t.id}: ${problems.join('; ')}`);
  }
}
store.close();
console.log(`${themes.length} live themes, ${wrong} with figures that differ from their members; worst centre cosine ${worstCosine}, worst relative error of the centre's length ${worstLength.toExponential(1)}`);
process.exitCode = wrong > 0 ? 1 : 0;
