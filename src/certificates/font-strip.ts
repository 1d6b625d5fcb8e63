/**
 * Removes the TrueType hinting (per-glyph instructions and the fpgm/prep/cvt/hdmx tables) from a font
 * file. PT Serif and PT Sans are richly hand-hinted, and the instructions are most of each glyph's
 * bytes; PDF viewers rasterise at print and zoom resolutions where hints do nothing, so a certificate's
 * embedded subsets become about half as big. Done once per process when the fonts are loaded.
 */

const DROPPED = new Set(['fpgm', 'prep', 'cvt ', 'hdmx', 'gasp', 'LTSH', 'VDMX']);

interface Table {
  tag: string;
  data: Buffer;
}

export function stripHinting(font: Buffer): Buffer {
  const numTables = font.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = font.toString('latin1', at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    tables.set(tag, font.subarray(offset, offset + font.readUInt32BE(at + 12)));
  }
  const head = Buffer.from(tables.get('head')!);
  const numGlyphs = tables.get('maxp')!.readUInt16BE(4);
  const shortLoca = head.readInt16BE(50) === 0;
  const oldLoca = tables.get('loca')!;
  const oldGlyf = tables.get('glyf')!;
  const locaAt = (i: number) => (shortLoca ? oldLoca.readUInt16BE(i * 2) * 2 : oldLoca.readUInt32BE(i * 4));

  const glyphs: Buffer[] = [];
  const loca = Buffer.alloc((numGlyphs + 1) * 4);
  let offset = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const glyph = withoutInstructions(oldGlyf.subarray(locaAt(i), locaAt(i + 1)));
    const padded = glyph.length % 4 ? Buffer.concat([glyph, Buffer.alloc(4 - (glyph.length % 4))]) : glyph;
    loca.writeUInt32BE(offset, i * 4);
    glyphs.push(padded);
    offset += padded.length;
  }
  loca.writeUInt32BE(offset, numGlyphs * 4);
  head.writeInt16BE(1, 50); // long offsets in loca

  const out: Table[] = [];
  for (const [tag, data] of tables) {
    if (DROPPED.has(tag)) continue;
    out.push({ tag, data: tag === 'glyf' ? Buffer.concat(glyphs) : tag === 'loca' ? loca : tag === 'head' ? head : data });
  }
  return assemble(font.readUInt32BE(0), out);
}

function withoutInstructions(glyph: Buffer): Buffer {
  if (glyph.length === 0) return glyph;
  const contours = glyph.readInt16BE(0);
  if (contours >= 0) {
    const lengthAt = 10 + contours * 2;
    const instructions = glyph.readUInt16BE(lengthAt);
    const copy = Buffer.concat([glyph.subarray(0, lengthAt + 2), glyph.subarray(lengthAt + 2 + instructions)]);
    copy.writeUInt16BE(0, lengthAt);
    return copy;
  }
  // a composite glyph: walk the components; instructions, if any, follow the last one
  const copy = Buffer.from(glyph);
  let at = 10;
  for (;;) {
    const flags = copy.readUInt16BE(at);
    const next = at + 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    if (!(flags & 0x0020)) {
      if (!(flags & 0x0100)) return copy;
      copy.writeUInt16BE(flags & ~0x0100, at);
      return copy.subarray(0, next);
    }
    at = next;
  }
}

function assemble(sfntVersion: number, tables: Table[]): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const header = Buffer.alloc(12 + n * 16);
  const power = 2 ** Math.floor(Math.log2(n));
  header.writeUInt32BE(sfntVersion, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(n * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const padded = t.data.length % 4 ? Buffer.concat([t.data, Buffer.alloc(4 - (t.data.length % 4))]) : t.data;
    const at = 12 + i * 16;
    header.write(t.tag, at, 'latin1');
    header.writeUInt32BE(checksum(padded), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(t.data.length, at + 12);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  return sum;
}
