/**
 * CSV text → numeric table (one sample per row), with validation and precise errors:
 *   "data.csv: row 17, column 3: 'abc' is not a number"
 *   "data.csv: row 9 has 3 columns, expected 4 (as in row 1)"
 *   "data.csv: row 5, column 2: 'NaN' is not a finite number"
 * Rows and columns in messages count from 1 as in a text editor or spreadsheet (rows are file
 * lines, blank lines included in the count, so the number is the line to look at).
 *
 * Format: the delimiter is the first of ',', ';', tab found on the first non-blank line, else
 * runs of spaces. Fields may be double-quoted ("" escapes a quote). Blank lines are skipped;
 * lines starting with '#' are comments. The first row is a header when none of its fields is a
 * number. Numbers are decimal (optional sign, fraction, exponent); anything else, including
 * hexadecimal, empty fields, NaN and Infinity, is refused.
 */
import { DATA_LIMITS, DataError } from './data-set.ts';
import type { Table } from './table.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

export interface CsvOptions {
  /** Force (true) or forbid (false) a header row instead of detecting it. */
  readonly header?: boolean;
  readonly maxValues?: number;
}

function splitFields(line: string, delimiter: string | null): string[] {
  if (delimiter === null) return line.trim().split(/\s+/);
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function show(field: string): string {
  const t = field.length > 40 ? `${field.slice(0, 37)}...` : field;
  return `'${t}'`;
}

/** Parses CSV `text` from the file `name` (used in messages). */
export function parseCsv(text: string, name: string, options: CsvOptions = {}): Table {
  const maxValues = options.maxValues ?? DATA_LIMITS.maxValues;
  if (text.length > DATA_LIMITS.maxBytes) throw new DataError(`${name}: file too large (${text.length} characters; the limit is ${DATA_LIMITS.maxBytes})`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  let first = -1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t !== '' && !t.startsWith('#')) {
      first = i;
      break;
    }
  }
  if (first < 0) throw new DataError(`${name}: no data (the file is empty)`);
  const firstLine = lines[first];
  const delimiter = firstLine.includes(',') ? ',' : firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : null;

  const firstFields = splitFields(firstLine, delimiter).map((f) => f.trim());
  const isHeader = options.header ?? firstFields.every((f) => !NUMBER.test(f));
  const columns = firstFields.length;
  const header = isHeader ? firstFields : null;
  const rowsGuess = lines.length - first - (isHeader ? 1 : 0);
  let values = new Float64Array(Math.max(1, Math.min(rowsGuess, Math.floor(maxValues / columns) + 1)) * columns);
  let rows = 0;
  for (let i = isHeader ? first + 1 : first; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const row = i + 1;
    const fields = splitFields(line, delimiter);
    if (fields.length !== columns) {
      throw new DataError(`${name}: row ${row} has ${fields.length} column${fields.length === 1 ? '' : 's'}, expected ${columns} (as in row ${first + 1})`);
    }
    if ((rows + 1) * columns > maxValues) {
      throw new DataError(`${name}: too many values (more than ${maxValues}); the limit is ${maxValues} numbers`);
    }
    if ((rows + 1) * columns > values.length) {
      const grown = new Float64Array(Math.min(values.length * 2, (Math.floor(maxValues / columns) + 1) * columns));
      grown.set(values);
      values = grown;
    }
    for (let j = 0; j < columns; j++) {
      const field = fields[j].trim();
      if (!NUMBER.test(field)) {
        if (field === '') throw new DataError(`${name}: row ${row}, column ${j + 1}: empty field`);
        if (NON_FINITE.test(field)) throw new DataError(`${name}: row ${row}, column ${j + 1}: ${show(field)} is not a finite number`);
        throw new DataError(`${name}: row ${row}, column ${j + 1}: ${show(field)} is not a number`);
      }
      const v = Number(field);
      if (!Number.isFinite(v)) throw new DataError(`${name}: row ${row}, column ${j + 1}: ${show(field)} overflows (not a finite double)`);
      values[rows * columns + j] = v;
    }
    rows++;
  }
  if (rows === 0) throw new DataError(`${name}: no data rows${isHeader ? ' after the header' : ''}`);
  return { name, rows, columns, values: values.slice(0, rows * columns), header };
}
