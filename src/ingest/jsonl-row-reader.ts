import type { IngestItem } from '../types.js';
import { buildRow, reject, type RowValues, type ScalarField } from './build-row.js';
import { planColumns, valueAt, withoutPaths, type ColumnPlan, type ColumnRef } from './map-columns.js';
import { UNDECODABLE, type FileContext, type RowReader } from './row-reader.js';

/** Column plans are cached per key order; files with ever-changing keys stop caching past this many. */
const MAX_CACHED_PLANS = 1000;

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * JSON Lines rows: one object per line; keys map to koe fields like CSV columns, other keys (nested values
 * too) go to metadata as they are. A line that is not JSON or not an object is rejected. A line longer than the
 * size limit is dropped while it streams past and rejected once it ends.
 */
export class JsonlRowReader implements RowReader {
  private readonly plans = new Map<string, ColumnPlan>();
  private lineNo = 0;
  private partial = '';
  /** UTF-8 size of `partial`, computed only once it might be near the limit (-1: not yet needed). */
  private partialBytes = -1;
  private overflow = false;
  readonly stopped = false;

  constructor(private readonly ctx: FileContext) {}

  push(text: string, out: IngestItem[]): void {
    const max = this.ctx.options.maxFieldBytes;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.lineNo++;
      if (this.overflow) {
        this.pushTooLarge(out);
      } else {
        const piece = text.slice(start, nl);
        const line = this.partial === '' ? piece : this.partial + piece;
        if (line.length * 3 > max && Buffer.byteLength(line) > max) this.pushTooLarge(out);
        else this.line(line, out);
      }
      this.partial = '';
      this.partialBytes = -1;
      this.overflow = false;
      start = nl + 1;
    }
    if (start < text.length && !this.overflow) {
      const rest = start === 0 ? text : text.slice(start);
      this.partial += rest;
      // At most one line is held: past the limit it is dropped and only its end is looked for.
      if (this.partialBytes >= 0) this.partialBytes += Buffer.byteLength(rest);
      else if (this.partial.length * 3 > max) this.partialBytes = Buffer.byteLength(this.partial);
      if (this.partialBytes > max) {
        this.overflow = true;
        this.partial = '';
      }
    }
  }

  end(out: IngestItem[]): void {
    if (this.overflow) {
      this.lineNo++;
      this.pushTooLarge(out);
    } else if (this.partial !== '') {
      this.lineNo++;
      this.line(this.partial, out);
    }
    this.partial = '';
    this.overflow = false;
  }

  private pushTooLarge(out: IngestItem[]): void {
    this.ctx.line = this.lineNo;
    if (!this.ctx.skipping()) out.push(this.tooLarge());
  }

  private tooLarge(): IngestItem {
    return reject(this.ctx, null, `line is larger than ${this.ctx.options.maxFieldBytes} bytes`, null);
  }

  private line(raw: string, out: IngestItem[]): void {
    const { ctx } = this;
    ctx.line = this.lineNo;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    if (ctx.skipping()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const why = text.includes(UNDECODABLE) ? ctx.undecodableReason() : `not valid JSON (${(err as Error).message})`;
      out.push(reject(ctx, null, why, text));
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.push(reject(ctx, null, `a JSONL line must be a JSON object, got ${kindOf(value)}`, text));
      return;
    }
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (text.includes(UNDECODABLE)) {
      const bad = keys.find((k) => k.includes(UNDECODABLE) || JSON.stringify(obj[k]).includes(UNDECODABLE)) ?? null;
      const shown = bad === null ? text : JSON.stringify(obj[bad]);
      out.push(reject(ctx, bad, ctx.undecodableReason(), shown.replaceAll(UNDECODABLE, '\uFFFD')));
      return;
    }
    const signature = keys.join('\u0000');
    let plan = this.plans.get(signature);
    if (!plan) {
      plan = planColumns(keys, ctx.options.mapping);
      if (this.plans.size < MAX_CACHED_PLANS) this.plans.set(signature, plan);
    }
    const cells = keys.map((k) => obj[k]);
    const values: RowValues = { text: plan.text.map((ref) => valueAt(cells, ref)), scalars: {}, ratings: [] };
    for (const [field, ref] of Object.entries(plan.fields) as [ScalarField, ColumnRef][]) values.scalars[field] = valueAt(cells, ref);
    for (const r of plan.ratings) values.ratings.push({ scale: r.scale, value: valueAt(cells, r.ref) });
    const metadata: Record<string, unknown> = {};
    for (const index of plan.extra) {
      const taken = plan.takenPaths.get(index);
      metadata[keys[index]!] = taken ? withoutPaths(cells[index], taken) : cells[index];
    }
    const item = buildRow(values, metadata, ctx);
    // A line without the text key: rejected saying so, unless it carries a rating (a rating-only document).
    if (plan.textProblem && !item.ok && item.rejected.field === 'text') out.push(reject(ctx, 'text', plan.textProblem, null));
    else out.push(item);
  }
}
