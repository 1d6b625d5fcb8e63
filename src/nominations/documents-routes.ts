import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { parseId } from '../web/forms';
import { notFound } from '../web/http-error';
import { setDownloadHeaders } from '../web/download';
import { officerDocument } from './scope';
import { officerOf } from '../auth/policies';
import { sendDocument } from './document-store';

/**
 * A document of one of the municipality's nominations, always as a download with its stored type
 * (decided from its bytes at upload) and nosniff, so a file can never open as a page of this site.
 */
export function registerOfficerDocumentRoutes(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/officer/nominations/:id/documents/:docId', policy: 'officer' }, async (req, res) => {
    const id = parseId(req.params.id);
    const docId = parseId(req.params.docId);
    const doc = id && docId ? await dataSource.transaction((m) => officerDocument(m, officerOf(req.user), id, docId)) : null;
    if (!doc) throw notFound();
    const ext = doc.fileName.match(/\.[a-z]{3,4}$/i)?.[0] ?? '';
    setDownloadHeaders(res, { fileName: doc.fileName, asciiFallback: `document-${doc.id}${ext}`, contentType: doc.mime, length: doc.size });
    await sendDocument(dataSource, res, doc);
  });
}
