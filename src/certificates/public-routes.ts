import type { Express, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { HttpError, notFound } from '../web/http-error';
import { issuingOpen } from './cycle-kinds';
import { isVerificationCode } from './numbering';
import { publicCertificate } from './queries';
import { certificateFileName, storedCertificatePdf, templateLoader } from './pdf';
import { publicView, verifyPath, pdfUrl } from './view-models';
import { sendPdf } from './responses';
import { publicCopyOf, seesAsIssued } from './public-copy';
import { renderAttendanceVerify, sendAttendanceCertificatePdf } from '../events/attendance-certificate-public';

/**
 * Public certificate pages, keyed by the unguessable verification code: the PDF and the verify page.
 * Certificates exist only for cycles whose results were published; an unknown code is "not found".
 * While a cycle's results are unpublished for a correction nothing of its certificates is public: the
 * PDF is "not found" and the verify page says only that the document cannot be confirmed for now.
 * Of a nominee both show only what their publication consent allows (public-copy.ts); the admin and the
 * officers of the nomination's municipality get the PDF as issued.
 */
export function registerCertificatePublicRoutes(app: Express, dataSource: DataSource, baseUrl: string): void {
  const m = dataSource.manager;

  route(app, { method: 'get', path: '/certificates/:file', policy: 'public' }, async (req, res) => {
    const code = /^(.+)\.pdf$/.exec(req.params.file as string)?.[1] ?? '';
    const cert = isVerificationCode(code) ? await publicCertificate(m, code) : null;
    // not a diploma: perhaps a certificate of attendance of an event
    if (!cert && isVerificationCode(code) && (await sendAttendanceCertificatePdf(m, code, res, baseUrl))) return;
    if (!cert || !issuingOpen({ kind: cert.cycleKind, status: cert.cycleStatus })) throw notFound();
    if (cert.revokedAt) {
      if (cert.replacement) return res.redirect(303, pdfUrl(cert.replacement.code));
      throw new HttpError(410, 'certificates.public.revokedPdf');
    }
    const loaded = await templateLoader(m)(cert.templateId);
    if (seesAsIssued(req.user, cert)) {
      const pdf = await storedCertificatePdf(cert, loaded, baseUrl);
      return sendPdf(res, pdf, { fileName: certificateFileName(cert), asciiFallback: `${cert.number}.pdf`, cache: 'private, no-store' });
    }
    const shown = await publicCopyOf(m, cert, loaded, 'ru');
    const pdf = await storedCertificatePdf(shown.certificate, shown.template!, baseUrl);
    sendPdf(res, pdf, { fileName: shown.fileName, asciiFallback: `${cert.number}.pdf`, cache: 'public, max-age=300' });
  });

  const verifyForm = (req: Request, res: Response, status: number, code = '', error?: string) =>
    res.status(status).render('public/verify', { title: req.t('certificates.verify.title'), code, error });

  route(app, { method: 'get', path: '/verify', policy: 'public' }, async (req, res) => {
    const typed = typeof req.query.code === 'string' ? req.query.code.trim() : '';
    if (!typed) return verifyForm(req, res, 200);
    // a pasted link works as well as the bare code
    const code = typed.replace(/^.*\/verify\//, '').replace(/[?#].*$/, '').trim();
    if (!isVerificationCode(code)) return verifyForm(req, res, 400, typed, req.t('certificates.verify.badCode'));
    res.redirect(303, verifyPath(code));
  });

  route(app, { method: 'get', path: '/verify/:code', policy: 'public' }, async (req, res) => {
    const code = req.params.code as string;
    const cert = isVerificationCode(code) ? await publicCertificate(m, code) : null;
    res.setHeader('Cache-Control', 'no-cache');
    if (!cert && isVerificationCode(code) && (await renderAttendanceVerify(m, code, req, res))) return;
    if (!cert) return res.status(404).render('public/verify-unknown', { title: req.t('certificates.verify.unknownTitle'), code });
    if (!issuingOpen({ kind: cert.cycleKind, status: cert.cycleStatus })) return res.render('public/verify-correcting', { title: req.t('certificates.verify.correctingTitle') });
    const shown = await publicCopyOf(m, cert, null, req.locale);
    res.render('public/verify-result', { title: `${req.t('certificates.verify.resultTitle')} ${cert.number}`, certificate: publicView(shown.certificate), holderWithheld: !!shown.noticeKey });
  });
}
