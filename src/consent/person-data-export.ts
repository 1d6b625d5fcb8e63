import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import { CHUNK_BYTES, transferSlots } from '../nominations/document-store';
import type { PersonData } from './person-data-queries';

/**
 * The one file a person gets on request: `person.json` (everything stored about them, see person-data-queries.ts)
 * and their documents under `documents/<nomination>/`, as a ZIP streamed to the response. A document's bytes go
 * piece by piece from the database (one short query per piece, as a download does), so neither a large document
 * nor many of them are ever whole in memory, and a client that leaves stops the reading.
 */

/** rw-r--r--, a regular file (as src/web/zip.ts writes them) */
const FILE_MODE = 0o100644;

/** A document's bytes as a stream of its stored pieces, each read when the archive asks for more. */
function documentStream(ds: DataSource, doc: { id: number; size: number }): Readable {
  const pieces = Math.ceil(doc.size / CHUNK_BYTES);
  const reads = transferSlots(ds).reads;
  async function* read() {
    for (let seq = 0; seq < pieces; seq++) {
      const rows: Array<{ data: Buffer }> = await reads.run(() => ds.query(`SELECT data FROM attachment_chunk WHERE attachment_id = $1 AND seq = $2`, [doc.id, seq]));
      if (!rows[0]) throw new Error(`document ${doc.id}: piece ${seq} is missing`);
      yield rows[0].data;
    }
  }
  return Readable.from(read());
}

/** A name safe inside an archive: no folders, no control characters, not empty. */
const entryName = (name: string) => name.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim() || 'document';

/** Writes the person's archive to `out`; rejects if the client leaves or a piece cannot be read. */
export async function writePersonArchive(ds: DataSource, out: Writable, data: PersonData, exportedAt: Date): Promise<void> {
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as Readable;
  const written = pipeline(output, out);
  // a document that cannot be read ends the archive (the client sees a broken download, never a wrong one)
  zip.on('error', (err: Error) => output.destroy(err));
  const options = { mtime: exportedAt, mode: FILE_MODE };
  const json = Buffer.from(JSON.stringify({ exportedAt: exportedAt.toISOString(), ...data }, null, 2), 'utf8');
  zip.addBuffer(json, 'person.json', { ...options, compress: true });
  for (const n of data.nominations) {
    for (const d of n.documents) {
      // PDFs and images are compressed already
      zip.addReadStreamLazy(`documents/${n.id}/${d.id}-${entryName(d.fileName)}`, { ...options, compress: false, size: d.size }, (give) => give(null, documentStream(ds, d)));
    }
  }
  zip.end();
  await written;
}
