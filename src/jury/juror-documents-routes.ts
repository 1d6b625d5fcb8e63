import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { attachmentDisposition } from '../web/download';
import { jurorDocument } from './juror-queries';
import { jurorOf } from '../auth/policies';
import { sendDocument } from '../nominations/document-store';

const EXTENSIONS: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/**
 * A document of a nomination, for its juror only after they confirmed having no conflict. Shown in the
 * browser (inline) so the juror reads it next to the scoring page; its type is the one decided from its
 * bytes at upload and fixed by nosniff, and `CSP: sandbox` makes the response an opaque origin without
 * scripts, so even a crafted file could not act as a page of this site; no other site may frame it.
 */
export function registerJurorDocumentRoutes(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/jury/nominations/:id/documents/:docId', policy: 'juror' }, async (req, res) => {
    const id = parseId(req.params.id);
    const docId = parseId(req.params.docId);
    const doc = id && docId ? await jurorDocument(dataSource.manager, jurorOf(req.user), id, docId) : null;
    if (!doc) throw notFound();
    // The same RFC 5987 file name as a download, but "inline": view it, do not save it.
    const disposition = attachmentDisposition(doc.fileName, `document-${doc.id}${EXTENSIONS[doc.mime] ?? ''}`).replace(/^attachment/, 'inline');
    res.setHeader('Content-Type', doc.mime);
    res.setHeader('Content-Disposition', disposition);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "sandbox; frame-ancestors 'none'");
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Length', String(doc.size));
    await sendDocument(dataSource, res, doc);
  });
}
