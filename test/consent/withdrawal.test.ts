import request from 'supertest';
import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { fieldError, inputValue, PDF, PDF_WITH_SCRIPT, textOf, type Agent } from '../support/officer-forms';
import { publicFieldsOf } from '../../src/consent/public-fields';
import { setPublicationConsent } from '../../src/consent/lifecycle';
import { ERASED_NAME } from '../../src/consent/person-data-erase';
import { count, nomineeOf, personNomination, publishedCycle } from './person-scene';

type Fields = Record<string, string | string[]>;

/** Posts a consent form as the browser does: multipart, the fields first, the file last. */
function post(agent: Agent, url: string, csrf: string, fields: Fields, file: { name: string; data: Buffer } | null = null) {
  let req = agent.post(url).field('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) req = req.field(name, v);
  if (file) req = req.attach('files0', file.data, file.name);
  return req;
}

const REQUEST = { name: 'Заявление об отзыве.pdf', data: PDF };

describe('withdrawal of consent, recorded by the admin', () => {
  const t = useTestApp();
  let admin: Awaited<ReturnType<typeof signIn>>;
  let scene: Awaited<ReturnType<typeof publishedCycle>>;
  let adminId: number;

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    adminId = await userId(t.ds, 'admin@example.org');
    scene = await publishedCycle(t.ds, new Date('2026-01-15T09:00:00Z'));
  });

  const nomination = (status: 'winner' | 'not_awarded', lastName: string) =>
    personNomination(t.ds, { cycleId: scene.cycle.id, categoryId: scene.category.id, criterionId: scene.criterionId, status, place: status === 'winner' ? 1 : null, nominee: { lastName } });
  const withdraw = (id: number, fields: Fields, file: { name: string; data: Buffer } | null = REQUEST) => post(admin.agent, `/admin/nominations/${id}/consent/withdrawal`, admin.csrf, fields, file);

  it('is reached from the nomination page', async () => {
    const n = await nomination('winner', 'Ссылкина');
    const page = await admin.agent.get(`/admin/nominations/${n.id}`);
    expect(page.text).toContain(`href="/admin/nominations/${n.id}/consent"`);
    const consent = await admin.agent.get(`/admin/nominations/${n.id}/consent`);
    expect(consent.status).toBe(200);
    expect(textOf(consent.text)).toContain('Разрешено публиковать ничего');
    expect(textOf(consent.text)).toContain('запись сохраняется как архив министерства');
  });

  it('of publication stops a winner being public at once, keeps the request, and audits without the data', async () => {
    const n = await nomination('winner', 'Публичная');
    await t.ds.transaction((m) => setPublicationConsent(m, n.id, ['fullName', 'institution'], adminId));
    expect([...(await publicFieldsOf(t.ds.manager, [n.id])).get(n.id)!]).toEqual(['fullName', 'institution']);
    const visitor = request(t.app);
    const winnersJson = `/cycles/${scene.cycle.slug}/winners.json`;
    expect((await visitor.get(winnersJson)).text).toContain('Публичная');

    const res = await withdraw(n.id, { scope: 'publication', requestedOn: '2026-02-01', note: 'Публичная М. П. просит убрать имя с сайта' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/nominations/${n.id}/consent`);

    expect((await publicFieldsOf(t.ds.manager, [n.id])).get(n.id)!.size).toBe(0);
    // the public list read a moment ago forgets at once
    expect((await visitor.get(winnersJson)).text).not.toContain('Публичная');
    const [w] = await t.ds.query(
      `SELECT w.scope, to_char(w.requested_on, 'YYYY-MM-DD') AS requested_on, w.actor_id, a.kind, a.file_name FROM consent_withdrawal w JOIN attachment a ON a.id = w.attachment_id WHERE w.nomination_id = $1`,
      [n.id],
    );
    expect(w).toEqual({ scope: 'publication', requested_on: '2026-02-01', actor_id: adminId, kind: 'consent_withdrawal', file_name: 'Заявление об отзыве.pdf' });
    // the record itself is untouched
    expect((await nomineeOf(t.ds, n.id)).last_name).toBe('Публичная');
    const audit = await t.ds.query(`SELECT action, data, reason FROM audit_event WHERE entity = 'nomination' AND entity_id = $1 AND action <> 'nomination.created'`, [String(n.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('nomination.consentWithdrawn');
    expect(JSON.stringify(audit)).not.toMatch(/Публичная|убрать имя|Заявление/);

    const page = await admin.agent.get(res.headers.location);
    expect(textOf(page.text)).toContain('Отзыв записан: данные больше не публикуются.');
    expect(textOf(page.text)).toContain('Отзыв согласия на распространение (публикацию)');
    expect(page.text).toMatch(/href="\/admin\/nominations\/\d+\/documents\/\d+">Заявление об отзыве\.pdf</);
  });

  it('of processing for a winner stops publication and keeps the record as the archive', async () => {
    const n = await nomination('winner', 'Архивная');
    await t.ds.transaction((m) => setPublicationConsent(m, n.id, ['fullName'], adminId));
    const res = await withdraw(n.id, { scope: 'processing', requestedOn: '2026-02-02', note: '' });
    expect(res.status).toBe(303);
    expect((await publicFieldsOf(t.ds.manager, [n.id])).get(n.id)!.size).toBe(0);
    expect(await nomineeOf(t.ds, n.id)).toMatchObject({ last_name: 'Архивная', email: 'ivanova@example.org' });
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM person_data_erasure WHERE nomination_id = $1`, [n.id])).toBe(0);
    const page = await admin.agent.get(res.headers.location);
    expect(textOf(page.text)).toContain('Отзыв записан: публикация прекращена, запись победителя хранится как архив.');
  });

  it('of processing for a nomination that won nothing anonymises it, keeping only the written request', async () => {
    const n = await nomination('not_awarded', 'Отозвавшая');
    const res = await withdraw(n.id, { scope: 'processing', requestedOn: '2026-02-03', note: '' });
    expect(res.status).toBe(303);
    expect(await nomineeOf(t.ds, n.id)).toMatchObject({ last_name: ERASED_NAME.withdrawal, first_name: '', phone: '', email: '', achievements: '' });
    expect(await t.ds.query(`SELECT kind FROM attachment WHERE nomination_id = $1`, [n.id])).toEqual([{ kind: 'consent_withdrawal' }]);
    expect(await t.ds.query(`SELECT reason, actor_id FROM person_data_erasure WHERE nomination_id = $1`, [n.id])).toEqual([{ reason: 'withdrawal', actor_id: adminId }]);
    const audit = await t.ds.query(`SELECT action, data FROM audit_event WHERE entity = 'nomination' AND entity_id = $1 ORDER BY id`, [String(n.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['nomination.created', 'nomination.consentWithdrawn', 'nomination.personalDataErased']);
    expect(JSON.stringify(audit)).not.toContain('Отозвавшая');
    const page = await admin.agent.get(res.headers.location);
    expect(textOf(page.text)).toContain('Отзыв записан: данные заявки обезличены.');
    expect(textOf(page.text)).toContain('Данные обезличены после отзыва согласия на обработку');
  });

  it('of processing for a nomination still under consideration takes it out of the award', async () => {
    const { cycle, categories } = await createCycle(t.ds, { status: 'screening' });
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'), status: 'submitted', nominee: { lastName: 'Передумавшая' }, withPdf: true });
    const res = await withdraw(n.id, { scope: 'processing', requestedOn: '2026-02-04', note: '' });
    expect(res.status).toBe(303);
    expect(await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [n.id])).toEqual([{ status: 'withdrawn' }]);
    expect((await nomineeOf(t.ds, n.id)).last_name).toBe(ERASED_NAME.withdrawal);
  });

  describe('refuses a bad form with the input kept and nothing saved', () => {
    let id: number;
    beforeAll(async () => {
      id = (await nomination('winner', 'Неотозванная')).id;
      await t.ds.transaction((m) => setPublicationConsent(m, id, ['fullName'], adminId));
    });
    const nothingSaved = async () => {
      expect(await count(t.ds, `SELECT count(*)::int AS n FROM consent_withdrawal WHERE nomination_id = $1`, [id])).toBe(0);
      expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1 AND kind = 'consent_withdrawal'`, [id])).toBe(0);
      expect((await publicFieldsOf(t.ds.manager, [id])).get(id)!.size).toBe(1);
    };

    it('without the written request', async () => {
      const res = await withdraw(id, { scope: 'publication', requestedOn: '2026-02-05', note: 'по телефону' }, null);
      expect(res.status).toBe(400);
      expect(fieldError(res.text, 'withdrawal-file')).toBe('Приложите письменное заявление человека.');
      expect(inputValue(res.text, 'requestedOn')).toBe('2026-02-05');
      expect(res.text).toContain('>по телефону</textarea>');
      expect(res.text).toMatch(/value="publication" checked/);
      await nothingSaved();
    });

    it('with a request that is not a safe document', async () => {
      const res = await withdraw(id, { scope: 'publication', requestedOn: '2026-02-05', note: 'скан' }, { name: 'заявление.pdf', data: PDF_WITH_SCRIPT });
      expect(res.status).toBe(400);
      expect(textOf(res.text)).toContain('заявление.pdf');
      expect(inputValue(res.text, 'requestedOn')).toBe('2026-02-05');
      await nothingSaved();
    });

    it('with a request over 10 MB, cut off while it arrives', async () => {
      const res = await withdraw(id, { scope: 'processing', requestedOn: '2026-02-06', note: 'большой скан' }, { name: 'скан.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) });
      expect(res.status).toBe(413);
      expect(textOf(res.text)).toContain('скан.pdf');
      expect(inputValue(res.text, 'requestedOn')).toBe('2026-02-06');
      expect(res.text).toContain('>большой скан</textarea>');
      expect(res.text).toMatch(/value="processing" checked/);
      await nothingSaved();
    });

    it('without a scope, or with a date in the future', async () => {
      const res = await withdraw(id, { requestedOn: '2999-01-01', note: '' });
      expect(res.status).toBe(400);
      expect(fieldError(res.text, 'scope')).toBe('Выберите, что отзывается.');
      expect(fieldError(res.text, 'requestedOn')).toBe('Дата заявления не может быть в будущем.');
      await nothingSaved();
    });

    it('for a nomination that does not exist', async () => {
      expect((await withdraw(99999, { scope: 'publication', requestedOn: '2026-02-05', note: '' })).status).toBe(404);
      // refused by the upload parser before the route reads the address: still not found
      const cut = await post(admin.agent, '/admin/nominations/abc/consent/withdrawal', admin.csrf, { scope: 'publication' }, { name: 'скан.pdf', data: Buffer.alloc(10 * 1024 * 1024 + 2) });
      expect(cut.status).toBe(404);
    });
  });
});

describe('a publication consent recorded for a winner published before consents were kept', () => {
  const t = useTestApp();
  let admin: Awaited<ReturnType<typeof signIn>>;
  let id: number;

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const scene = await publishedCycle(t.ds, new Date('2024-05-01T09:00:00Z'));
    id = (await personNomination(t.ds, { cycleId: scene.cycle.id, categoryId: scene.category.id, criterionId: scene.criterionId, status: 'winner', place: 1, nominee: { lastName: 'Прошлогодняя' } })).id;
  });
  const record = (fields: string[], file: { name: string; data: Buffer } | null = null) => post(admin.agent, `/admin/nominations/${id}/consent/publication`, admin.csrf, { fields }, file);

  it('is listed for the admin among the winners without a recorded consent', async () => {
    const res = await admin.agent.get('/admin/personal-data');
    expect(textOf(res.text)).toContain('Победители без записанного согласия на распространение: 1');
    expect(res.text).toContain(`href="/admin/nominations/${id}/consent#publication"`);
  });

  it('needs the signed consent on file before anything may be public', async () => {
    const res = await record(['fullName', 'municipality']);
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'publication-file')).toBe('Приложите подписанное согласие на распространение: без него публиковать нельзя.');
    // the ticks are kept
    expect(res.text).toMatch(/value="fullName" checked/);
    expect(res.text).toMatch(/value="municipality" checked/);
    expect(res.text).not.toMatch(/value="position" checked/);
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM publication_consent WHERE nomination_id = $1`, [id])).toBe(0);
  });

  it('records what the signed consent allows, with the document', async () => {
    const res = await record(['fullName', 'municipality'], { name: 'Согласие на распространение.pdf', data: PDF });
    expect(res.status).toBe(303);
    expect([...(await publicFieldsOf(t.ds.manager, [id])).get(id)!]).toEqual(['fullName', 'municipality']);
    expect(await t.ds.query(`SELECT kind FROM attachment WHERE nomination_id = $1 AND kind = 'consent_publication'`, [id])).toEqual([{ kind: 'consent_publication' }]);
    const page = await admin.agent.get(`/admin/nominations/${id}/consent`);
    expect(textOf(page.text)).toContain('Разрешено публиковать ФИО, муниципалитет');
    expect((await admin.agent.get('/admin/personal-data')).text).not.toContain(`href="/admin/nominations/${id}/consent#publication"`);
  });

  it('is corrected later without a new document, down to nothing public', async () => {
    expect((await record(['fullName'])).status).toBe(303);
    expect([...(await publicFieldsOf(t.ds.manager, [id])).get(id)!]).toEqual(['fullName']);
    expect((await record([])).status).toBe(303);
    expect((await publicFieldsOf(t.ds.manager, [id])).get(id)!.size).toBe(0);
  });

  it('refuses a field that is not among the public ones', async () => {
    const res = await record(['phone']);
    expect(res.status).toBe(400);
    expect((await publicFieldsOf(t.ds.manager, [id])).get(id)!.size).toBe(0);
  });
});
