// Top functions by self time in V8 .cpuprofile files (node --cpu-prof), one table per file. With --inclusive, by
// total time (self + callees, each function counted once per sample), which shows what a flat profile's stages cost.
//   npx tsx scripts/lib/summarize-cpuprofile.ts DIR_OR_FILES... [--top 15] [--inclusive]
import fs from 'node:fs';
import path from 'node:path';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
const inclusive = args.includes('--inclusive');
const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1)).flatMap((a) =>
  fs.statSync(a).isDirectory() ? fs.readdirSync(a).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(a, f)) : [a],
);
for (const file of files) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: Node): string => {
    const url = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src|scripts)\//, '$1/');
    return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const byFn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    total += us;
    if (!inclusive) {
      const key = keyOf(byId.get(id)!);
      byFn.set(key, (byFn.get(key) ?? 0) + us);
      continue;
    }
    // Every function on the stack of these samples, once (recursion does not count twice).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      byFn.set(key, (byFn.get(key) ?? 0) + us);
    }
  }
  console.log(`\n${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, by ${inclusive ? 'total (inclusive)' : 'self'} time`);
  for (const [k, us] of [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(7)} s  ${k}`);
  }
}
