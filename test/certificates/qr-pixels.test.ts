import { execFileSync } from 'node:child_process';
import QRCode from 'qrcode';
import { renderCertificate, type PrintedRecord } from '../../src/certificates/render';
import { DEFAULT_TEMPLATES } from '../../src/certificates/defaults';
import { solidPng } from './images';

const BASE_URL = 'https://laureate.example.org';
const CODE = 'q3Vb9xTz0kLmN4pR7sWc2A9f';
/** another code of the same length: the same QR version, so the grids line up module for module */
const OTHER_CODE = 'Zr8Kd2Wq6YhT1mBx5NcF0gJs';
const DPI = 300;
const PX = DPI / 72; // pixels per PDF point

const record: PrintedRecord = {
  kind: 'winner', number: 'PED-2026-0007', code: CODE, holderName: 'Иванова Мария Петровна', place: 1, issuedAt: new Date('2026-05-12T09:30:00Z'),
  printed: {
    'holder.fullName': 'Иванова Мария Петровна', 'nominee.fullName': 'Иванова Мария Петровна', 'nominee.position': 'врач-педиатр участковый',
    'nominee.institution': 'Красногорская городская поликлиника № 2', 'category.name': 'Лучший участковый педиатр',
    'cycle.name': 'Лучший детский врач Подмосковья — 2026', 'cycle.year': '2026', issuedAt: '12 мая 2026 г.', number: 'PED-2026-0007', place: '1', 'place.roman': 'I',
  },
};

interface Gray {
  width: number;
  height: number;
  /** 0 black … 255 white, row-major */
  pixels: Buffer;
}

/** The first page as poppler draws it: `pdftoppm -r 300 -gray`, a binary PGM (P5) on stdout. */
function rasterize(pdf: Buffer): Gray {
  const pgm = execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-f', '1', '-l', '1', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  // header: P5, width, height, maxval, separated by whitespace (and # comments), then one whitespace byte
  const tokens: string[] = [];
  let at = 0;
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(pgm[at]))) at++;
    if (pgm[at] === 0x23) {
      while (pgm[at] !== 0x0a) at++;
      continue;
    }
    const start = at;
    while (!/\s/.test(String.fromCharCode(pgm[at]))) at++;
    tokens.push(pgm.subarray(start, at).toString('latin1'));
  }
  const [magic, width, height, maxval] = [tokens[0], Number(tokens[1]), Number(tokens[2]), Number(tokens[3])];
  expect({ magic, maxval }).toEqual({ magic: 'P5', maxval: 255 });
  const pixels = pgm.subarray(at + 1, at + 1 + width * height);
  expect(pixels.length).toBe(width * height);
  return { width, height, pixels };
}

const dark = (img: Gray, x: number, y: number) => img.pixels[y * img.width + x] < 128;

/**
 * Where the QR code really is on the page: the box of dark pixels inside the white quiet zone around the
 * place the layout gives (its three finder patterns make the box's corners dark), in pixels.
 */
function drawnBox(img: Gray, near: { x: number; y: number; width: number }, size: number) {
  const cell = near.width / size;
  const [x0, y0] = [Math.floor((near.x - 1.5 * cell) * PX), Math.floor((near.y - 1.5 * cell) * PX)];
  const [x1, y1] = [Math.ceil((near.x + near.width + 1.5 * cell) * PX), Math.ceil((near.y + near.width + 1.5 * cell) * PX)];
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (!dark(img, x, y)) continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * Reads every module of the drawn code: the mean of the middle half of its cell, which must be clearly
 * dark or clearly light; a grey (blurred, shifted, half-covered) module counts as a mismatch either way.
 */
function readModules(img: Gray, box: { left: number; top: number; width: number }, size: number): Array<boolean | null> {
  const cell = box.width / size;
  const out: Array<boolean | null> = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const [cx, cy] = [box.left + (col + 0.5) * cell, box.top + (row + 0.5) * cell];
      let sum = 0;
      let n = 0;
      for (let y = Math.round(cy - cell / 4); y <= Math.round(cy + cell / 4); y++) {
        for (let x = Math.round(cx - cell / 4); x <= Math.round(cx + cell / 4); x++) {
          sum += img.pixels[y * img.width + x];
          n++;
        }
      }
      const mean = sum / n;
      out.push(mean < 64 ? true : mean > 192 ? false : null);
    }
  }
  return out;
}

