import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A streaming ZIP writer on node:zlib: each entry deflated as it is produced, sizes and CRC-32 in a data
 * descriptor after the entry, then the central directory. No ZIP64, so an archive stays under 4 GB and
 * 65,535 entries (an XLSX is a few megabytes).
 *
 * Why not `archiver`: version 8 is published as an ES module only. The built app (Node ≥ 20.19) can
 * `require` it, but Jest on Node 20 cannot load it at all, and a dynamic `import()` from Jest's sandbox
 * breaks once a worker has run an earlier test file — the exports could not be tested reliably.
 */

export interface ZipEntry {
  /** path inside the archive, with forward slashes */
  name: string;
  content: string | Buffer | Iterable<Buffer>;
}

const FLAGS = 0x0808; // bit 3: sizes follow the data; bit 11: names are UTF-8
const DEFLATE = 8;
const VERSION = 20; // 2.0 needed to extract: deflate and data descriptors
/**
 * Made by Unix, spec 3.0. Info-ZIP's unzip (Debian's, and so most Linux desktops) decodes names of an
 * archive made on MS-DOS in the OEM code page whatever the UTF-8 flag says: Cyrillic names came out garbled.
 */
const MADE_BY = (3 << 8) | 30;
/** what a Unix host's entry carries in its external attributes: a regular file, rw-r--r-- */
const UNIX_FILE = (0o100644 << 16) >>> 0;

/** MS-DOS date and time fields, as ZIP stores them (local wall clock, two-second steps, from 1980). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function chunksOf(content: ZipEntry['content']): Iterable<Buffer> {
  if (typeof content === 'string') return [Buffer.from(content, 'utf8')];
  if (Buffer.isBuffer(content)) return [content];
  return content;
}

/**
 * The bytes of a ZIP archive of the entries, produced as they are read: an async source (certificates
 * rendered one by one) is pulled only as fast as the reader takes the bytes, so memory stays flat.
 * `level` 0 suits content that is compressed already (PDFs).
 */
export function zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, modified = new Date(), level = 6): Readable {
  const { time, date } = dosDateTime(modified);

  async function* archive(): AsyncGenerator<Buffer> {
    const written: Written[] = [];
    let offset = 0;
    for await (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(VERSION, 4);
      local.writeUInt16LE(FLAGS, 6);
      local.writeUInt16LE(DEFLATE, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      // crc and sizes (14..25) stay zero: they are in the data descriptor
      local.writeUInt16LE(name.length, 26);
      yield local;
      yield name;

      const w: Written = { name, crc: 0, compressed: 0, size: 0, offset };
      const counted = function* () {
        for (const chunk of chunksOf(entry.content)) {
          w.crc = zlib.crc32(chunk, w.crc);
          w.size += chunk.length;
          yield chunk;
        }
      };
      const deflate = zlib.createDeflateRaw({ level });
      Readable.from(counted()).on('error', (err) => deflate.destroy(err)).pipe(deflate);
      for await (const out of deflate as AsyncIterable<Buffer>) {
        w.compressed += out.length;
        yield out;
      }

      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(w.crc, 4);
      descriptor.writeUInt32LE(w.compressed, 8);
      descriptor.writeUInt32LE(w.size, 12);
      yield descriptor;
      offset += 30 + name.length + w.compressed + 16;
      if (offset > 0xffffffff || written.length >= 0xffff) throw new Error('archive too large for ZIP without ZIP64');
      written.push(w);
    }

    let directorySize = 0;
    for (const w of written) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(MADE_BY, 4);
      central.writeUInt16LE(VERSION, 6); // needed to extract
      central.writeUInt16LE(FLAGS, 8);
      central.writeUInt16LE(DEFLATE, 10);
      central.writeUInt16LE(time, 12);
      central.writeUInt16LE(date, 14);
      central.writeUInt32LE(w.crc, 16);
      central.writeUInt32LE(w.compressed, 20);
      central.writeUInt32LE(w.size, 24);
      central.writeUInt16LE(w.name.length, 28);
      // extra, comment, disk, internal attributes: zero
      central.writeUInt32LE(UNIX_FILE, 38);
      central.writeUInt32LE(w.offset, 42);
      yield central;
      yield w.name;
      directorySize += 46 + w.name.length;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(offset, 16);
    yield end;
  }

  return Readable.from(archive(), { objectMode: false });
}
