import { Writable } from 'node:stream';
import { columnName, writeXlsx, xmlText } from '../../src/web/xlsx';
import { readZip } from '../support/zip-reader';

async function xlsxBytes(sheet: Parameters<typeof writeXlsx>[1]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (chunks.push(chunk), done()) });
  await writeXlsx(sink, sheet);
  return Buffer.concat(chunks);
}

describe('the hand-made XLSX', () => {
  it('is a valid zip with the six parts Excel needs', async () => {
    const files = readZip(await xlsxBytes({ name: 'Заявки', header: ['Фамилия'], rows: [['Иванова']] }));
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(files.get('xl/workbook.xml')!.toString()).toContain('<sheet name="Заявки" sheetId="1" r:id="rId1"/>');
  });

  it('holds Cyrillic text, numbers as numbers, formulas neutralised and markup as inert text', async () => {
    const files = readZip(await xlsxBytes({
      name: 'Заявки',
      header: ['Фамилия', 'Стаж', 'Заметка'],
      rows: [['Семёнова', 12, `=cmd|' /C calc'!A0`], ['<script>alert(1)</script>', -3, 'A & B']],
      widths: [20, 8, 30],
    }));
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Фамилия</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">Семёнова</t>');
    expect(sheet).toContain('<c r="B2"><v>12</v></c>');
    expect(sheet).toContain('<c r="B3"><v>-3</v></c>');
    expect(sheet).toContain(`<t xml:space="preserve">'=cmd|' /C calc'!A0</t>`);
    expect(sheet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sheet).not.toContain('<script>');
    expect(sheet).toContain('A &amp; B');
    expect(sheet).toContain('<col min="1" max="1" width="20" customWidth="1"/>');
  });

  it('streams many rows without losing any', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`Номинант ${i}`, i]);
    const sheet = readZip(await xlsxBytes({ name: 'x', header: ['a', 'b'], rows })).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet.match(/<row /g)).toHaveLength(5001);
    expect(sheet).toContain('<c r="B5001"><v>4999</v></c>');
    expect(sheet.endsWith('</sheetData></worksheet>')).toBe(true);
  });

  it('names columns like Excel and drops characters XML cannot hold', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    expect(xmlText('a\u0000b\u0007c\td\ne "q"')).toBe('abc\td\ne &quot;q&quot;');
    expect(xmlText('\uD83D\uDE00 ok \uD800')).toBe('\uD83D\uDE00 ok ');
  });
});
