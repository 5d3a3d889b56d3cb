import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Parses the CSV files R's write.csv produces: quoted strings, bare numbers, NA. */
export function parseCsv(text: string): Record<string, string | null>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(!wasQuoted && field === 'NA' ? '\u0000NA' : field);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body
    .filter((r) => r.length === header!.length)
    .map((r) => Object.fromEntries(header!.map((name, k) => [name, r[k] === '\u0000NA' ? null : r[k]!])));
}

export type CsvRow = Record<string, string | null>;

/** Loads a fixture CSV from test/fixtures. */
export function loadFixture(name: string): CsvRow[] {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  return parseCsv(readFileSync(path, 'utf8'));
}

/** A numeric column; NA becomes null. */
export function num(rows: readonly CsvRow[], column: string): (number | null)[] {
  return rows.map((row) => (row[column] === null || row[column] === undefined ? null : Number(row[column])));
}

/** A text column. */
export function str(rows: readonly CsvRow[], column: string): string[] {
  return rows.map((row) => String(row[column]));
}

/** Rounds like R's print with `digits` significant digits (what the .Rout.save files show). */
export function signif(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}
