import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle, createNomination, LONG_TEXT, municipalityId, userId } from '../support/fixtures';
import type { NominationStatus } from '../../src/nominations/nomination.entity';
import { completeFields, inputValue, postForm, textOf } from '../support/officer-forms';

describe('the admin decides on a nomination from its page', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let adminId: number;
  let officerId: number;
  let krasnogorsk: number;
  let cycleId: number;
  let categoryId: number;

  const submitted = async (over: { status?: NominationStatus; lastName?: string; withPdf?: boolean; cycleId?: number; categoryId?: number } = {}) =>
    createNomination(t.ds, {
      cycleId: over.cycleId ?? cycleId, categoryId: over.categoryId ?? categoryId, municipalityId: krasnogorsk, authorId: officerId,
      status: over.status ?? 'submitted', nominee: { lastName: over.lastName ?? 'Иванова' }, withPdf: over.withPdf,
    });
  const decide = (id: number, form: Record<string, string>) => admin.agent.post(`/admin/nominations/${id}/decision`).type('form').send({ _csrf: admin.csrf, version: '1', ...form });
  const row = async (id: number) => (await t.ds.query(`SELECT status, status_reason, version FROM nomination WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    officerId = await userId(t.ds, 'officer@example.org');
    adminId = await userId(t.ds, 'admin@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    [cycleId, categoryId] = [cycle.id, categories[0].id];
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('shows all of the nominee\'s data, the texts, the documents, the history and the decision form', async () => {
    const n = await submitted({ withPdf: true, lastName: 'Семёнова' });
    await t.ds.query(`INSERT INTO audit_event (actor_id, entity, entity_id, action, from_state, to_state, cycle_id) VALUES ($1, 'nomination', $2, 'nomination.submitted', 'draft', 'submitted', $3)`, [officerId, String(n.id), cycleId]);
    const res = await admin.agent.get(`/admin/nominations/${n.id}`).expect(200);
    for (const text of ['Семёнова Мария Петровна', 'участковый врач-педиатр', 'Красногорская городская больница № 1', 'педиатрия', '+7 900 000-00-00', 'ivanova@example.org', 'Красногорск', 'Лучший участковый педиатр', LONG_TEXT.trim()]) {
      expect(res.text).toContain(text);
    }
    expect(res.text).toMatch(/<a href="\/admin\/nominations\/\d+\/documents\/\d+">Ходатайство\.pdf<\/a>/);
    expect(res.text).toContain('ходатайство (характеристика)');
    expect(res.text).toContain('Гусева Алина Петровна'); // the officer, in the history and as the author
    expect(res.text).toContain('черновик → подана');
    expect(res.text).toContain(`action="/admin/nominations/${n.id}/decision#decision"`);
    expect(res.text).toContain('<input type="hidden" name="version" value="1">');
    expect(res.text).toContain('<label for="reason">Причина</label>');
  });

  it('serves a document as an attachment with nosniff and its Cyrillic name in RFC 5987 form', async () => {
    const n = await submitted({ withPdf: true });
    const [doc] = await t.ds.query(`SELECT a.id, string_agg(c.data, ''::bytea ORDER BY c.seq) AS data FROM attachment a JOIN attachment_chunk c ON c.attachment_id = a.id WHERE a.nomination_id = $1 GROUP BY a.id`, [n.id]);
    const res = await admin.agent.get(`/admin/nominations/${n.id}/documents/${doc.id}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="document-${doc.id}.pdf"; filename*=UTF-8''${encodeURIComponent('Ходатайство.pdf')}`);
    expect(Buffer.compare(res.body as Buffer, doc.data)).toBe(0);
    const other = await submitted({ withPdf: true, lastName: 'Другая' });
    expect((await admin.agent.get(`/admin/nominations/${other.id}/documents/${doc.id}`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/nominations/${n.id}/documents/999999`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/nominations/${n.id}/documents/x`)).status).toBe(404);
  });

  it('accepts a submitted nomination and records who did it', async () => {
    const n = await submitted();
    const res = await decide(n.id, { decision: 'accept', reason: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/nominations/${n.id}`);
    expect(await row(n.id)).toEqual({ status: 'accepted', status_reason: null, version: 2 });
    const page = await admin.agent.get(res.headers.location);
    expect(page.text).toContain('Заявка допущена.');
    expect(page.text).not.toContain('name="decision"');
  });

  it.each(['reject', 'return'])('refuses to %s without a reason, with the message next to the reason field', async (decision) => {
    const n = await submitted();
    const res = await decide(n.id, { decision, reason: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<small class="field-error" id="reason-error">Укажите( причину отклонения|, что нужно исправить)/);
    expect(res.text).toContain('aria-invalid="true"');
    expect(await row(n.id)).toEqual({ status: 'submitted', status_reason: null, version: 1 });
  });

  it('keeps the typed reason when it cannot be saved (too long)', async () => {
    const n = await submitted();
    const typed = `Нет подписи главного врача. ${'Очень длинно. '.repeat(200)}`;
    const res = await decide(n.id, { decision: 'reject', reason: typed });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Не длиннее 2000 символов.');
    expect(res.text).toContain(typed.trim());
    expect((await row(n.id)).status).toBe('submitted');
  });

  it('returns a nomination with a reason the officer then sees, and audits who, when and why', async () => {
    const n = await submitted({ lastName: 'Ершова' });
    const reason = 'Приложите ходатайство с подписью главного врача. <script>alert(1)</script>';
    const res = await decide(n.id, { decision: 'return', reason });
    expect(res.status).toBe(303);
    expect(await row(n.id)).toEqual({ status: 'returned', status_reason: reason, version: 2 });
    const [event] = await t.ds.query(`SELECT actor_id, action, from_state, to_state, reason, at FROM audit_event WHERE entity = 'nomination' AND entity_id = $1 AND action = 'nomination.return'`, [String(n.id)]);
    expect(event).toMatchObject({ actor_id: adminId, action: 'nomination.return', from_state: 'submitted', to_state: 'returned', reason });
    expect(Date.now() - new Date(event.at).getTime()).toBeLessThan(60_000);

    const adminPage = await admin.agent.get(`/admin/nominations/${n.id}`);
    expect(adminPage.text).toContain('Приложите ходатайство с подписью главного врача. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(adminPage.text).toContain('возвращена на доработку');
    expect(adminPage.text).not.toContain('<script>alert(1)</script>');

    const officer = await signIn(t.app, 'officer@example.org');
    const officerHome = await officer.agent.get('/officer').expect(200);
    expect(officerHome.text).toContain('Приложите ходатайство с подписью главного врача. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(officerHome.text).not.toContain('<script>alert(1)</script>');
  });

  it('rejects with a reason', async () => {
    const n = await submitted();
    expect((await decide(n.id, { decision: 'reject', reason: 'Стаж меньше требуемого.' })).status).toBe(303);
    expect(await row(n.id)).toEqual({ status: 'rejected', status_reason: 'Стаж меньше требуемого.', version: 2 });
  });

  it('answers 409 with a clear message for a nomination that is no longer submitted', async () => {
    const n = await submitted({ status: 'accepted' });
    const page = await admin.agent.get(`/admin/nominations/${n.id}`);
    expect(page.text).not.toContain('name="decision"');
    expect(page.text).toContain('её статус — «допущена»');
    const res = await decide(n.id, { decision: 'reject', reason: 'Передумали' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('её статус — «допущена»');
    expect((await row(n.id)).status).toBe('accepted');
  });

  it('answers 409 when the cycle is past screening', async () => {
    const { cycle, categories } = await createCycle(t.ds, { status: 'judging' });
    const n = await submitted({ cycleId: cycle.id, categoryId: categories[0].id });
    const res = await decide(n.id, { decision: 'accept', reason: '' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Конкурс сейчас не на этапе приёма или проверки заявок');
    expect((await row(n.id)).status).toBe('submitted');
  });

  it('answers 409 when someone changed the nomination since the page was opened, and shows it afresh', async () => {
    const n = await submitted();
    await t.ds.query(`UPDATE nomination SET version = 2 WHERE id = $1`, [n.id]);
    const res = await decide(n.id, { decision: 'return', reason: 'Исправьте стаж', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Пока вы смотрели заявку, её изменили');
    expect(res.text).toContain('Исправьте стаж');
    expect(res.text).toContain('<input type="hidden" name="version" value="2">');
    expect((await row(n.id)).status).toBe('submitted');
  });

  it('answers 400 to a form without a valid decision or version, changing nothing', async () => {
    const n = await submitted();
    for (const form of [{ decision: 'approve', reason: '' }, { decision: 'accept', reason: '', version: 'x' }, { reason: 'x' }]) {
      const res = await decide(n.id, form);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Форма пришла неполной');
    }
    expect((await row(n.id)).status).toBe('submitted');
  });

  it('shows when a decision was taken only while the nomination stands decided: a resubmitted one awaits a new decision', async () => {
    const n = await submitted({ lastName: 'Повторова' });
    expect(textOf((await admin.agent.get(`/admin/nominations/${n.id}`)).text)).not.toContain('Решение принято');
    expect((await decide(n.id, { decision: 'return', reason: 'Уточните стаж.' })).status).toBe(303);
    expect(textOf((await admin.agent.get(`/admin/nominations/${n.id}`)).text)).toMatch(/Решение принято \d{1,2} [а-я]+ \d{4}/);

    const officer = await signIn(t.app, 'officer@example.org');
    const form = await officer.agent.get(`/officer/nominations/${n.id}`);
    const fixed = { ...completeFields(categoryId, { 'nominee.lastName': 'Повторова', 'nominee.yearsOfPractice': 14 }), nomineeId: inputValue(form.text, 'nomineeId'), version: inputValue(form.text, 'version'), action: 'submit' };
    expect((await postForm(officer.agent, `/officer/nominations/${n.id}`, officer.csrf, fixed)).status).toBe(303);
    expect((await t.ds.query(`SELECT status, status_reason, decided_at FROM nomination WHERE id = $1`, [n.id]))[0]).toEqual({ status: 'submitted', status_reason: null, decided_at: null });
    const resubmitted = textOf((await admin.agent.get(`/admin/nominations/${n.id}`)).text);
    expect(resubmitted).not.toContain('Решение принято');
    expect(resubmitted).not.toContain('Причина решения:'); // the return's reason stays in the history only
    expect(resubmitted).toContain('возвращена на доработку → подана');

    expect((await decide(n.id, { decision: 'accept', reason: '', version: '4' })).status).toBe(303);
    expect(textOf((await admin.agent.get(`/admin/nominations/${n.id}`)).text)).toMatch(/Решение принято \d{1,2} [а-я]+ \d{4}/);
  });

  it('shows no decision date on a nomination that left screening another way (withdrawn), even if one is stored', async () => {
    const n = await submitted({ status: 'withdrawn' });
    await t.ds.query(`UPDATE nomination SET decided_at = now() WHERE id = $1`, [n.id]);
    expect(textOf((await admin.agent.get(`/admin/nominations/${n.id}`)).text)).not.toContain('Решение принято');
  });

  it('answers 404 for a nomination that does not exist or a malformed id', async () => {
    expect((await admin.agent.get('/admin/nominations/999999')).status).toBe(404);
    expect((await admin.agent.get('/admin/nominations/abc')).status).toBe(404);
    expect((await decide(999999, { decision: 'accept', reason: '' })).status).toBe(404);
  });
});
