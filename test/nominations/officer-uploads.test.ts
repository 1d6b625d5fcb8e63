import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, postForm, textOf, JPEG, PDF, PNG, type Upload } from '../support/officer-forms';
import { insertDocument } from '../../src/nominations/document-store';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// Refused uploads (size, type, scripts, names, broken forms) are proved in test/security/uploads.test.ts.
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

  const create = (uploads: Upload[], over = {}) =>
    postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId, { 'nominee.lastName': 'Загрузкина', ...over }), action: 'save' }, uploads);

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
    for (let i = 0; i < 9; i++) await insertDocument(t.ds.manager, { nominationId: n.id, kind: 'other', fileName: `f${i}.pdf`, mime: 'application/pdf', size: PDF.length, sha256: 'x', uploadedById: null }, PDF);
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
