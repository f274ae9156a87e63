import type { IngestItem } from '../types.js';
import { buildRow, reject } from './build-row.js';
import { DelimitedParser, type ParsedRecord } from './delimited-parser.js';
import type { FieldName } from './ingest-options.js';
import { planColumns, uniqueHeader } from './map-columns.js';
import type { FileContext, RowReader } from './row-reader.js';

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
  /** [koe field, column] pairs, and the columns that go to metadata. */
  private fieldColumns: [FieldName, number][] = [];
  private extraColumns: number[] = [];
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
      out.push(reject(ctx, null, `the header row ${why}; file skipped`, null));
      return;
    }
    const header = uniqueHeader(record.fields);
    const plan = planColumns(header, ctx.options.fieldMap);
    if (plan.textProblem) {
      this.stopped = true;
      out.push(reject(ctx, 'text', `${plan.textProblem}; file skipped`, null));
      return;
    }
    for (const field of plan.missingMapped) {
      const column = ctx.options.fieldMap[field];
      out.push(reject(ctx, field, `no column "${column}" for ${field} (columns: ${header.join(', ')}); ${field} is left empty`, null));
    }
    this.header = header;
    this.fieldColumns = Object.entries(plan.fields) as [FieldName, number][];
    this.extraColumns = plan.extra;
    this.columnLabels = [...header];
    for (const [field, index] of this.fieldColumns) this.columnLabels[index] = field;
  }

  private label(index: number): string {
    return this.columnLabels[index] ?? `column_${index + 1}`;
  }

  private row(record: ParsedRecord, out: IngestItem[]): void {
    const { ctx } = this;
    const header = this.header!;
    const fields = record.fields;
    const problem = record.problem;
    if (problem) {
      const label = this.label(problem.fieldIndex);
      if (problem.kind === 'field_too_large') {
        out.push(reject(ctx, label, `${label} is larger than ${ctx.options.maxFieldBytes} bytes`, null));
      } else {
        const reason = `unclosed quote: the quoted field opened on line ${problem.quoteLine} never closes (the lines after it were read again without it)`;
        out.push(reject(ctx, label, reason, problem.excerpt));
      }
      return;
    }
    if (isBlankRecord(fields)) return;
    for (let i = 0; i < fields.length; i++) {
      if (fields[i]!.includes('\uFFFD')) {
        out.push(reject(ctx, this.label(i), ctx.undecodableReason(), fields[i]));
        return;
      }
    }
    const values: Partial<Record<FieldName, unknown>> = {};
    for (const [field, index] of this.fieldColumns) values[field] = fields[index];
    const metadata: Record<string, unknown> = {};
    for (const index of this.extraColumns) if (index < fields.length) metadata[header[index]!] = fields[index];
    // More cells than the header names: kept by position rather than dropped.
    for (let i = header.length; i < fields.length; i++) if (fields[i] !== '') metadata[`column_${i + 1}`] = fields[i];
    out.push(buildRow(values, metadata, ctx));
  }
}
