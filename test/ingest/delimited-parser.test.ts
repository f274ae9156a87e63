import { describe, expect, it } from 'vitest';
import { DelimitedParser, type ParsedRecord } from '../../src/ingest/delimited-parser.js';

function parse(text: string, chunkSize = text.length || 1, delimiter = ',', maxFieldBytes = 1024 * 1024, expectFields = 0): ParsedRecord[] {
  const parser = new DelimitedParser(delimiter, maxFieldBytes);
  if (expectFields > 0) parser.expectFields(expectFields);
  const out: ParsedRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) parser.push(text.slice(i, i + chunkSize), out);
  parser.end(out);
  return out;
}

const fieldsOf = (records: ParsedRecord[]): string[][] => records.map((r) => r.fields);

describe('DelimitedParser', () => {
  const cases: { name: string; input: string; fields: string[][]; lines: number[] }[] = [
    // plain LF records
    { name: 'lf', input: 'a,b\nc,d\n', fields: [['a', 'b'], ['c', 'd']], lines: [1, 2] },
    // CRLF and no final newline
    { name: 'crlf', input: 'a,b\r\nc,d', fields: [['a', 'b'], ['c', 'd']], lines: [1, 2] },
    // old Mac CR line ends
    { name: 'cr', input: 'a\rb\r', fields: [['a'], ['b']], lines: [1, 2] },
    // a quoted field holding the delimiter, a newline and doubled quotes; the next record starts on line 3
    { name: 'quoted', input: 'x,"1,\n2 ""q"""\ny,z\n', fields: [['x', '1,\n2 "q"'], ['y', 'z']], lines: [1, 3] },
    // empty fields and an empty quoted field
    { name: 'empty fields', input: ',"",\n', fields: [['', '', '']], lines: [1] },
    // blank lines are skipped but still counted
    { name: 'blank lines', input: 'a\n\n\r\nb\n', fields: [['a'], ['b']], lines: [1, 4] },
    // a quote in the middle of an unquoted field is an ordinary character
    { name: 'bare quote', input: 'say "hi",x\n', fields: [['say "hi"', 'x']], lines: [1] },
    // text after a closing quote is kept (as spreadsheets do)
    { name: 'after quote', input: '"ab"cd,e\n', fields: [['abcd', 'e']], lines: [1] },
    // Japanese text with CRLF inside quotes
    { name: 'japanese', input: '"一行目\r\n二行目",良い\r\n', fields: [['一行目\r\n二行目', '良い']], lines: [1] },
  ];

  for (const c of cases) {
    it(`parses ${c.name} the same whole and in 1-character chunks`, () => {
      for (const size of [c.input.length, 1, 2, 3]) {
        const records = parse(c.input, size);
        expect(fieldsOf(records)).toEqual(c.fields);
        expect(records.map((r) => r.line)).toEqual(c.lines);
        expect(records.every((r) => r.problem === null)).toBe(true);
      }
    });
  }

  it('splits on tabs for TSV', () => {
    expect(fieldsOf(parse('a\tb,c\t"d\te"\n', 5, '\t'))).toEqual([['a', 'b,c', 'd\te']]);
  });

  it('rejects an unclosed quote at EOF and reads the following lines again', () => {
    const records = parse('h1,h2\n1,"open\n2,ok\n3,fine\n', 1);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(records[1]!.problem).toMatchObject({ kind: 'unclosed_quote', fieldIndex: 1, quoteLine: 2, excerpt: 'open' });
    expect(records[2]!.fields).toEqual(['2', 'ok']);
    expect(records[3]!.fields).toEqual(['3', 'fine']);
  });

  it('drops a field over the byte limit without buffering it and flags the record', () => {
    const big = 'あ'.repeat(100); // 300 UTF-8 bytes
    const records = parse(`a,"${big}",c\nd,e,f\n`, 7, ',', 200);
    expect(records[0]!.problem).toEqual({ kind: 'field_too_large', fieldIndex: 1 });
    expect(records[0]!.fields).toEqual(['a', '', 'c']);
    expect(records[1]).toEqual({ line: 2, fields: ['d', 'e', 'f'], problem: null });
  });

  it('counts bytes, not characters, against the limit', () => {
    // 80 kana are 240 bytes: over a 200-byte limit though only 80 characters
    expect(parse(`${'ア'.repeat(80)}\n`, 10, ',', 200)[0]!.problem).not.toBeNull();
    expect(parse(`${'a'.repeat(200)}\n`, 10, ',', 200)[0]!.problem).toBeNull();
  });
});

describe('DelimitedParser: recovery from stray quotes', () => {
  const input = 'id,text\n1,"broken\n2,good\n3,"also broken\n4,good\n5,"fine, quoted"\n';
  it('rejects the line a stray quote opened on and reads the next lines again, whatever the chunk size', () => {
    for (const size of [1, 3, 7, input.length]) {
      const records = parse(input, size);
      const good = records.filter((r) => !r.problem).map((r) => r.fields);
      expect(good, `chunks of ${size}`).toEqual([['id', 'text'], ['2', 'good'], ['4', 'good'], ['5', 'fine, quoted']]);
      expect(records.filter((r) => r.problem).map((r) => [r.line, r.problem!.kind])).toEqual([
        [2, 'stray_quote'],
        [4, 'stray_quote'],
      ]);
    }
  });

  it('catches a stray quote "closed" before a delimiter by the field count, whatever the chunk size', () => {
    const text = 'id,text,n\n1,a,"3\n2,fine,2\n3,ends here",3\n4,last,4\n';
    for (const size of [1, 4, text.length]) {
      const records = parse(text, size, ',', 1024 * 1024, 3);
      expect(records.filter((r) => !r.problem).map((r) => r.fields[0]), `chunks of ${size}`).toEqual(['id', '2', '3', '4']);
      expect(records.filter((r) => r.problem).map((r) => r.line)).toEqual([2]);
    }
  });

  it('keeps a legitimate multi-line quoted field whole', () => {
    expect(fieldsOf(parse('a,b\n1,"line one\nline two"\n2,x\n', 5))).toEqual([['a', 'b'], ['1', 'line one\nline two'], ['2', 'x']]);
  });
});
