import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * A ZIP archive streamed through yazl. yazl writes every entry as made on Unix with the UTF-8 flag, which
 * is what Info-ZIP's unzip (Debian's, and so most Linux desktops) needs to show Cyrillic names: from an
 * archive made on MS-DOS it decodes names in the OEM code page whatever the flag says.
 */

export interface ZipEntry {
  /** path inside the archive, with forward slashes */
  name: string;
  content: Buffer;
}

/** a regular file, rw-r--r-- */
const FILE_MODE = 0o100644;

/** Settles once `out` is written to the end or has gone, whichever way. */
const settled = (p: Promise<unknown>): Promise<void> => p.then(() => undefined, () => undefined);

/**
 * Adds one entry and resolves when yazl has read its bytes. The content is handed over only when yazl
 * asks for it and then let go, so yazl's list of entries (kept for the central directory) holds names
 * and sizes, never the files.
 */
function add(zip: ZipFile, name: string, content: Buffer, options: { mtime: Date; compress: boolean }): Promise<void> {
  let pending: Buffer | null = content;
  return new Promise((resolve, reject) => {
    zip.addReadStreamLazy(name, { ...options, mode: FILE_MODE, size: content.length }, (give) => {
      const stream = Readable.from([pending!]);
      pending = null;
      stream.on('end', resolve).on('error', reject);
      give(null, stream);
    });
  });
}

/**
 * Writes the archive of `entries` to `out` (an HTTP response, a file). Entries are pulled one at a time,
 * each only once the reader has taken the previous one, so thousands of generated files (certificates)
 * stream with flat memory. `compress: false` suits content compressed already (PDFs). If the reader
 * leaves, `entries` is closed (its `finally` runs) and this rejects with the premature-close error.
 */
export async function writeZip(out: Writable, entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, o: { compress: boolean; modified?: Date }): Promise<void> {
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as Readable;
  const written = pipeline(output, out);
  const over = settled(written);
  zip.on('error', (err: Error) => output.destroy(err));
  const options = { mtime: o.modified ?? new Date(), compress: o.compress };
  try {
    for await (const entry of entries) {
      const added = add(zip, entry.name, entry.content, options);
      added.catch(() => undefined); // a failure after the reader has gone is of no interest
      await Promise.race([added, over]);
      if (out.destroyed) break;
    }
    if (!out.destroyed) zip.end();
  } catch (err) {
    output.destroy(err as Error);
  }
  await written;
}
