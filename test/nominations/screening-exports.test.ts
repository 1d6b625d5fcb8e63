import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import ExcelJS from 'exceljs';
import { readZip } from '../support/zip-reader';
import { exportRows } from '../../src/nominations/exports';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the admin downloads a cycle\'s nominations as CSV and XLSX', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  let scriptId: number;

  beforeAll(async () => {
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const shchyolkovo = await municipalityId(t.ds, 'Щёлково');
    const officerId = await userId(t.ds, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds, { name: 'Лучший детский врач: 2026 / весна' });
    cycleId = cycle.id;
    const base = { cycleId, categoryId: categories[0].id, authorId: officerId };
    const semyonova = await createNomination(t.ds, { ...base, municipalityId: krasnogorsk, status: 'submitted', withPdf: true, nominee: { lastName: 'Семёнова', position: `=cmd|' /C calc'!A0` } });
    await t.ds.query(`UPDATE nomination SET submitted_at = '2026-03-01T21:30:00Z' WHERE id = $1`, [semyonova.id]);
    const script = await createNomination(t.ds, { ...base, municipalityId: shchyolkovo, status: 'rejected', nominee: { lastName: '<script>alert(1)</script>', institution: 'ГБУЗ МО «Больница»; корпус "Б"' } });
    scriptId = script.id;
    await t.ds.query(`UPDATE nomination SET status_reason = 'Стаж меньше 5 лет' WHERE id = $1`, [script.id]);
    await createNomination(t.ds, { ...base, municipalityId: krasnogorsk, status: 'draft', nominee: { lastName: 'Черновикова' } });
    const other = await createCycle(t.ds);
    await createNomination(t.ds, { cycleId: other.cycle.id, categoryId: other.categories[0].id, authorId: officerId, municipalityId: krasnogorsk, status: 'submitted', nominee: { lastName: 'Чужакова' } });
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('writes a CSV Russian Excel opens: BOM, semicolons, CRLF, Cyrillic intact, quotes escaped', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations.csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="nominations-${cycleId}.csv"; filename*=UTF-8''${encodeURIComponent('Заявки — Лучший детский врач 2026 весна.csv')}`,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('№ заявки;Фамилия;Имя;Отчество;Должность;Учреждение;Специальность;Стаж, лет;Телефон;Электронная почта;Муниципалитет;Номинация;Статус;Причина решения;Подана (московское время);Документов');
    expect(lines).toHaveLength(4); // header, two nominations, and the empty string after the last CRLF
    expect(lines[3]).toBe('');
    const semyonova = lines.find((l) => l.includes('Семёнова'))!;
    expect(semyonova).toContain(`;'=cmd|' /C calc'!A0;`); // neutralised
    expect(semyonova).toContain(`;'+7 900 000-00-00;`);
    expect(semyonova).toContain(';Красногорск;Лучший участковый педиатр;подана;;2026-03-02 00:30;1');
    const script = lines.find((l) => l.startsWith(`${scriptId};`))!;
    expect(script).toContain('<script>alert(1)</script>;Мария;'); // inert: a text cell, never HTML
    expect(script).toContain(';"ГБУЗ МО «Больница»; корпус ""Б""";');
    expect(script).toContain(';Щёлково;Лучший участковый педиатр;отклонена;Стаж меньше 5 лет;');
    expect(bytes.toString('utf8')).not.toContain('Черновикова');
    expect(bytes.toString('utf8')).not.toContain('Чужакова');
  });

  it('writes a valid XLSX whose sheet holds the Cyrillic values, neutralised formulas and escaped markup', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Заявки — Лучший детский врач 2026 весна.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Заявки');
    expect(sheet.rowCount).toBe(3); // the header and two nominations: no draft, nothing of another cycle
    const rows = [2, 3].map((r) => sheet.getRow(r));
    const semyonova = rows.find((r) => r.getCell(2).text === 'Семёнова')!;
    const script = rows.find((r) => r.getCell(1).value === scriptId)!;
    expect(sheet.getRow(1).getCell(15).text).toBe('Подана (московское время)');
    expect(semyonova.getCell(5).text).toBe(`'=cmd|' /C calc'!A0`);
    expect(semyonova.getCell(15).text).toBe('2026-03-02 00:30');
    expect(semyonova.getCell(16).value).toBe(1);
    expect(script.getCell(2).text).toBe('<script>alert(1)</script>');
    const xml = readZip(res.body as Buffer).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<f>');
  });

  it('writes the headers in English for an English-speaking admin', async () => {
    await admin.agent.get('/lang/en?next=/');
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations.csv`).buffer(true).parse(binary);
    expect((res.body as Buffer).toString('utf8')).toContain('Nomination No.;Last name;');
    expect((res.body as Buffer).toString('utf8')).toContain(';rejected;');
    await admin.agent.get('/lang/ru?next=/');
  });

  it('reads the rows in batches without losing or repeating any, even where names and categories are equal', async () => {
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const officerId = await userId(t.ds, 'officer@example.org');
    const twins = await createCycle(t.ds, { categories: [{ name: 'Б' }, { name: 'А' }] });
    for (const categoryId of [twins.categories[0].id, twins.categories[1].id, null, twins.categories[0].id]) {
      for (let i = 0; i < 2; i++) await createNomination(t.ds, { cycleId: twins.cycle.id, categoryId, authorId: officerId, municipalityId: krasnogorsk, status: 'submitted', nominee: { lastName: 'Иванова' } });
    }
    const ids = async (batch: number) => {
      const got: number[] = [];
      for await (const row of await exportRows(t.ds.manager, twins.cycle.id, batch)) got.push(row.id);
      return got;
    };
    const whole = await ids(500);
    expect(whole).toHaveLength(8);
    expect(new Set(whole).size).toBe(8);
    for (const batch of [1, 2, 3]) expect(await ids(batch)).toEqual(whole);
  });

  it('answers 404 for a cycle that does not exist', async () => {
    expect((await admin.agent.get('/admin/cycles/999999/nominations.csv')).status).toBe(404);
    expect((await admin.agent.get('/admin/cycles/999999/nominations.xlsx')).status).toBe(404);
    expect((await admin.agent.get('/admin/cycles/x/nominations.csv')).status).toBe(404);
  });
});
