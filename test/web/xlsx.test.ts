import { PassThrough, Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { cellText, writeXlsx, type XlsxSheet } from '../../src/web/xlsx';
import { readZip } from '../support/zip-reader';

async function xlsxBytes(sheet: XlsxSheet): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (chunks.push(chunk), done()) });
  await writeXlsx(sink, sheet);
  return Buffer.concat(chunks);
}

/** The workbook as Excel would see it, read back by exceljs. */
async function opened(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

describe('the streamed XLSX', () => {
  it('opens as one named sheet with a bold frozen header and the column widths', async () => {
    const sheet = await opened(await xlsxBytes({ name: 'Заявки: весна/2026', header: ['Фамилия', 'Стаж'], rows: [['Иванова', 12]], widths: [20, 8] }));
    expect(sheet.name).toBe('Заявки  весна 2026');
    expect(sheet.getCell('A1').text).toBe('Фамилия');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.getColumn(2).width).toBe(8);
  });

  it('holds Cyrillic text, numbers as numbers, formulas neutralised and markup as inert text', async () => {
    const bytes = await xlsxBytes({
      name: 'Заявки',
      header: ['Фамилия', 'Стаж', 'Заметка'],
      rows: [['Семёнова', 12, `=cmd|' /C calc'!A0`], ['<script>alert(1)</script>', -3, 'A & B']],
    });
    const sheet = await opened(bytes);
    expect(sheet.getCell('A2').text).toBe('Семёнова');
    expect(sheet.getCell('B2').value).toBe(12);
    expect(sheet.getCell('B3').value).toBe(-3);
    expect(sheet.getCell('C2').text).toBe(`'=cmd|' /C calc'!A0`);
    expect(sheet.getCell('C2').formula).toBeUndefined();
    expect(sheet.getCell('A3').text).toBe('<script>alert(1)</script>');
    expect(sheet.getCell('C3').text).toBe('A & B');
    const xml = readZip(bytes).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(xml).not.toContain('<f>');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('t="inlineStr"'); // text as text, never a formula's result
  });

  it('streams rows from an async source without losing any', async () => {
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield [`Номинант ${i}`, i];
    }
    const sheet = await opened(await xlsxBytes({ name: 'x', header: ['a', 'b'], rows: rows() }));
    expect(sheet.rowCount).toBe(5001);
    expect(sheet.getCell('A5001').text).toBe('Номинант 4999');
    expect(sheet.getCell('B5001').value).toBe(4999);
  });

  it('keeps memory flat when rows come faster than the zip compresses them', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const liveMb = () => (gc(), (process.memoryUsage().heapUsed + process.memoryUsage().external) / 2 ** 20);
    const text = 'Стаж меньше пяти лет; документы не приложены. '.repeat(90); // some 4,000 characters: 40 MB of sheet XML in all
    const before = liveMb();
    let peak = before;
    async function* rows() {
      for (let i = 0; i < 5000; i++) {
        if (i % 500 === 0) peak = Math.max(peak, liveMb());
        yield [i, text];
      }
    }
    let written = 0;
    await writeXlsx(new Writable({ write: (chunk, _enc, done) => ((written += chunk.length), done()) }), { name: 'x', header: ['n', 's'], rows: rows() });
    expect(written).toBeGreaterThan(0);
    expect(peak - before).toBeLessThan(20);
  }, 60_000);

  it('stops reading rows when the reader leaves', async () => {
    let read = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          read++;
          yield ['строка'.repeat(200), read];
        }
      } finally {
        closed = true;
      }
    }
    const reader = new PassThrough();
    reader.once('data', () => reader.destroy());
    await writeXlsx(reader, { name: 'x', header: ['s', 'n'], rows: endless() });
    expect(closed).toBe(true);
    expect(read).toBeLessThan(100_000);
  });

  it('drops characters XML cannot hold and cuts text at Excel\'s limit', () => {
    expect(cellText('a\u0000b\u0007c\td\ne "q"')).toBe('abc\td\ne "q"');
    expect(cellText('\uD83D\uDE00 ok \uD800')).toBe('\uD83D\uDE00 ok ');
    expect(cellText('я'.repeat(40_000))).toHaveLength(32_767);
    expect(cellText('+7 900')).toBe(`'+7 900`);
  });
});
