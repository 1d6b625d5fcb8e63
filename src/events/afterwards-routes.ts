import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { clientLeft, setDownloadHeaders } from '../web/download';
import { CSV_CONTENT_TYPE, writeCsv } from '../web/spreadsheet';
import { writeXlsx, XLSX_CONTENT_TYPE } from '../web/xlsx';
import { writeZip, type ZipEntry } from '../web/zip';
import { zoneName } from '../web/format';
import { startDownload } from '../certificates/responses';
import { getEvent } from './events-query';
import type { Event } from './event.entity';
import { issueAttendanceCertificates } from './attendance-certificates';
import { attendanceBatches, attendanceSummary } from './attendance-certificate-queries';
import { attendanceFileName, renderAttendanceCertificate } from './attendance-certificate-pdf';
import { listCells, listHeader, listRows } from './registration-exports';
import { figuresView } from './event-figures-view';

/** «Участники — Педиатрия как искусство — 2026.csv», without characters file systems refuse. */
const fileNameOf = (text: string, ext: string) => `${text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150)}${ext}`;

/**
 * After an event (admin): certificates of attendance (issue, bulk ZIP), participant lists (CSV, XLSX,
 * streamed) and the figures page. The event page shows their links (views/partials/event-admin-afterwards.hbs).
 */
export function registerEventAfterwardsRoutes(app: Express, dataSource: DataSource, baseUrl: string, timeZone: string): void {
  const m = dataSource.manager;
  const eventOr404 = async (raw: unknown): Promise<Event> => {
    const id = parseId(raw);
    const event = id ? await getEvent(m, id) : null;
    if (!event) throw notFound();
    return event;
  };

  route(app, { method: 'post', path: '/admin/events/:id/attendance-certificates', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    const result = await dataSource.transaction((tx) => issueAttendanceCertificates(tx, event.id, req.user!.id, { timeZone }));
    if (!result.ok) throw new HttpError(result.problem === 'notStarted' ? 409 : 404, `eventsAfter.issue.${result.problem}`);
    if (!result.issued.length) flash(req, 'info', 'eventsAfter.issue.nothing');
    else flash(req, 'success', 'eventsAfter.issue.done', { count: result.issued.length, first: result.issued[0].number, last: result.issued[result.issued.length - 1].number });
    res.redirect(303, `/admin/events/${event.id}`);
  });

  route(app, { method: 'get', path: '/admin/events/:id/attendance-certificates.zip', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    if (!(await attendanceSummary(m, event.id)).issued) {
      flash(req, 'info', 'eventsAfter.issue.empty');
      return res.redirect(303, `/admin/events/${event.id}`);
    }
    startDownload(res, { fileName: fileNameOf(`${req.t('eventsAfter.certificate.kind')} — ${event.name}`, '.zip'), asciiFallback: `attendance-${event.slug}.zip`, contentType: 'application/zip' });
    async function* entries(): AsyncGenerator<ZipEntry> {
      for await (const batch of attendanceBatches(m, event.id)) {
        for (const c of batch) yield { name: attendanceFileName(c), content: await renderAttendanceCertificate(c, baseUrl) };
      }
    }
    // PDFs are compressed already: storing them spares the CPU
    await writeZip(res, entries(), { compress: false }).catch((err) => {
      if (!clientLeft(err, res)) throw err;
    });
  });

  const listOf = async (req: Request) => {
    const event = await eventOr404(req.params.id);
    return { event, ...listHeader(req.t, zoneName(timeZone, req.locale)), rows: listCells(await listRows(m, event.id), req.t, timeZone) };
  };

  route(app, { method: 'get', path: '/admin/events/:id/registrations.csv', policy: 'admin' }, async (req, res) => {
    const { event, header, rows } = await listOf(req);
    setDownloadHeaders(res, { fileName: fileNameOf(req.t('eventsAfter.export.fileName', { event: event.name }), '.csv'), asciiFallback: `registrations-${event.slug}.csv`, contentType: CSV_CONTENT_TYPE });
    await writeCsv(res, header, rows).catch((err) => {
      if (!clientLeft(err, res)) throw err;
    });
  });

  route(app, { method: 'get', path: '/admin/events/:id/registrations.xlsx', policy: 'admin' }, async (req, res) => {
    const { event, header, widths, rows } = await listOf(req);
    setDownloadHeaders(res, { fileName: fileNameOf(req.t('eventsAfter.export.fileName', { event: event.name }), '.xlsx'), asciiFallback: `registrations-${event.slug}.xlsx`, contentType: XLSX_CONTENT_TYPE });
    await writeXlsx(res, { name: req.t('eventsAfter.export.sheetName'), header, widths, rows });
  });

  route(app, { method: 'get', path: '/admin/events/:id/figures', policy: 'admin' }, async (req, res) => {
    const event = await eventOr404(req.params.id);
    res.render('admin/events/figures', { title: `${req.t('eventsAfter.figures.title')} — ${event.name}`, event: { id: event.id, name: event.name }, ...(await figuresView(m, event.id, req.t)) });
  });
}
