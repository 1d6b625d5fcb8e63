import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel';
import { roomIn } from './download';
import { neutraliseFormula, type Cell } from './spreadsheet';

/**
 * XLSX through exceljs's streaming writer: each row is written out as it comes (no shared-string table,
 * which would hold every distinct text until the end), and the next is added only when the client has
 * taken what was written, so a cycle of any size never sits in memory. The sheet: a bold frozen header
 * row, column widths, text as inline strings with formulas neutralised (./spreadsheet.ts).
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxSheet {
  name: string;
  header: readonly string[];
  rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>;
  /** column widths in characters; columns without one get Excel's default */
  widths?: readonly number[];
}

/** sheet XML allowed to wait for the zip's compressor before more rows are added */
const MAX_BACKLOG = 1 << 20;
const MAX_CELL_TEXT = 32_767; // Excel's limit; longer text makes it "repair" the file
/** characters XML 1.0 cannot hold (control bytes, lone surrogates): a file holding one does not open */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a spreadsheet cell holds it: formula neutralised, characters XML forbids dropped, cut at Excel's limit. */
export function cellText(value: string): string {
  return neutraliseFormula(value.replace(NOT_XML, '')).slice(0, MAX_CELL_TEXT);
}

/**
 * A cell as exceljs takes it. Text goes in as rich text of one run: exceljs writes that as an inline
 * string (`t="inlineStr"`), where a plain string without a shared-string table would become a formula
 * result (`t="str"`).
 */
function cellValue(value: Cell): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return { richText: [{ text: cellText(value) }] };
}

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

/**
 * The sheet XML that exceljs has handed its zip (archiver) and the zip has not yet compressed. exceljs
 * writes it into a PassThrough that archiver reads, without waiting for room: rows added faster than
 * deflate runs would pile up there (the whole sheet, measured). exceljs 4.4 exposes no signal for this,
 * so it is read from that stream's buffers; if a later version moves them, this reads 0 and only the
 * client's pace (roomIn) is kept, which test/web/xlsx.test.ts would show as a memory failure.
 */
function backlog(worksheet: ExcelJS.Worksheet): number {
  type Buffered = { _writableState?: { length: number }; _readableState?: { length: number } };
  const pipe = (worksheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes?.[0];
  return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
}

/** Settles when `out` has been written to the end, or has gone (the client left). */
function closed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed || out.writableFinished) return resolve();
    out.once('close', resolve);
    out.once('finish', resolve);
  });
}

/**
 * Writes the workbook to `out` (an HTTP response, a file) and resolves when it has all been written, or
 * as soon as the client has left (the rows are then closed, their `finally` runs). If reading the rows
 * fails, `out` is destroyed (the client sees a broken download, never a short file) and this rejects.
 */
export async function writeXlsx(out: Writable, sheet: XlsxSheet): Promise<void> {
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  if (sheet.widths?.length) worksheet.columns = sheet.widths.map((width) => ({ width }));
  const header = worksheet.addRow(sheet.header.map(cellValue));
  header.font = { bold: true };
  header.commit();
  try {
    for await (const row of sheet.rows) {
      if (out.destroyed) return;
      worksheet.addRow(row.map(cellValue)).commit();
      while (backlog(worksheet) > MAX_BACKLOG && !out.destroyed) await new Promise((resolve) => setTimeout(resolve, 2));
      await roomIn(out);
    }
    if (out.destroyed) return;
    worksheet.commit();
    const committed = workbook.commit();
    committed.catch(() => undefined); // a failure after the client has gone is of no interest
    await Promise.race([committed, closed(out)]);
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  }
}
