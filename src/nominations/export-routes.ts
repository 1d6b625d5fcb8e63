import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { clientLeft, setDownloadHeaders } from '../web/download';
import { CSV_CONTENT_TYPE, writeCsv } from '../web/spreadsheet';
import { writeXlsx, XLSX_CONTENT_TYPE } from '../web/xlsx';
import { exportCells, exportHeader, exportRows } from './exports';
import { findCycle, type CycleHead } from './screening-queries';
import { zoneName } from '../web/format';

/** «Заявки — Лучший детский врач Подмосковья — 2026.csv», without characters file systems refuse. */
const fileNameOf = (req: Request, cycle: CycleHead, ext: string) =>
  `${req.t('screening.export.fileName', { cycle: cycle.name })}`.replace(/[\\/:*?"<>|\x00-\x1f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150) + ext;

/**
 * A cycle's nominations (all but drafts) as CSV and XLSX for the organizing committee, streamed: rows are
 * read a batch at a time as the client takes the file (see exportRows), so a cycle of any size downloads
 * with flat memory; a client who leaves mid-way ends the reading quietly.
 */
export function registerNominationExports(app: Express, dataSource: DataSource, timeZone: string): void {
  const m = dataSource.manager;
  const exportOf = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await findCycle(m, id) : null;
    if (!cycle) throw notFound();
    return { cycle, ...exportHeader(req.t, zoneName(timeZone, req.locale)), rows: exportCells(await exportRows(m, cycle.id), req.t, timeZone) };
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/nominations.csv', policy: 'admin' }, async (req, res) => {
    const { cycle, header, rows } = await exportOf(req);
    setDownloadHeaders(res, { fileName: fileNameOf(req, cycle, '.csv'), asciiFallback: `nominations-${cycle.id}.csv`, contentType: CSV_CONTENT_TYPE });
    await writeCsv(res, header, rows).catch((err) => {
      if (!clientLeft(err, res)) throw err;
    });
  });

  route(app, { method: 'get', path: '/admin/cycles/:id/nominations.xlsx', policy: 'admin' }, async (req, res) => {
    const { cycle, header, widths, rows } = await exportOf(req);
    setDownloadHeaders(res, { fileName: fileNameOf(req, cycle, '.xlsx'), asciiFallback: `nominations-${cycle.id}.xlsx`, contentType: XLSX_CONTENT_TYPE });
    await writeXlsx(res, { name: req.t('screening.export.sheetName'), header, widths, rows });
  });
}
