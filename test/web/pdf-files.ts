import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * Hand-built PDFs for the active-content scan: real files (a header, numbered objects, a cross-reference
 * table and a trailer) made from object bodies, with encoders for every filter the scan decodes, so each
 * way of hiding an action can be written as it would be by an attacker.
 */

export type Body = string | Buffer;

/** A PDF of these objects, numbered from 1; the first is the catalog unless `trailer` says otherwise. */
export function pdfOf(objects: Body[], options: { version?: string; trailer?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-${options.version ?? '1.7'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const bytes = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailer ?? ''} >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A stream object's body: the dictionary entries given, its /Length, and the data. */
export const streamOf = (entries: string, data: Buffer, length: number | string = data.length): Buffer =>
  Buffer.concat([Buffer.from(`<< ${entries} /Length ${length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/** The data of an object stream holding these objects (numbered from `firstNumber`), and its /N and /First. */
export function objectStreamData(objects: string[], firstNumber: number): { data: Buffer; entries: string } {
  let at = 0;
  const header: string[] = [];
  const bodies: string[] = [];
  objects.forEach((o, i) => {
    header.push(`${firstNumber + i} ${at}`);
    bodies.push(o);
    at += Buffer.byteLength(o, 'latin1') + 1;
  });
  const head = `${header.join(' ')} `;
  return { data: Buffer.from(head + bodies.join(' '), 'latin1'), entries: `/Type /ObjStm /N ${objects.length} /First ${Buffer.byteLength(head)}` };
}

/** A document whose catalog (object 1) opens an action (object 4) stored compressed in object stream 3. */
export function withHiddenObjects(objects: string[], encode: (data: Buffer) => { data: Buffer; entries: string }, catalog = '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>'): Buffer {
  const inner = objectStreamData(objects, 4);
  const coded = encode(inner.data);
  return pdfOf([catalog, '<< /Type /Pages /Kids [] /Count 0 >>', streamOf(`${inner.entries} ${coded.entries}`, coded.data)]);
}

export const flate = (data: Buffer) => ({ data: zlib.deflateSync(data), entries: '/Filter /FlateDecode' });
export const flateTwice = (data: Buffer) => ({ data: zlib.deflateSync(zlib.deflateSync(data)), entries: '/Filter [/FlateDecode /FlateDecode]' });
export const asciiHex = (data: Buffer) => ({ data: Buffer.from(`${data.toString('hex').replace(/(.{60})/g, '$1\n')}>`), entries: '/Filter /ASCIIHexDecode' });

export function ascii85(data: Buffer): { data: Buffer; entries: string } {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const group = Buffer.alloc(4);
    data.copy(group, 0, i, i + 4);
    let n = group.readUInt32BE(0);
    const size = Math.min(4, data.length - i);
    if (n === 0 && size === 4) {
      out += 'z';
      continue;
    }
    const chars: string[] = [];
    for (let k = 0; k < 5; k++) {
      chars.unshift(String.fromCharCode(33 + (n % 85)));
      n = Math.floor(n / 85);
    }
    out += chars.slice(0, size + 1).join('');
  }
  return { data: Buffer.from(`${out}~>`), entries: '/Filter /ASCII85Decode' };
}

/** RunLength with a repeat for every run of three or more equal bytes, literals between. */
export function runLength(data: Buffer): { data: Buffer; entries: string } {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    let run = 1;
    while (i + run < data.length && data[i + run] === data[i] && run < 128) run++;
    if (run >= 3) {
      out.push(257 - run, data[i]);
      i += run;
      continue;
    }
    const start = i;
    while (i < data.length && i - start < 128 && !(i + 2 < data.length && data[i] === data[i + 1] && data[i] === data[i + 2])) i++;
    out.push(i - start - 1, ...data.subarray(start, i));
  }
  out.push(128);
  return { data: Buffer.from(out), entries: '/Filter /RunLengthDecode' };
}

/** LZW codes packed as a PDF reader unpacks them (EarlyChange 1): 9 to 12 bits, wider as the table grows. */
function packLzw(codes: number[]): Buffer {
  let next = 258;
  let width = 9;
  let first = true;
  let bits = 0;
  let nbits = 0;
  const out: number[] = [];
  for (const code of codes) {
    bits = (bits << width) | code;
    nbits += width;
    while (nbits >= 8) {
      nbits -= 8;
      out.push((bits >> nbits) & 0xff);
    }
    bits &= (1 << nbits) - 1;
    if (code === 256) {
      next = 258;
      width = 9;
      first = true;
    } else if (first) first = false;
    else if (next < 4096) {
      next++;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
  }
  if (nbits) out.push((bits << (8 - nbits)) & 0xff);
  return Buffer.from(out);
}

/** LZW as PDF writes it: a clear code first and whenever the table is full. */
export function lzw(data: Buffer): { data: Buffer; entries: string } {
  const codes = [256];
  let table = new Map<string, number>();
  let next = 258;
  let w = '';
  for (const byte of data) {
    const wc = w + String.fromCharCode(byte);
    if (w === '' || table.has(wc)) {
      w = wc;
      continue;
    }
    codes.push(w.length === 1 ? w.charCodeAt(0) : table.get(w)!);
    table.set(wc, next++);
    if (next >= 4000) {
      codes.push(256);
      table = new Map();
      next = 258;
    }
    w = String.fromCharCode(byte);
  }
  if (w) codes.push(w.length === 1 ? w.charCodeAt(0) : table.get(w)!);
  codes.push(257);
  return { data: packLzw(codes), entries: '/Filter /LZWDecode' };
}

/** An LZW bomb: each code one zero longer than the last, the table filled and cleared `rounds` times (about 7 MB a round). */
export function lzwBomb(rounds: number): { data: Buffer; entries: string } {
  const codes: number[] = [];
  for (let r = 0; r < rounds; r++) codes.push(256, 0, ...Array.from({ length: 4096 - 258 }, (_, i) => 258 + i));
  codes.push(257);
  return { data: packLzw(codes), entries: '/Filter /LZWDecode' };
}

/** Flate after the PNG "Up" predictor on rows of `columns` bytes (what PDF writers use for cross-reference streams). */
export function flateWithPngPredictor(data: Buffer, columns = 5): { data: Buffer; entries: string } {
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(columns);
  for (let i = 0; i < data.length; i += columns) {
    const row = Buffer.alloc(columns);
    data.copy(row, 0, i, i + columns);
    const filtered = Buffer.alloc(columns + 1);
    filtered[0] = 2;
    for (let k = 0; k < columns; k++) filtered[k + 1] = (row[k] - prev[k]) & 0xff;
    rows.push(filtered);
    prev = row;
  }
  return { data: zlib.deflateSync(Buffer.concat(rows)), entries: `/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns ${columns} >>` };
}

/** A real PDF made by PDFKit (as the app makes certificates): compressed pages, a PNG image, a link to click. */
export function pdfkitDocument(options: { link?: string; image?: Buffer } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', compress: true, info: { Title: 'Резюме' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text('Curriculum vitae: twenty years of paediatric practice.');
    if (options.link) doc.text('Publications', { link: options.link, underline: true });
    if (options.image) doc.image(options.image, 72, 200, { width: 100 });
    doc.end();
  });
}

/** `%PDF-1.4` and `stream` 14,285 times (100 KB): the file that made the old scan quadratic. */
export const manyStreamKeywords = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('stream\n'.repeat(14285))]);

/** Twenty Flate streams of 16 MB of zeros each (about 330 KB in all). */
export function flateBombs(count = 20): Buffer {
  const bomb = zlib.deflateSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  return pdfOf(['<< /Type /Catalog >>', ...Array.from({ length: count }, () => streamOf('/Filter /FlateDecode', bomb))]);
}
