import type { Response } from 'express';
import { attachmentDisposition } from '../web/download';

/**
 * A PDF shown in the browser (`inline`) with its real name in RFC 5987 form. The app's CSP carries
 * `object-src 'none'`, which also stops Chrome's built-in PDF viewer, so a PDF we generate gets a CSP
 * of its own: no framing by other sites (or none at all). Our PDFs hold no scripts or forms; the type is
 * fixed by `nosniff`.
 */
export function sendPdf(res: Response, pdf: Buffer, o: { fileName: string; asciiFallback: string; cache: string; frameable?: boolean }): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', attachmentDisposition(o.fileName, o.asciiFallback).replace(/^attachment/, 'inline'));
  res.setHeader('Content-Security-Policy', o.frameable ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
  if (o.frameable) res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  else res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', o.cache);
  res.setHeader('Content-Length', String(pdf.length));
  res.end(pdf);
}

/** Headers of a streamed bulk download (no length known in advance). */
export function startDownload(res: Response, o: { fileName: string; asciiFallback: string; contentType: string; inline?: boolean }): void {
  res.setHeader('Content-Type', o.contentType);
  const disposition = attachmentDisposition(o.fileName, o.asciiFallback);
  res.setHeader('Content-Disposition', o.inline ? disposition.replace(/^attachment/, 'inline') : disposition);
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
}
