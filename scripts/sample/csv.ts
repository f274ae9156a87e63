// RFC 4180 CSV, written the way spreadsheet exports write it (quotes only where needed) and read back to check.

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return values.map(csvField).join(',');
}

/** Parses a whole CSV text into rows of fields; throws on a malformed quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inQuotes) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
        const next = text.charAt(i + 1);
        if (next !== ',' && next !== '\r' && next !== '\n' && next !== '') {
          throw new Error(`characters after a closing quote at offset ${i}`);
        }
      } else field += c;
    } else if (c === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      if (c === '"') throw new Error(`stray quote inside an unquoted field at offset ${i}`);
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new Error('unterminated quoted field at end of file');
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
