import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import { csvCell, csvLine, neutraliseFormula, toCsv, writeCsv, type Cell } from '../../src/web/spreadsheet';
import { attachmentDisposition } from '../../src/web/download';

/** A strict RFC 4180 reader (separator `;`), to prove what the writer produces reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (text[i] === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (text[i] === '"') break;
        else cell += text[i];
      }
      i++;
    } else if (text[i] === ';') (row.push(cell), (cell = ''), i++);
    else if (text.startsWith('\r\n', i)) (row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 2));
    else cell += text[i++];
  }
  return rows;
}

describe('spreadsheet cells', () => {
  it('neutralises text a spreadsheet would run as a formula, and only that', () => {
    expect(neutraliseFormula(`=cmd|' /C calc'!A0`)).toBe(`'=cmd|' /C calc'!A0`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}SUM(A1:A2)`)).toBe(`'${start}SUM(A1:A2)`);
    expect(neutraliseFormula('Иванова Мария Петровна')).toBe('Иванова Мария Петровна');
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('')).toBe('');
  });

  it('writes numbers as numbers (a negative number stays a number) and empty values as empty cells', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('-5')).toBe(`'-5`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes cells holding the separator, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('ГБУЗ МО «Больница»; корпус 2')).toBe('"ГБУЗ МО «Больница»; корпус 2"');
    expect(csvCell('Врач "высшей" категории')).toBe('"Врач ""высшей"" категории"');
    expect(csvCell('строка 1\nстрока 2')).toBe('"строка 1\nстрока 2"');
    expect(csvCell('a,b')).toBe('a,b');
  });

  it('makes a file Russian Excel opens: BOM, semicolons, CRLF', () => {
    const csv = toCsv(['Фамилия', 'Стаж'], [['Иванова', 12], ['Петров', null]]);
    expect(csv.startsWith('\uFEFFФамилия;Стаж\r\n')).toBe(true);
    expect(csv).toBe('\uFEFFФамилия;Стаж\r\nИванова;12\r\nПетров;\r\n');
    expect(csvLine(['<script>alert(1)</script>'])).toBe('<script>alert(1)</script>\r\n');
  });

  it('reads back exactly the cells it wrote (neutralised), whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { maxLength: 5 }), (rows) => {
        const csv = toCsv(['h'], rows);
        expect(parseCsv(csv.slice(1)).slice(1)).toEqual(rows.map((r) => r.map(neutraliseFormula)));
      }),
    );
  });
});

describe('a CSV streamed to a slow reader', () => {
  it('is the same file toCsv makes, read as fast as the reader takes it', async () => {
    const rows: Cell[][] = Array.from({ length: 3000 }, (_, i) => [i, `Номинант ${i}`, i % 7 ? 'текст; с разделителем' : '=SUM(A1)']);
    let produced = 0;
    async function* source() {
      for (const row of rows) {
        produced++;
        yield row;
      }
    }
    const chunks: Buffer[] = [];
    let producedAtFirstChunk = -1;
    const reader = new Writable({
      highWaterMark: 1024,
      write(chunk, _enc, done) {
        if (producedAtFirstChunk < 0) producedAtFirstChunk = produced;
        chunks.push(chunk);
        setTimeout(done, 1); // a slow network
      },
    });
    await writeCsv(reader, ['№', 'Фамилия', 'Заметка'], source());
    expect(Buffer.concat(chunks).toString('utf8')).toBe(toCsv(['№', 'Фамилия', 'Заметка'], rows));
    expect(producedAtFirstChunk).toBeLessThan(rows.length); // rows were still being read when the first bytes went out
  });

  it('stops reading rows when the reader leaves, and says why', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield [i, 'строка'.repeat(100)];
      } finally {
        closed = true;
      }
    }
    const reader = new PassThrough();
    reader.once('data', () => reader.destroy());
    await expect(writeCsv(reader, ['n', 's'], endless())).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect(closed).toBe(true);
  });
});

describe('download file names', () => {
  it('keeps a Cyrillic name in RFC 5987 form with an ASCII fallback', () => {
    const value = attachmentDisposition('Ходатайство (копия).pdf', 'document-7.pdf');
    expect(value).toBe(`attachment; filename="document-7.pdf"; filename*=UTF-8''%D0%A5%D0%BE%D0%B4%D0%B0%D1%82%D0%B0%D0%B9%D1%81%D1%82%D0%B2%D0%BE%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29.pdf`);
    expect(decodeURIComponent(value.split("UTF-8''")[1])).toBe('Ходатайство (копия).pdf');
  });

  it('cannot be broken out of by quotes or line breaks in the name', () => {
    const value = attachmentDisposition('a";\r\nX-Evil: 1.pdf', 'x"\r\n.pdf');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value.startsWith('attachment; filename="x___.pdf"; filename*=UTF-8\'\'')).toBe(true);
  });
});
