import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { clientLeft, setDownloadHeaders } from '../web/download';
import { CSV_CONTENT_TYPE, writeCsv } from '../web/spreadsheet';
import { writeXlsx, XLSX_CONTENT_TYPE } from '../web/xlsx';
import { phaseKeys } from '../cycles/phases';
import { getCycle } from '../cycles/cycles-query';
import type { Cycle } from '../cycles/cycle.entity';
import { originFigures, totalsOf, trackFigures } from './programme-report';
import { participantExportCells, participantExportHeader, participantExportRows } from './participant-export';

/** «Участники — Наш детский врач — стажировки 2027.csv», without characters file systems refuse. */
const fileNameOf = (req: Request, cycle: Cycle, ext: string) =>
  req.t('programmeCompletion.export.fileName', { cycle: cycle.name }).replace(/[\\/:*?"<>|\x00-\x1f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150) + ext;

/** A programme's report page and its participants' exports (issue 12); an award's id is "not found". */
export function registerProgrammeReportRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const programmeOr404 = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle || cycle.kind !== 'programme') throw notFound();
    return cycle;
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/programme-report', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req);
    const tracks = await trackFigures(m, cycle.id);
    const origins = await originFigures(m, cycle.id);
    res.render('admin/programmes/report', {
      title: req.t('programmeCompletion.report.title', { cycle: cycle.name }),
      cycle: { id: cycle.id, name: cycle.name },
      phaseKey: phaseKeys('programme', cycle.status).label,
      tracks,
      trackTotals: totalsOf(tracks, ['places', 'offered', 'confirmed', 'declinedOrExpired', 'completed', 'notCompleted', 'hours']),
      origins,
      originTotals: totalsOf(origins, ['applications', 'placed', 'completed']),
    });
  });

  route(app, { method: 'get', path: '/admin/cycles/:id/participants.csv', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req);
    const { header } = participantExportHeader(req.t);
    const rows = participantExportCells(await participantExportRows(m, cycle.id), req.t);
    setDownloadHeaders(res, { fileName: fileNameOf(req, cycle, '.csv'), asciiFallback: `participants-${cycle.id}.csv`, contentType: CSV_CONTENT_TYPE });
    await writeCsv(res, header, rows).catch((err) => {
      if (!clientLeft(err, res)) throw err;
    });
  });

  route(app, { method: 'get', path: '/admin/cycles/:id/participants.xlsx', policy: 'admin' }, async (req, res) => {
    const cycle = await programmeOr404(req);
    const { header, widths } = participantExportHeader(req.t);
    const rows = participantExportCells(await participantExportRows(m, cycle.id), req.t);
    setDownloadHeaders(res, { fileName: fileNameOf(req, cycle, '.xlsx'), asciiFallback: `participants-${cycle.id}.xlsx`, contentType: XLSX_CONTENT_TYPE });
    await writeXlsx(res, { name: req.t('programmeCompletion.export.sheetName'), header, widths, rows });
  });
}
