import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { parseId, parseForm, type FieldErrors } from '../web/forms';
import { HttpError, notFound } from '../web/http-error';
import { pageNumber, pager, queryString, lastPage, PAGE_SIZE } from '../web/paging';
import { getCycle, cycleOr404 as cycleOfParam } from '../cycles/cycles-query';
import { CERTIFICATE_KINDS, type CertificateKind } from './certificate.entity';
import { issueCertificates, reissueCertificate, revokeCertificate } from './issue';
import { certificateKindsOf, isCertificateKindOf, issuingOpen } from './cycle-kinds';
import { certificateById, cycleCertificates, issuingSummary, replacedBy } from './queries';
import { adminRow } from './view-models';
import { templateLoader } from './pdf';
import { renderCertificate } from './render';
import { sendPdf } from './responses';

const kindSchema = z.enum(CERTIFICATE_KINDS, { error: 'validation.invalid' });
const kindFilter = (v: unknown): CertificateKind | undefined => kindSchema.optional().catch(undefined).parse(v === '' ? undefined : v);
const reasonSchema = z.object({ reason: z.string({ error: 'certificates.problem.reasonRequired' }).trim().min(1, 'certificates.problem.reasonRequired').max(500, 'validation.tooLong|max=500') });

/** The admin's certificates of a cycle: issuing per kind, the list, revoking and re-issuing. */
export function registerCertificateAdminRoutes(app: Express, dataSource: DataSource, baseUrl: string): void {
  const m = dataSource.manager;

  const cycleOr404 = (raw: unknown) => cycleOfParam(m, raw);
  const certificateOr404 = async (raw: unknown) => {
    const id = parseId(raw);
    const cert = id ? await certificateById(m, id) : null;
    if (!cert) throw notFound();
    return cert;
  };

  route(app, { method: 'get', path: '/admin/cycles/:id/certificates', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const filtered = kindFilter(req.query.kind);
    const kind = isCertificateKindOf(cycle.kind, filtered) ? filtered : undefined;
    let page = pageNumber(req.query.page);
    let list = await cycleCertificates(m, cycle.id, kind, page, PAGE_SIZE);
    if (page > lastPage(list.total)) list = await cycleCertificates(m, cycle.id, kind, (page = lastPage(list.total)), PAGE_SIZE);
    const canIssue = issuingOpen(cycle);
    const href = (p: number) => `/admin/cycles/${cycle.id}/certificates${queryString({ kind, page: p > 1 ? p : undefined })}`;
    const downloads = (k?: CertificateKind) => ({ zip: `/admin/cycles/${cycle.id}/certificates.zip${queryString({ kind: k })}`, pdf: `/admin/cycles/${cycle.id}/certificates.pdf${queryString({ kind: k })}` });
    res.render('certificates/list', {
      title: req.t(cycle.kind === 'programme' ? 'programmeCertificates.title' : 'certificates.list.title'),
      cycle,
      canIssue,
      closedKey: cycle.kind === 'programme' ? 'certificates.list.notInCompletion' : 'certificates.list.notPublished',
      kinds: (await issuingSummary(m, cycle)).map((s) => ({ ...s, templateUrl: `/admin/cycles/${cycle.id}/certificates/templates/${s.kind}`, downloads: downloads(s.kind), canIssue: canIssue && s.waiting > 0 })),
      filter: { kind },
      filterKinds: certificateKindsOf(cycle.kind),
      downloads: downloads(kind),
      certificates: list.rows.map(adminRow),
      total: list.total,
      pager: pager(list.total, page, href),
    });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/certificates/issue', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const kind = kindSchema.safeParse(req.body?.kind);
    if (!kind.success || !isCertificateKindOf(cycle.kind, kind.data)) throw new HttpError(400, 'errors.badRequest');
    const result = await dataSource.transaction((tx) => issueCertificates(tx, cycle.id, kind.data, req.user!.id));
    if (!result.ok) flash(req, 'error', `certificates.problem.${result.problem}`);
    else if (!result.issued.length) flash(req, 'info', 'certificates.issue.nothing');
    else flash(req, 'success', 'certificates.issue.done', { count: result.issued.length, first: result.issued[0].number, last: result.issued[result.issued.length - 1].number });
    res.redirect(303, `/admin/cycles/${cycle.id}/certificates${queryString({ kind: kind.data })}`);
  });

  const detail = async (req: Request, res: Response, status: number, state: { errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const cert = await certificateOr404(req.params.id);
    const cycle = (await getCycle(m, cert.cycleId))!;
    res.status(status).render('certificates/detail', {
      title: cert.number,
      cycle,
      certificate: { ...adminRow(cert), replacedById: cert.replacedById },
      replaces: await replacedBy(m, cert.id),
      adminPdfUrl: `/admin/certificates/${cert.id}/certificate.pdf`,
      errors: state.errors ?? {},
      values: state.values ?? {},
    });
  };

  route(app, { method: 'get', path: '/admin/certificates/:id', policy: 'admin' }, async (req, res) => detail(req, res, 200));

  route(app, { method: 'post', path: '/admin/certificates/:id/revoke', policy: 'admin' }, async (req, res) => {
    const cert = await certificateOr404(req.params.id);
    const form = parseForm(reasonSchema, req.body, req.t);
    if (!form.ok) return detail(req, res, 400, { errors: { revokeReason: form.errors.reason }, values: { revokeReason: req.body?.reason } });
    const result = await dataSource.transaction((tx) => revokeCertificate(tx, cert.id, form.data.reason, req.user!.id));
    if (!result.ok) {
      if (result.problem === 'notFound') throw notFound();
      return detail(req, res, result.problem === 'alreadyRevoked' ? 409 : 400, { errors: { revokeReason: req.t(`certificates.problem.${result.problem}`) }, values: { revokeReason: req.body?.reason } });
    }
    flash(req, 'success', 'certificates.revoke.done', { number: cert.number });
    res.redirect(303, `/admin/certificates/${cert.id}`);
  });

  route(app, { method: 'post', path: '/admin/certificates/:id/reissue', policy: 'admin' }, async (req, res) => {
    const cert = await certificateOr404(req.params.id);
    // a certificate revoked earlier already has its reason; a valid one needs one now
    const reason = typeof req.body?.reason === 'string' ? req.body.reason.trim() : '';
    if (!cert.revokedAt && !reason) return detail(req, res, 400, { errors: { reissueReason: req.t('certificates.problem.reasonRequired') } });
    if (reason.length > 500) return detail(req, res, 400, { errors: { reissueReason: req.t('validation.tooLong', { max: 500 }) }, values: { reissueReason: reason } });
    const result = await dataSource.transaction((tx) => reissueCertificate(tx, cert.id, reason, req.user!.id));
    if (!result.ok) {
      if (result.problem === 'notFound') throw notFound();
      const conflict = result.problem === 'alreadyReplaced' || result.problem === 'notPublished' || result.problem === 'notInCompletion';
      return detail(req, res, conflict ? 409 : 400, { errors: { reissueReason: req.t(`certificates.problem.${result.problem}`) }, values: { reissueReason: reason } });
    }
    flash(req, 'success', 'certificates.reissue.done', { old: cert.number, number: result.number });
    res.redirect(303, `/admin/certificates/${result.id}`);
  });

  // The admin sees any certificate as issued, revoked ones included (the public link refuses those).
  route(app, { method: 'get', path: '/admin/certificates/:id/certificate.pdf', policy: 'admin' }, async (req, res) => {
    const cert = await certificateOr404(req.params.id);
    const { pdf } = await renderCertificate({ record: cert, ...(await templateLoader(m)(cert.templateId)), baseUrl });
    sendPdf(res, pdf, { fileName: `${cert.number}.pdf`, asciiFallback: `${cert.number}.pdf`, cache: 'private, no-store' });
  });
}
