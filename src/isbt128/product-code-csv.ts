import { parse } from 'csv-parse/sync';
import { PRODUCT_DESCRIPTION_CODE } from './structures';

export interface ProductCodeRow {
  code: string;
  description: string;
  class: string;
  modifiers: string;
  attributes: string;
}

export const PRODUCT_CODE_COLUMNS = ['code', 'description', 'class', 'modifiers', 'attributes'] as const;
export const MAX_PRODUCT_CODES = 20_000;

export interface CsvProblem {
  field: string;
  message: string;
}

/**
 * Parses and validates the bank's product code table (RFC 4180 CSV, with the header
 * `code,description,class,modifiers,attributes`). Every problem is reported with its line, so the
 * person loading the table can fix the file; nothing is loaded unless every row is right.
 */
export function parseProductCodeCsv(csv: string): { rows: ProductCodeRow[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(csv)) {
    return { rows: [], problems: [{ field: 'csv', message: 'contains control characters (NUL or other): not a text CSV file' }] };
  }
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    return { rows: [], problems: [{ field: err.lines ? `line ${err.lines}` : 'csv', message: `not readable as CSV: ${String(err.message ?? e).slice(0, 200)}` }] };
  }
  if (!records.length) return { rows: [], problems: [{ field: 'csv', message: 'is empty: expected the header code,description,class,modifiers,attributes and at least one row' }] };
  const header = records[0].map((h) => h.toLowerCase());
  if (header.join(',') !== PRODUCT_CODE_COLUMNS.join(',')) {
    return { rows: [], problems: [{ field: 'line 1', message: `the header must be exactly ${PRODUCT_CODE_COLUMNS.join(',')} (got ${records[0].join(',').slice(0, 200)})` }] };
  }
  const body = records.slice(1);
  if (!body.length) problems.push({ field: 'csv', message: 'has a header but no product codes' });
  if (body.length > MAX_PRODUCT_CODES) problems.push({ field: 'csv', message: `has ${body.length} rows; at most ${MAX_PRODUCT_CODES}` });
  const seen = new Map<string, number>();
  const rows: ProductCodeRow[] = [];
  body.forEach((cells, i) => {
    const line = `line ${i + 2}`;
    if (cells.length !== 5) {
      problems.push({ field: line, message: `has ${cells.length} columns; expected 5 (${PRODUCT_CODE_COLUMNS.join(',')})` });
      return;
    }
    const [code, description, klass, modifiers, attributes] = cells;
    if (!PRODUCT_DESCRIPTION_CODE.test(code)) problems.push({ field: `${line}: code`, message: `${JSON.stringify(code.slice(0, 20))} is not an ISBT 128 Product Description Code (a capital letter and 4 capital letters or digits, e.g. S1128)` });
    else if (seen.has(code)) problems.push({ field: `${line}: code`, message: `${code} is already on line ${seen.get(code)}` });
    else seen.set(code, i + 2);
    if (!description || description.length > 500) problems.push({ field: `${line}: description`, message: 'is required (1 to 500 characters)' });
    if (!klass || klass.length > 200) problems.push({ field: `${line}: class`, message: 'is required (1 to 200 characters)' });
    if (modifiers.length > 1000) problems.push({ field: `${line}: modifiers`, message: 'is longer than 1000 characters' });
    if (attributes.length > 1000) problems.push({ field: `${line}: attributes`, message: 'is longer than 1000 characters' });
    rows.push({ code, description, class: klass, modifiers, attributes });
  });
  return { rows, problems: problems.slice(0, 100) };
}
