import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Cells for spreadsheets people open in Excel or LibreOffice: the screening exports now, the public
 * winners CSV later. Two concerns live here and nowhere else:
 *
 * 1. Formula injection. A text cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return,
 *    which some programs skip before reading a formula) is run as a formula when the file is opened,
 *    so `=cmd|' /C calc'!A0` typed into a nomination would become a command. Such text gets a leading
 *    apostrophe, which Excel shows as plain text. Numbers are written as numbers and never changed, so
 *    a real negative number stays a number; only text is neutralised (a phone "+7 …" becomes "'+7 …").
 *
 * 2. CSV that Russian Excel opens correctly on a double click: UTF-8 with a byte-order mark (without it
 *    Excel reads the file as Windows-1251 and Cyrillic turns into mojibake), `;` between cells (the list
 *    separator of the Russian regional settings, so columns split without the import wizard; a comma
 *    would put each whole line into column A), CRLF line ends, and cells quoted when they hold `;`, `"`,
 *    CR or LF, with `"` doubled (RFC 4180). No `sep=;` line: with it, Excel ignores the BOM.
 */

export type Cell = string | number | null | undefined;

export const CSV_SEPARATOR = ';';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';
const CRLF = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would read as a formula, made inert by a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as CSV text: numbers as they are, text neutralised and quoted when it must be. */
export function csvCell(value: Cell, separator = CSV_SEPARATOR): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  const mustQuote = text.includes(separator) || /["\r\n]/.test(text);
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line with its CRLF ending. */
export function csvLine(cells: readonly Cell[], separator = CSV_SEPARATOR): string {
  return cells.map((c) => csvCell(c, separator)).join(separator) + CRLF;
}

/** A whole CSV file (BOM, header, rows), for tables that fit in memory (a cycle's nominations do). */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>, separator = CSV_SEPARATOR): string {
  const parts = [BOM, csvLine(header, separator)];
  for (const row of rows) parts.push(csvLine(row, separator));
  return parts.join('');
}

const CHUNK = 64 * 1024;

/** The CSV file as it is written: BOM and header first, then the rows as they come, in chunks of about 64 KB. */
async function* csvChunks(header: readonly string[], rows: AsyncIterable<readonly Cell[]>, separator: string): AsyncGenerator<string> {
  let chunk = BOM + csvLine(header, separator);
  for await (const row of rows) {
    chunk += csvLine(row, separator);
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/**
 * Streams a CSV file to `out` (an HTTP response): rows are pulled from `rows` only as fast as the reader
 * takes the bytes, so a table of any length holds one chunk in memory. If the reader leaves, `rows` is
 * closed (its `finally` runs) and this rejects with the stream's premature-close error.
 */
export async function writeCsv(out: Writable, header: readonly string[], rows: AsyncIterable<readonly Cell[]>, separator = CSV_SEPARATOR): Promise<void> {
  await pipeline(Readable.from(csvChunks(header, rows, separator)), out);
}