const mismatches = (read: Array<boolean | null>, expected: QRCode.BitMatrix) => read.filter((v, i) => v !== (expected.data[i] === 1)).length;
const modulesOf = (code: string) => QRCode.create(`${BASE_URL}/verify/${code}`, { errorCorrectionLevel: 'M' }).modules;

/**
 * The QR code as printed, not as planned: the certificate is drawn by poppler at 300 dpi, every module is
 * read off the pixels where the code stands, and compared with the QR code of BASE_URL/verify/CODE made
 * independently by the qrcode library. The code of another certificate must not match (so this can fail).
 */
describe('the QR code on a printed certificate, pixel by pixel', () => {
  const cases: Array<[string, Buffer | null]> = [
    ['on a plain page', null],
    ['over a grey background image', solidPng(16, 16, [110, 110, 110])],
  ];

  it.each(cases)('reads back BASE_URL/verify/CODE module for module %s, with a white quiet zone around it', async (_where, background) => {
    const { pdf, plan } = await renderCertificate({ record, template: DEFAULT_TEMPLATES.winner, assets: { emblem: null, background }, baseUrl: BASE_URL });
    const img = rasterize(pdf);
    expect(img.width).toBe(Math.round(841.89 * PX));
    const expected = modulesOf(CODE);
    const box = drawnBox(img, plan.qr, expected.size);
    // drawn where the layout put it, square, within a pixel or two
    expect(Math.abs(box.left - plan.qr.x * PX)).toBeLessThan(2.5);
    expect(Math.abs(box.top - plan.qr.y * PX)).toBeLessThan(2.5);
    expect(Math.abs(box.width - plan.qr.width * PX)).toBeLessThan(2.5);
    expect(Math.abs(box.height - box.width)).toBeLessThan(2.5);

    const read = readModules(img, box, expected.size);
    expect(read).toHaveLength(expected.size * expected.size);
    expect(read.filter((v) => v === null)).toHaveLength(0);
    expect(mismatches(read, expected)).toBe(0);

    // the quiet zone: the ring one module wide just outside the code is white all round
    const cell = box.width / expected.size;
    const ring: boolean[] = [];
    for (let i = -1; i <= expected.size; i++) {
      for (const [col, row] of [[i, -1], [i, expected.size], [-1, i], [expected.size, i]]) {
        ring.push(dark(img, Math.round(box.left + (col + 0.5) * cell), Math.round(box.top + (row + 0.5) * cell)));
      }
    }
    expect(ring.filter(Boolean)).toHaveLength(0);
  });

  it('does not match the QR code of another certificate, nor its own read one module off', async () => {
    const { pdf, plan } = await renderCertificate({ record, template: DEFAULT_TEMPLATES.winner, assets: { emblem: null, background: null }, baseUrl: BASE_URL });
    const img = rasterize(pdf);
    const own = modulesOf(CODE);
    const other = modulesOf(OTHER_CODE);
    expect(other.size).toBe(own.size);
    const box = drawnBox(img, plan.qr, own.size);
    const read = readModules(img, box, own.size);
    const total = own.size * own.size;
    // the finder, timing and alignment patterns are the same in both; most data modules are not
    expect(mismatches(read, other)).toBeGreaterThan(total / 5);
    const cell = box.width / own.size;
    const shifted = readModules(img, { ...box, left: box.left + cell }, own.size);
    expect(mismatches(shifted, own)).toBeGreaterThan(total / 5);
  });
});
