import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { writeZip, type ZipEntry } from '../web/zip';
import { clientLeft, roomIn } from '../web/download';
import type { EntityManager } from 'typeorm';
import type { CertificateKind } from './certificate.entity';
import { certificateBatches } from './queries';
import { certificateFileName, storedCertificatePdf, templateLoader } from './pdf';
import { certificateDocument, drawCertificate, faceOf, openImages, type TemplateImages } from './render';
import type { Doc } from './fonts';

/**
 * Bulk downloads, streamed: certificates are read from the database a batch at a time and each is
 * rendered only when the client has taken the previous ones, so memory stays flat for thousands.
 */

export interface BulkSource {
  m: EntityManager;
  cycleId: number;
  kind: CertificateKind | undefined;
  baseUrl: string;
}

/** One ZIP entry per certificate, «PED-2026-0007 Иванова М.П..pdf»; each is rendered only when the client has taken the previous ones. */
export async function writeCertificatesZip(out: Writable, source: BulkSource): Promise<void> {
  const load = templateLoader(source.m);
  async function* entries(): AsyncGenerator<ZipEntry> {
    for await (const batch of certificateBatches(source.m, source.cycleId, source.kind)) {
      for (const row of batch) {
        yield { name: certificateFileName(row), content: await storedCertificatePdf(row, await load(row.templateId), source.baseUrl) };
      }
    }
  }
  try {
    // PDFs are compressed already: storing them spares the CPU
    await writeZip(out, entries(), { compress: false });
  } catch (err) {
    if (!clientLeft(err, out)) throw err;
  }
}

/** All certificates as pages of one PDF, for printing. */
export async function writeCertificatesPdf(out: Writable, source: BulkSource, meta: { title: string; date: Date }): Promise<void> {
  const doc = certificateDocument({ title: meta.title, subject: meta.title, date: meta.date, manyPages: true });
  doc.pipe(out);
  const load = templateLoader(source.m);
  const images = new Map<number, TemplateImages>();
  let pages = 0;
  try {
    for await (const batch of certificateBatches(source.m, source.cycleId, source.kind)) {
      for (const row of batch) {
        if (out.destroyed) return;
        const { template, assets } = await load(row.templateId);
        if (!images.has(row.templateId)) images.set(row.templateId, openImages(doc, assets));
        drawCertificate(doc, faceOf(row, template, source.baseUrl), template.accentColor, images.get(row.templateId)!);
        pages++;
        await room(doc, out);
      }
    }
    if (!pages) doc.addPage();
    doc.end();
    await finished(out);
  } catch (err) {
    out.destroy(err as Error);
  }
}

const BUFFERED = 1 << 20;

/** Waits while rendered bytes queue up for a slow client. */
async function room(source: Doc, out: Writable): Promise<void> {
  while (!out.destroyed && (source.readableLength > BUFFERED || out.writableNeedDrain)) {
    if (out.writableNeedDrain) await roomIn(out);
    else await new Promise((resolve) => setImmediate(resolve));
  }
}
