import type { Request, Response } from 'express';
import type { EntityManager } from 'typeorm';
import { HttpError } from '../web/http-error';
import { sendPdf } from '../certificates/responses';
import { pdfUrl } from '../certificates/view-models';
import { findAttendanceCertificate, type PublicAttendanceCertificate } from './attendance-certificate-queries';
import { attendanceFileName, renderAttendanceCertificate } from './attendance-certificate-pdf';

/**
 * Certificates of attendance on the public certificate addresses: /certificates/CODE.pdf and /verify/CODE
 * try the diplomas first and fall back to these (certificates/public-routes.ts), so one QR scheme serves both.
 * A certificate of attendance holds only what its holder registered with for the event; it is public as issued.
 */

/** Answers /certificates/CODE.pdf with the certificate of attendance of that code; false when there is none. */
export async function sendAttendanceCertificatePdf(m: EntityManager, code: string, res: Response, baseUrl: string): Promise<boolean> {
  const cert = await findAttendanceCertificate(m, code);
  if (!cert) return false;
  if (cert.revokedAt) throw new HttpError(410, 'certificates.public.revokedPdf');
  const pdf = await renderAttendanceCertificate(cert, baseUrl);
  sendPdf(res, pdf, { fileName: attendanceFileName(cert), asciiFallback: `${cert.number}.pdf`, cache: 'public, max-age=300' });
  return true;
}

/** The verify page's view model (views/public/verify-result.hbs) of a certificate of attendance. */
export function attendanceVerifyView(c: PublicAttendanceCertificate) {
  return {
    number: c.number,
    holderName: c.holderName,
    cycleName: c.eventName,
    contextKey: 'eventsAfter.verify.event',
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
    revokedReason: c.revokedReason,
    replacement: null,
    valid: !c.revokedAt,
    revoked: !!c.revokedAt,
    replaced: false,
    kindKey: 'eventsAfter.certificate.kind',
    category: null,
    place: null,
    participantType: c.printed['participant.type'] ?? null,
    pdfUrl: c.revokedAt ? null : pdfUrl(c.code),
  };
}

/** Renders /verify/CODE for a certificate of attendance; false when there is none of that code. */
export async function renderAttendanceVerify(m: EntityManager, code: string, req: Request, res: Response): Promise<boolean> {
  const cert = await findAttendanceCertificate(m, code);
  if (!cert) return false;
  res.render('public/verify-result', { title: `${req.t('certificates.verify.resultTitle')} ${cert.number}`, certificate: attendanceVerifyView(cert), holderWithheld: false });
  return true;
}
