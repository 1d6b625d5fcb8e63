import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { readZip } from '../support/zip-reader';

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
    expect(lines[0]).toBe('№ заявки;Фамилия;Имя;Отчество;Должность;Учреждение;Специальность;Стаж, лет;Телефон;Электронная почта;Муниципалитет;Номинация;Статус;Причина решения;Подана (Europe/Moscow);Документов');
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
    const files = readZip(res.body as Buffer);
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(files.get('xl/workbook.xml')!.toString('utf8')).toContain('name="Заявки"');
    expect(sheet).toContain('<t xml:space="preserve">Семёнова</t>');
    expect(sheet).toContain('<t xml:space="preserve">Подана (Europe/Moscow)</t>');
    expect(sheet).toContain(`<t xml:space="preserve">'=cmd|' /C calc'!A0</t>`);
    expect(sheet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sheet).not.toContain('<script>');
    expect(sheet).toContain('<t xml:space="preserve">2026-03-02 00:30</t>');
    expect(sheet.match(/<row /g)).toHaveLength(3);
    expect(sheet).not.toContain('Черновикова');
  });

  it('writes the headers in English for an English-speaking admin', async () => {
    await admin.agent.get('/lang/en?next=/');
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/nominations.csv`).buffer(true).parse(binary);
    expect((res.body as Buffer).toString('utf8')).toContain('Nomination No.;Last name;');
    expect((res.body as Buffer).toString('utf8')).toContain(';rejected;');
    await admin.agent.get('/lang/ru?next=/');
  });

  it('answers 404 for a cycle that does not exist', async () => {
    expect((await admin.agent.get('/admin/cycles/999999/nominations.csv')).status).toBe(404);
    expect((await admin.agent.get('/admin/cycles/999999/nominations.xlsx')).status).toBe(404);
    expect((await admin.agent.get('/admin/cycles/x/nominations.csv')).status).toBe(404);
  });
});
