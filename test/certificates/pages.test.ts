import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { signIn, useTestApp, csrfOf, type Agent } from '../support/harness';
import { readZip } from '../support/zip-reader';
import { createPublishedScene, flat, pdfInfo, pdfText } from './scene';
import { solidPng } from './images';

describe('certificate pages (admin list, verify, public PDF, bulk downloads)', () => {
  const t = useTestApp();
  let scene: Awaited<ReturnType<typeof createPublishedScene>>;
  let admin: { agent: Agent; csrf: string };
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const certificates = () => t.ds.query(`SELECT id, number, code, holder_name, revoked_at FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [scene.cycle.id]);

  beforeAll(async () => {
    scene = await createPublishedScene(t.ds, { code: 'WEB', winners: 3, others: 2 });
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('issues each kind with one action from the cycle\'s certificates page', async () => {
    const page = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/certificates`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Выдать дипломы победителям');
    for (const kind of ['winner', 'nominee', 'juror']) {
      const res = await admin.agent.post(`/admin/cycles/${scene.cycle.id}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind });
      expect(res.status).toBe(303);
    }
    const list = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/certificates`);
    expect(list.text).toContain('WEB-2026-0007');
    expect(list.text).toContain('Константинопольская-Задунайская Александра-Виктория Вячеславовна');
    expect((await certificates()).map((c: { number: string }) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `WEB-2026-000${i}`));
  });

  it('serves a certificate\'s PDF by its code, inline, with its number and holder in the file name', async () => {
    const [first] = await certificates();
    const res = await request(t.app).get(`/certificates/${first.code}.pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="WEB-2026-0001.pdf"; filename\*=UTF-8''WEB-2026-0001%20/);
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(flat(pdfText(res.body))).toContain(first.holder_name);
    expect((await request(t.app).get(`/certificates/${first.code.slice(0, -1)}x.pdf`)).status).toBe(404);
    expect((await request(t.app).get(`/certificates/${first.code}`)).status).toBe(404);
  });

  it('says plainly on /verify/CODE that a certificate is valid, for whom, for what and when', async () => {
    const [first] = await certificates();
    const res = await request(t.app).get(`/verify/${first.code}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Документ действителен');
    expect(res.text).toContain(first.holder_name);
    expect(res.text).toContain('Лучший участковый педиатр');
    expect(res.text).toContain('I место');
    expect(res.text).toContain(`/certificates/${first.code}.pdf`);
  });

  it('answers an unknown code with a 404 page that says so, and turns a typed code or a pasted link into its page', async () => {
    const res = await request(t.app).get('/verify/AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Документа с таким кодом проверки нет');
    expect((await request(t.app).get('/verify/not-a-code')).status).toBe(404);
    const form = await request(t.app).get('/verify');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="code">');
    const [first] = await certificates();
    const typed = await request(t.app).get('/verify').query({ code: ` ${first.code} ` });
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe(`/verify/${first.code}`);
    const pasted = await request(t.app).get('/verify').query({ code: `https://laureate.example.org/verify/${first.code}` });
    expect(pasted.headers.location).toBe(`/verify/${first.code}`);
    const bad = await request(t.app).get('/verify').query({ code: 'ПЕД-2026' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Это не похоже на код проверки');
    expect(bad.text).toContain('value="ПЕД-2026"');
  });

  it('refuses to revoke without a reason, keeping the page; revokes with one; the verify page then says so', async () => {
    const [first] = await certificates();
    const page = await admin.agent.get(`/admin/certificates/${first.id}`);
    expect(page.status).toBe(200);
    const refused = await admin.agent.post(`/admin/certificates/${first.id}/revoke`).type('form').send({ _csrf: csrfOf(page.text), reason: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Укажите причину.');
    expect((await certificates())[0].revoked_at).toBeNull();
    const done = await admin.agent.post(`/admin/certificates/${first.id}/revoke`).type('form').send({ _csrf: admin.csrf, reason: 'Выдан по ошибке' });
    expect(done.status).toBe(303);
    const verify = await request(t.app).get(`/verify/${first.code}`);
    expect(verify.text).toContain('Документ отозван');
    expect(verify.text).toContain('Выдан по ошибке');
    expect(verify.text).not.toContain(`/certificates/${first.code}.pdf`);
    expect((await request(t.app).get(`/certificates/${first.code}.pdf`)).status).toBe(410);
  });

  it('re-issues a revoked certificate with a new number; the old verify page and PDF link point to the new one', async () => {
    const [first] = await certificates();
    const res = await admin.agent.post(`/admin/certificates/${first.id}/reissue`).type('form').send({ _csrf: admin.csrf, reason: '' });
    expect(res.status).toBe(303);
    const rows = await certificates();
    const replacement = rows[rows.length - 1];
    expect(replacement.number).toBe('WEB-2026-0008');
    expect(replacement.holder_name).toBe(first.holder_name);
    const verify = await request(t.app).get(`/verify/${first.code}`);
    expect(verify.text).toContain(`href="/verify/${replacement.code}"`);
    expect(verify.text).toContain('WEB-2026-0008');
    const pdf = await request(t.app).get(`/certificates/${first.code}.pdf`);
    expect(pdf.status).toBe(303);
    expect(pdf.headers.location).toBe(`/certificates/${replacement.code}.pdf`);
  });

  it('downloads all valid certificates of the cycle as one streamed ZIP: one readable PDF per certificate, named by number and holder', async () => {
    const res = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/certificates.zip`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = readZip(res.body);
    const valid = (await certificates()).filter((c: { revoked_at: Date | null }) => !c.revoked_at);
    expect([...entries.keys()]).toEqual(valid.map((c: { number: string; holder_name: string }) => {
      const [surname, ...rest] = c.holder_name.split(' ');
      return `${c.number} ${surname} ${rest.map((p) => `${p[0]}.`).join('')}.pdf`;
    }));
    expect([...entries.keys()].filter((name) => / Константинопольская-Задунайская А\.В\.\.pdf$/.test(name))).toHaveLength(1);
    // the same names as Debian's unzip lists them (it reads UTF-8 names only from an archive made on Unix)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'certs-')), 'all.zip');
    try {
      fs.writeFileSync(file, res.body);
      const listed = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(listed.trim().split('\n')).toEqual([...entries.keys()]);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    for (const [name, pdf] of entries) {
      expect(pdfInfo(pdf).Pages).toBe('1');
      expect(flat(pdfText(pdf))).toContain(name.slice(0, 13));
    }
  });

  it('downloads one kind as one merged PDF for printing, one page each', async () => {
    const res = await admin.agent.get(`/admin/cycles/${scene.cycle.id}/certificates.pdf?kind=winner`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(pdfInfo(res.body).Pages).toBe('3');
    const text = flat(pdfText(res.body));
    expect(text).toContain('WEB-2026-0002');
    expect(text).not.toContain('WEB-2026-0001'); // revoked
  });

  it('confirms nothing while the results are unpublished for a correction: no verdict, no holder, no PDF', async () => {
    const [, second] = await certificates();
    await t.ds.query(`UPDATE cycle SET status = 'approved' WHERE id = $1`, [scene.cycle.id]);
    try {
      const verify = await request(t.app).get(`/verify/${second.code}`);
      expect(verify.text).toContain('Документ сейчас не подтверждён');
      expect(verify.text).not.toContain('Документ действителен');
      expect(verify.text).not.toContain(second.holder_name);
      expect((await request(t.app).get(`/certificates/${second.code}.pdf`)).status).toBe(404);
    } finally {
      await t.ds.query(`UPDATE cycle SET status = 'published' WHERE id = $1`, [scene.cycle.id]);
    }
  });

  describe('the template editor', () => {
    const url = () => `/admin/cycles/${scene.cycle.id}/certificates/templates/winner`;
    const post = (fields: Record<string, string>, files: Record<string, { data: Buffer; name: string }> = {}) => {
      let req = admin.agent.post(url()).field('_csrf', admin.csrf);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      for (const [k, f] of Object.entries(files)) req = req.attach(k, f.data, f.name);
      return req;
    };
    const valid = { title: 'Диплом победителя', body: 'награждается\n{nominee.fullName}\nпобедитель «{cycle.name}»', accentColor: '#1d4f91', signatory1Name: 'А. В. Северцев', signatory1Title: 'Министр' };

    it('shows the current text with every placeholder of the kind and the PDF sample', async () => {
      const res = await admin.agent.get(url());
      expect(res.status).toBe(200);
      expect(res.text).toContain('{nominee.institution}');
      expect(res.text).toContain('<iframe src="/admin/cycles/');
      expect(res.text).toContain('<label for="signatory3Title">');
    });

    it('refuses an unknown placeholder, naming it next to the field and keeping the input', async () => {
      const res = await post({ ...valid, body: 'награждается {nominee.fullname} за {заслуги}' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Неизвестная подстановка: {nominee.fullname}, {заслуги}');
      expect(res.text).toContain('награждается {nominee.fullname} за {заслуги}</textarea>');
    });

    it('refuses a bad colour, half a signatory and an image that is not a PNG or JPEG', async () => {
      const res = await post({ ...valid, accentColor: 'red', signatory2Name: 'Е. Н. Лаврова' }, { emblem: { data: solidPng(), name: 'герб.pdf' } });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Выберите цвет в формате #rrggbb.');
      expect(res.text).toContain('Укажите и имя, и должность подписанта.');
      expect(res.text).toContain('Файл «герб.pdf» не является PDF, JPEG или PNG');
      const fake = await post(valid, { background: { data: Buffer.concat([solidPng().subarray(0, 8), Buffer.alloc(64, 7)]), name: 'фон.png' } });
      expect(fake.status).toBe(400);
      expect(fake.text).toContain('Изображение «фон.png» не удалось прочитать');
      const big = await post(valid, { emblem: { data: Buffer.alloc(2 * 1024 * 1024 + 10, 1), name: 'huge.png' } });
      expect(big.status).toBe(413);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM certificate_template WHERE cycle_id = $1 AND kind = 'winner'`, [scene.cycle.id])).toEqual([{ n: 1 }]);
    });

    it('saves a new version with an emblem; the sample PDF shows it and is marked as a sample', async () => {
      const res = await post(valid, { emblem: { data: solidPng(40, 40), name: 'герб.png' } });
      expect(res.status).toBe(303);
      const versions = await t.ds.query(`SELECT version, emblem_mime, length(emblem) AS bytes FROM certificate_template WHERE cycle_id = $1 AND kind = 'winner' ORDER BY version`, [scene.cycle.id]);
      expect(versions.map((v: { version: number; emblem_mime: string | null }) => [v.version, v.emblem_mime])).toEqual([[1, null], [2, 'image/png']]);
      const sample = await admin.agent.get(`${url()}/preview.pdf`).buffer(true).parse(binary);
      expect(sample.status).toBe(200);
      expect(sample.headers['content-security-policy']).toBe("frame-ancestors 'self'");
      expect(sample.body.toString('latin1')).toContain('/Subtype /Image');
      const text = flat(pdfText(sample.body));
      expect(text).toContain('Константинопольская-Задунайская');
      expect(pdfInfo(sample.body).Subject).toBe('ОБРАЗЕЦ');
    });

    it('refuses a signatory name too long for one line under its signature, next to that name, keeping the input', async () => {
      const long = 'Константин Константинович Константинопольский';
      const count = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM certificate_template WHERE cycle_id = $1 AND kind = 'winner'`, [scene.cycle.id]))[0].n;
      const before = await count();
      const three = { ...valid, signatory1Name: 'Е. Н. Лаврова', signatory1Title: 'Председатель', signatory2Name: long, signatory2Title: 'Министр', signatory3Name: 'И. И. Петров', signatory3Title: 'Ректор' };
      const res = await post(three);
      expect(res.status).toBe(400);
      expect(res.text).toContain('id="signatory2Name-error">Имя не помещается в одну строку под подписью даже мелким шрифтом (подписей на листе: 3).');
      expect(res.text).not.toContain('id="signatory1Name-error"');
      expect(res.text).toContain(`value="${long}"`);
      expect(await count()).toBe(before);
      // with two signatures side by side the same name has room: it is printed smaller, on one line
      expect((await post({ ...three, signatory3Name: '', signatory3Title: '' })).status).toBe(303);
      expect(await count()).toBe(before + 1);
    });
  });
});
