import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../web/excel';

/**
 * Reads a delegation's list (CSV or XLSX) into rows of text, with bounded time and memory: the upload is at
 * most MAX_IMPORT_BYTES, a spreadsheet's zip is opened by hand first and every part inflated under a budget
 * (a zip bomb stops at the budget instead of filling the memory), and only then given to exceljs, whose
 * inflation of the same parts is therefore bounded too. Everything wrong with the file itself is a FileProblem
 * (a 4xx for the route), never an exception.
 */

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** what all the parts of a spreadsheet may inflate to: 5,000 rows of five cells fit many times over */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 200;

export type FileProblem = 'tooLarge' | 'empty' | 'notSpreadsheet' | 'tooManyRows' | 'unreadable';
export type ReadFile = { ok: true; rows: string[][] } | { ok: false; problem: FileProblem };

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readImportFile(data: Buffer): Promise<ReadFile> {
  if (data.length === 0) return { ok: false, problem: 'empty' };
  if (data.length > MAX_IMPORT_BYTES) return { ok: false, problem: 'tooLarge' };
  // told by the bytes, not the name: a spreadsheet is a zip, a CSV is UTF-8 text
  const rows = data.subarray(0, 4).equals(ZIP_SIGNATURE) ? await readXlsx(data) : readCsv(data);
  if (!Array.isArray(rows)) return { ok: false, problem: rows };
  const filled = dropTrailingBlankRows(rows);
  if (!filled.length) return { ok: false, problem: 'empty' };
  // the header row and at most MAX_IMPORT_ROWS people
  if (filled.length > MAX_IMPORT_ROWS + 1) return { ok: false, problem: 'tooManyRows' };
  return { ok: true, rows: filled };
}

function dropTrailingBlankRows(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((c) => c.trim() === '')) end--;
  return rows.slice(0, end);
}

// ---- CSV -------------------------------------------------------------------------------------------------

/** UTF-8 text (a BOM tolerated), «;» or «,» separated as the header row shows, quotes as RFC 4180 has them. */
export function readCsv(data: Buffer): string[][] | FileProblem {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return 'notSpreadsheet';
  }
  // text with control characters other than tab and line ends is a binary file that happens to decode
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return 'notSpreadsheet';
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      if (rows.length > MAX_IMPORT_ROWS + 1) return 'tooManyRows';
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) return 'unreadable';
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** The separator the header row uses: the more frequent of «;» and «,» outside quotes (Excel in Russian writes «;»). */
function separatorOf(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

// ---- XLSX ------------------------------------------------------------------------------------------------

/** Checks every part of the zip inflates within the budget; false for a zip that is broken, odd or a bomb. */
export function zipWithinBudget(data: Buffer, budget = MAX_INFLATED_BYTES): boolean {
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > data.length) return false;
  const entries = data.readUInt16LE(eocd + 10);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff || entries > MAX_ZIP_ENTRIES) return false; // zip64 or too many parts
  let at = cdOffset;
  let inflated = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return false;
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return false;
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressedSize > data.length) return false;
    const body = data.subarray(start, start + compressedSize);
    if (method === 0) inflated += body.length;
    else if (method === 8) {
      try {
        // maxOutputLength stops the inflation at the budget left, whatever the sizes the zip claims
        inflated += inflateRawSync(body, { maxOutputLength: Math.max(1, budget - inflated) }).length;
      } catch {
        return false;
      }
    } else return false;
    if (inflated > budget) return false;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return true;
}

async function readXlsx(data: Buffer): Promise<string[][] | FileProblem> {
  if (!zipWithinBudget(data)) return 'unreadable';
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    // a zip that is not a workbook (a .docx, an .odt, a broken file)
    return 'notSpreadsheet';
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return 'notSpreadsheet';
  // only the rows the sheet holds: a lone cell far down must not make a million empty rows
  let last = 0;
  sheet.eachRow((_row, n) => (last = Math.max(last, n)));
  if (last > MAX_IMPORT_ROWS + 1) return 'tooManyRows';
  const rows: string[][] = Array.from({ length: last }, () => []);
  sheet.eachRow((row, n) => {
    for (let c = 1; c <= Math.min(row.cellCount, 50); c++) rows[n - 1].push(cellText(row.getCell(c).value));
  });
  return rows;
}

/** A cell as the text a person typed: rich text joined, a hyperlink's text, a formula's result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return value.result == null ? '' : cellText(value.result as ExcelJS.CellValue);
  return '';
}
