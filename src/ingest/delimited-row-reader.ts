import type { IngestItem } from '../types.js';
import { buildRow, fileProblem, reject, type RowValues, type ScalarField } from './build-row.js';
import { DelimitedParser, type ParsedRecord } from './delimited-parser.js';
import { planColumns, uniqueHeader, type ColumnPlan } from './map-columns.js';
import { UNDECODABLE, type FileContext, type RowReader } from './row-reader.js';

const NO_RATINGS: RowValues['ratings'] = [];

function isBlankRecord(fields: string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

/**
 * CSV / TSV rows: the first non-blank record is the header. Short rows leave the missing fields empty; cells
 * beyond the header go to metadata as `column_N`. A row is rejected for an unclosed quote, a field over the
 * size limit, undecodable bytes, or a bad text, date, rating or scale.
 */
export class DelimitedRowReader implements RowReader {
  private readonly parser: DelimitedParser;
  private readonly records: ParsedRecord[] = [];
  private header: string[] | null = null;
  private plan: ColumnPlan | null = null;
  /** [koe field, column] pairs. */
  private fieldColumns: [ScalarField, number][] = [];
  /** What a column is called in a report: its koe field when it has one, else its header name. */
  private columnLabels: string[] = [];
  stopped = false;

  constructor(
    delimiter: string,
    private readonly ctx: FileContext,
  ) {
    this.parser = new DelimitedParser(delimiter, ctx.options.maxFieldBytes);
  }

  push(text: string, out: IngestItem[]): void {
    this.parser.push(text, this.records);
    this.drain(out);
  }

  end(out: IngestItem[]): void {
    this.parser.end(this.records);
    this.drain(out);
  }

  private drain(out: IngestItem[]): void {
    for (const record of this.records) {
      if (this.stopped) break;
      this.ctx.line = record.line;
      if (this.header) this.row(record, out);
      else this.readHeader(record, out);
    }
    this.records.length = 0;
  }

  private readHeader(record: ParsedRecord, out: IngestItem[]): void {
    const { ctx } = this;
    if (isBlankRecord(record.fields)) return;
    if (record.problem) {
      this.stopped = true;
      const why = record.problem.kind === 'unclosed_quote' ? 'has an unclosed quote' : `has a field larger than ${ctx.options.maxFieldBytes} bytes`;
      out.push(fileProblem(ctx, 'unusable', null, `the header row ${why}; file skipped`));
      return;
    }
    const header = uniqueHeader(record.fields);
    const plan = planColumns(header, ctx.options.mapping);
    if (plan.textProblem) {
      this.stopped = true;
      out.push(fileProblem(ctx, 'unusable', 'text', `${plan.textProblem}; file skipped`));
      return;
    }
    for (const what of plan.missingMapped) {
      out.push(fileProblem(ctx, 'warning', null, `no column for ${what} (columns: ${header.join(', ')}); it is left empty`));
    }
    this.header = header;
    this.plan = plan;
    this.parser.expectFields(header.length);
    this.fieldColumns = (Object.entries(plan.fields) as [ScalarField, { index: number }][]).map(([f, ref]) => [f, ref.index]);
    this.columnLabels = [...header];
    for (const [field, index] of this.fieldColumns) this.columnLabels[index] = field;
    for (const ref of plan.text) this.columnLabels[ref.index] = 'text';
    for (const r of plan.ratings) this.columnLabels[r.ref.index] = `${r.scale} rating`;
  }

  private label(index: number): string {
    return this.columnLabels[index] ?? `column_${index + 1}`;
  }

  private row(record: ParsedRecord, out: IngestItem[]): void {
    const { ctx } = this;
    const header = this.header!;
    const fields = record.fields;
    const problem = record.problem;
    // Every record but a blank one is a row (built or rejected): a resumed run passes over the committed ones.
    if (!problem && isBlankRecord(fields)) return;
    if (ctx.skipping()) return;
    if (problem) {
      const label = this.label(problem.fieldIndex);
      if (problem.kind === 'field_too_large') {
        out.push(reject(ctx, label, `${label} is larger than ${ctx.options.maxFieldBytes} bytes`, null));
      } else if (problem.kind === 'stray_quote') {
        const reason =
          `stray quote: the quoted field opened on line ${problem.quoteLine} ran into the next rows; ` +
          `line ${problem.quoteLine} is rejected and the lines after it were read again`;
        out.push(reject(ctx, label, reason, problem.excerpt));
      } else {
        const reason = `unclosed quote: the quoted field opened on line ${problem.quoteLine} never closes (the lines after it were read again without it)`;
        out.push(reject(ctx, label, reason, problem.excerpt));
      }
      return;
    }
    for (let i = 0; i < fields.length; i++) {
      if (fields[i]!.includes(UNDECODABLE)) {
        out.push(reject(ctx, this.label(i), ctx.undecodableReason(), fields[i]!.replaceAll(UNDECODABLE, '\uFFFD')));
        return;
      }
    }
    const plan = this.plan!;
    // Plain loops, no closures: this runs once per row.
    const text: unknown[] = [];
    for (let k = 0; k < plan.text.length; k++) text.push(fields[plan.text[k]!.index]);
    const values: RowValues = { text, scalars: {}, ratings: NO_RATINGS };
    for (const [field, index] of this.fieldColumns) values.scalars[field] = fields[index];
    if (plan.ratings.length > 0) values.ratings = plan.ratings.map((r) => ({ scale: r.scale, value: fields[r.ref.index] }));
    const metadata: Record<string, unknown> = {};
    for (const index of plan.extra) if (index < fields.length) metadata[header[index]!] = fields[index];
    // More cells than the header names: kept by position rather than dropped.
    for (let i = header.length; i < fields.length; i++) if (fields[i] !== '') metadata[`column_${i + 1}`] = fields[i];
    out.push(buildRow(values, metadata, ctx));
  }
}
