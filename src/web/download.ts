import type { Writable } from 'node:stream';
import type { Response } from 'express';

/**
 * A Content-Disposition value for a download: an ASCII name for old clients and the real UTF-8 name in
 * RFC 5987 form (`filename*=UTF-8''…`), so «Ходатайство.pdf» keeps its Cyrillic letters.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Headers of every file the app hands out: always a download (never shown inline, so an uploaded file
 * cannot run as a page of this site), its type fixed (nosniff), and kept out of shared caches.
 */
export function setDownloadHeaders(res: Response, o: { fileName: string; asciiFallback: string; contentType: string; length?: number }): void {
  res.setHeader('Content-Type', o.contentType);
  res.setHeader('Content-Disposition', attachmentDisposition(o.fileName, o.asciiFallback));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  if (o.length !== undefined) res.setHeader('Content-Length', String(o.length));
}

/**
 * Waits while a slow client has not yet taken what was written (the response needs draining), or until it
 * has gone: a streamed export writes its next rows only when there is room, so it holds little in memory.
 */
export function roomIn(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Whether a streamed download failed only because its client left mid-way (closed the tab, lost the network). */
export function clientLeft(err: unknown, out: Writable): boolean {
  return out.destroyed && (err as { code?: string } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}
