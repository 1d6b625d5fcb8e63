import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { clientLeft, setDownloadHeaders } from '../web/download';
import { CSV_CONTENT_TYPE, writeCsv, type Cell } from '../web/spreadsheet';
import { writeXlsx, XLSX_CONTENT_TYPE } from '../web/xlsx';
import { getCycle } from '../cycles/cycles-query';
import { phaseKeys } from '../cycles/phases';
import type { Cycle } from '../cycles/cycle.entity';
import { allocationExportHeader, allocationExportRows } from './allocation-exports';
import { mayReadAllocation } from './allocation-rules';

/** «Распределение — Стажировки 2027.csv», without characters file systems refuse. */
const fileNameOf = (req: Request, cycle: Cycle, ext: string) =>
  `${req.t('programmeAllocation.export.fileName', { cycle: cycle.name })}`.replace(/[\\/:*?"<>|\x00-\x1f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150) + ext;

async function* each(rows: Cell[][]): AsyncGenerator<Cell[]> {
  yield* rows;
}

/** The allocation of a programme's places as CSV and XLSX: rank, name, municipality, preferences, track, choice, why. */
export function registerAllocationExports(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const exportOf = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle || cycle.kind !== 'programme') throw notFound();
    if (!mayReadAllocation(cycle.status)) throw new HttpError(409, 'programmeAllocation.notYet', { phase: req.t(phaseKeys('programme', cycle.status).label) });
    return { cycle, ...allocationExportHeader(req.t), rows: await allocationExportRows(m, req.t, cycle) };
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/allocation.csv', policy: 'admin' }, async (req, res) => {
    const { cycle, header, rows } = await exportOf(req);
    setDownloadHeaders(res, { fileName: fileNameOf(req, cycle, '.csv'), asciiFallback: `allocation-${cycle.id}.csv`, contentType: CSV_CONTENT_TYPE });
    await writeCsv(res, header, each(rows)).catch((err) => {
      if (!clientLeft(err, res)) throw err;
    });
  });

  route(app, { method: 'get', path: '/admin/cycles/:id/allocation.xlsx', policy: 'admin' }, async (req, res) => {
    const { cycle, header, widths, rows } = await exportOf(req);
    setDownloadHeaders(res, { fileName: fileNameOf(req, cycle, '.xlsx'), asciiFallback: `allocation-${cycle.id}.xlsx`, contentType: XLSX_CONTENT_TYPE });
    await writeXlsx(res, { name: req.t('programmeAllocation.export.sheetName'), header, widths, rows });
  });
}
