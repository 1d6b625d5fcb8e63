import type { Express, Request } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { getCycle } from '../cycles/cycles-query';
import { CERTIFICATE_KINDS, type CertificateKind } from './certificate.entity';
import { isCertificateKindOf } from './cycle-kinds';
import { writeCertificatesPdf, writeCertificatesZip } from './bulk';
import { startDownload } from './responses';

const kindFilter = (v: unknown): CertificateKind | undefined => z.enum(CERTIFICATE_KINDS).optional().catch(undefined).parse(v === '' ? undefined : v);

/** All valid certificates of a cycle (or of one kind) as one ZIP or one PDF for printing, streamed. */
export function registerCertificateBulkRoutes(app: Express, dataSource: DataSource, baseUrl: string): void {
  const m = dataSource.manager;

  const source = async (req: Request) => {
    const id = parseId(req.params.id);
    const cycle = id ? await getCycle(m, id) : null;
    if (!cycle) throw notFound();
    const filtered = kindFilter(req.query.kind);
    const kind = isCertificateKindOf(cycle.kind, filtered) ? filtered : undefined;
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM certificate WHERE cycle_id = $1 AND ($2::text IS NULL OR kind = $2) AND revoked_at IS NULL`, [cycle.id, kind ?? null]);
    const name = `${req.t(kind ? `certificates.bulk.${kind}` : 'certificates.bulk.all')} — ${cycle.name}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim();
    return { cycle, kind, count: n as number, name, ascii: `certificates-${cycle.code}-${cycle.year}${kind ? `-${kind}` : ''}` };
  };

  for (const format of ['zip', 'pdf'] as const) {
    route(app, { method: 'get', path: `/admin/cycles/:id/certificates.${format}`, policy: 'admin' }, async (req, res) => {
      const s = await source(req);
      if (!s.count) {
        flash(req, 'info', 'certificates.bulk.empty');
        return res.redirect(303, `/admin/cycles/${s.cycle.id}/certificates`);
      }
      const bulk = { m, cycleId: s.cycle.id, kind: s.kind, baseUrl };
      if (format === 'zip') {
        startDownload(res, { fileName: `${s.name}.zip`, asciiFallback: `${s.ascii}.zip`, contentType: 'application/zip' });
        await writeCertificatesZip(res, bulk);
      } else {
        startDownload(res, { fileName: `${s.name}.pdf`, asciiFallback: `${s.ascii}.pdf`, contentType: 'application/pdf' });
        await writeCertificatesPdf(res, bulk, { title: s.name, date: new Date() });
      }
    });
  }
}
