import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, inputValue, postForm, textOf, JPEG, PDF, PDF_WITH_SCRIPT, PNG, type Upload } from '../support/officer-forms';

const MB = 1024 * 1024;
const pdfOfSize = (bytes: number) => Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]);
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('documents of a nomination: uploads judged by their bytes, downloads as attachments', () => {
  const t = useTestApp();
  let officer: Awaited<ReturnType<typeof signIn>>;
  let cycleId: number;
  let categoryId: number;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    cycleId = cycle.id;
    categoryId = categories[0].id;
  });

  const stored = async () => (await t.ds.query(`SELECT (SELECT count(*)::int FROM nomination) AS nominations, (SELECT count(*)::int FROM attachment) AS attachments`))[0];
  const create = (uploads: Upload[], over = {}) =>
    postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId, { 'nominee.lastName': 'Загрузкина', ...over }), action: 'save' }, uploads);

  const refusals: Array<[string, Upload[], number, string]> = [
    ['a file over 10 MB (stopped while it streams in)', [{ name: 'большой.pdf', data: pdfOfSize(10 * MB + 2) }], 413, 'Файл «большой.pdf» больше 10 МБ.'],
    ['a file one byte over 10 MB', [{ name: 'чуть-больше.pdf', data: pdfOfSize(10 * MB + 1) }], 413, 'Файл «чуть-больше.pdf» больше 10 МБ.'],
    ['an empty file', [{ name: 'пустой.pdf', data: Buffer.alloc(0) }], 400, 'Файл «пустой.pdf» пустой.'],
    ['a text file named .pdf', [{ name: 'notes.pdf', data: Buffer.from('just some text') }], 400, 'Файл «notes.pdf» не является PDF, JPEG или PNG'],
    ['a PNG renamed .pdf', [{ name: 'photo.pdf', data: PNG }], 400, 'Файл «photo.pdf» не является PDF, JPEG или PNG'],
    ['a PDF carrying JavaScript', [{ name: 'active.pdf', data: PDF_WITH_SCRIPT }], 400, 'Файл «active.pdf» содержит сценарии или вложения'],
    ['eleven files', Array.from({ length: 11 }, (_, i) => ({ name: `doc${i}.pdf`, data: PDF, slot: i % 3 })), 400, 'К заявке можно приложить не больше 10 файлов.'],
  ];

  it.each(refusals)('refuses %s, naming it, keeps the form as typed and stores nothing', async (_what, uploads, status, message) => {
    const before = await stored();
    const res = await create(uploads, { 'nominee.position': 'заведующая отделением' });
    expect(res.status).toBe(status);
    expect(textOf(res.text)).toContain(message);
    expect(textOf(res.text)).toContain('Заявка не сохранена');
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Загрузкина');
    expect(inputValue(res.text, 'nominee.position')).toBe('заведующая отделением');
    expect(res.text).toContain('Двадцать лет ведёт участок');
    expect(await stored()).toEqual(before);
  });

  it('names every refused file when several are bad at once', async () => {
    const res = await create([{ name: 'good.pdf', data: PDF }, { name: 'bad.pdf', data: PNG, slot: 1 }, { name: 'empty.png', data: Buffer.alloc(0), slot: 2 }]);
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('Файл «bad.pdf» не является');
    expect(textOf(res.text)).toContain('Файл «empty.png» пустой.');
    expect(textOf(res.text)).not.toContain('«good.pdf»');
  });

  it('refuses a file sent in a field the form does not have, as a page and not an error', async () => {
    const before = await stored();
    const res = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).field('_csrf', officer.csrf).field('nominee.lastName', 'Полевая').attach('evil', PDF, 'x.pdf');
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('Форма прислала файл в неизвестном поле');
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Полевая');
    expect(await stored()).toEqual(before);
  });

  it('answers a broken multipart body with the form and a clear message, never a 500', async () => {
    const before = await stored();
    const body = `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${officer.csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="nominee.lastName"\r\n\r\nОборванная\r\n--xyz\r\nContent-Disposition: form-data; name="files0"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`;
    const cut = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).set('Content-Type', 'multipart/form-data; boundary=xyz').send(body);
    expect(cut.status).toBe(400);
    expect(textOf(cut.text)).toContain('Не удалось прочитать отправленную форму');
    expect(inputValue(cut.text, 'nominee.lastName')).toBe('Оборванная');
    const noBoundary = await officer.agent.post(`/officer/cycles/${cycleId}/nominations`).set('Content-Type', 'multipart/form-data').send('garbage');
    expect(noBoundary.status).toBe(400);
    expect(textOf(noBoundary.text)).toContain('Не удалось прочитать отправленную форму');
    expect(await stored()).toEqual(before);
  });

  it('stores path tricks in a file name as a plain safe name', async () => {
    const res = await create([{ name: '../../etc/passwd.pdf', data: PDF }, { name: '..\\..\\windows\\win.ini.pdf', data: PDF, slot: 1 }, { name: 'скан "паспорта" <1>.pdf', data: PDF, slot: 2 }]);
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    const names = (await t.ds.query(`SELECT file_name FROM attachment WHERE nomination_id = $1 ORDER BY id`, [id])).map((r: { file_name: string }) => r.file_name);
    expect(names).toEqual(['passwd.pdf', 'win.ini.pdf', 'скан паспорта 1.pdf']);
  });

  it('accepts JPEG and PNG images and records the type their bytes show', async () => {
    const res = await create([{ name: 'диплом.jpeg', data: JPEG }, { name: 'certificate.png', data: PNG, slot: 1 }]);
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    expect(await t.ds.query(`SELECT file_name, mime, kind FROM attachment WHERE nomination_id = $1 ORDER BY id`, [id])).toEqual([
      { file_name: 'диплом.jpg', mime: 'image/jpeg', kind: 'recommendation' },
      { file_name: 'certificate.png', mime: 'image/png', kind: 'cv' },
    ]);
  });

  it('refuses new files that would take a nomination over 10 in all', async () => {
    const n = await createNomination(t.ds, { cycleId, categoryId, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'), nominee: { lastName: 'Многофайловая' } });
    for (let i = 0; i < 9; i++) await t.ds.query(`INSERT INTO attachment (nomination_id, kind, file_name, mime, size, sha256, data) VALUES ($1, 'other', $2, 'application/pdf', $3, 'x', $4)`, [n.id, `f${i}.pdf`, PDF.length, PDF]);
    const res = await postForm(officer.agent, `/officer/nominations/${n.id}`, officer.csrf, { ...completeFields(categoryId), version: 1, action: 'save' }, [{ name: 'ten.pdf', data: PDF }, { name: 'eleven.pdf', data: PDF }]);
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('К заявке можно приложить не больше 10 файлов.');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1`, [n.id]))[0].n).toBe(9);
    expect((await t.ds.query(`SELECT version FROM nomination WHERE id = $1`, [n.id]))[0].version).toBe(1);
  });

  it('downloads a document as an attachment with its UTF-8 name, its stored type and nosniff', async () => {
    const res = await create([{ name: 'Ходатайство (главврач).pdf', data: PDF }]);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    const page = await officer.agent.get(`/officer/nominations/${id}`);
    const href = /href="(\/officer\/nominations\/\d+\/documents\/\d+)" download>/.exec(page.text)![1];
    const file = await officer.agent.get(href).buffer(true).parse(binary);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="document-\d+\.pdf"; filename\*=UTF-8''/);
    // RFC 5987: UTF-8 bytes percent-encoded; parentheses are not attr-chars, so they are encoded too
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''%D0%A5%D0%BE%D0%B4%D0%B0%D1%82%D0%B0%D0%B9%D1%81%D1%82%D0%B2%D0%BE%20%28%D0%B3%D0%BB%D0%B0%D0%B2%D0%B2%D1%80%D0%B0%D1%87%29.pdf`);
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
  });
});
