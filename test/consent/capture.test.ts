import { signIn, useTestApp } from '../support/harness';
import { createCycle, userId } from '../support/fixtures';
import { CONSENT_SLOTS, completeFields, fieldError, inputValue, postForm, textOf, PDF } from '../support/officer-forms';
import { withdrawConsent } from '../../src/consent/lifecycle';

const idFrom = (location: string) => Number(/\/officer\/nominations\/(\d+)$/.exec(location)![1]);
const SIGNED_PUBLICATION = { slot: CONSENT_SLOTS.publication, name: 'Согласие на распространение.pdf', data: PDF };

describe('the consents captured with a nomination', () => {
  const t = useTestApp();
  let officer: Awaited<ReturnType<typeof signIn>>;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    admin = await signIn(t.app, 'admin@example.org');
  });

  const kindsOf = async (id: number) => (await t.ds.query(`SELECT kind FROM attachment WHERE nomination_id = $1 ORDER BY kind`, [id])).map((r: { kind: string }) => r.kind);
  const consentRow = async (id: number) => (await t.ds.query(`SELECT full_name, position, institution, municipality, withdrawn_at, version FROM publication_consent WHERE nomination_id = $1`, [id]))[0] ?? null;
  const checkedBoxes = (html: string) => [...html.matchAll(/<input type="checkbox" name="publication" value="(\w+)"( checked)?>/g)].map((m) => `${m[1]}${m[2] ? ':ticked' : ''}`);

  it('offers the four publication boxes on a new nomination, none of them ticked', async () => {
    const { cycle } = await createCycle(t.ds);
    const page = await officer.agent.get(`/officer/cycles/${cycle.id}/nominations/new`);
    expect(page.status).toBe(200);
    expect(checkedBoxes(page.text)).toEqual(['fullName', 'position', 'institution', 'municipality']);
    expect(textOf(page.text)).toContain('Бланки согласий с ФИО номинанта появятся здесь, когда вы сохраните черновик.');
  });

  it('refuses to submit a new nomination without the signed consent to processing, keeps what was typed and saves nothing', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const typed = { ...completeFields(categories[0].id, { 'nominee.lastName': 'Безсогласия' }), publication: ['fullName'], action: 'submit' };
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, typed, [], { signedConsent: false });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'consent-processing')).toBe('Приложите подписанное номинантом согласие на обработку персональных данных (бланк можно распечатать выше).');
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Безсогласия');
    expect(checkedBoxes(res.text)).toEqual(['fullName:ticked', 'position', 'institution', 'municipality']);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycle.id]))[0].n).toBe(0);
  });

  it('submits the nomination once the signed consent to processing is attached, and says so on the admin\'s page', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Согласная' }), action: 'submit' }, [
      { slot: CONSENT_SLOTS.processing, name: 'Согласие Согласной.pdf', data: PDF },
    ]);
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    expect((await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [id]))[0].status).toBe('submitted');
    expect(await kindsOf(id)).toEqual(['consent_processing']);
    expect(await consentRow(id)).toBeNull();
    const review = textOf((await admin.agent.get(`/admin/nominations/${id}`)).text);
    expect(review).toContain('Согласие на обработку приложено');
    expect(review).toContain('Согласие на публикацию не дано — сведения не публикуются');
  });

  it('refuses the publication boxes at submission without the signed consent to publication, keeping the draft and its boxes', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const saved = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Публичная' }), publication: ['fullName', 'institution'], action: 'save' });
    expect(saved.status).toBe(303);
    const id = idFrom(saved.headers.location);
    expect(await consentRow(id)).toMatchObject({ full_name: true, position: false, institution: true, municipality: false, withdrawn_at: null });
    const page = await officer.agent.get(`/officer/nominations/${id}`);
    expect(checkedBoxes(page.text)).toEqual(['fullName:ticked', 'position', 'institution:ticked', 'municipality']);

    const refused = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Публичная' }), nomineeId: inputValue(page.text, 'nomineeId'), version: inputValue(page.text, 'version'), publication: ['fullName', 'institution'], action: 'submit' });
    expect(refused.status).toBe(422);
    expect(fieldError(refused.text, 'consent-publication')).toBe('Отмечены сведения для публикации — приложите подписанное номинантом согласие на распространение персональных данных или снимите отметки.');
    expect(fieldError(refused.text, 'consent-processing')).toBeUndefined(); // it came with this attempt and was kept with the draft
    expect((await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [id]))[0].status).toBe('draft');

    const submitted = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Публичная' }), nomineeId: inputValue(refused.text, 'nomineeId'), version: inputValue(refused.text, 'version'), publication: ['fullName', 'institution'], action: 'submit' }, [SIGNED_PUBLICATION]);
    expect(submitted.status).toBe(303);
    expect((await t.ds.query(`SELECT status FROM nomination WHERE id = $1`, [id]))[0].status).toBe('submitted');
    expect(await kindsOf(id)).toEqual(['consent_processing', 'consent_processing', 'consent_publication']);
    expect(await consentRow(id)).toMatchObject({ full_name: true, position: false, institution: true, municipality: false, withdrawn_at: null, version: 1 });
  });

  it('stores the scope ticked, changes it when the boxes change, and forgets it when none is ticked; the audit names fields, never the person', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const fields = completeFields(categories[0].id, { 'nominee.lastName': 'Передумавшая' });
    const first = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...fields, publication: ['position', 'municipality'], action: 'save' });
    const id = idFrom(first.headers.location);
    expect(await consentRow(id)).toMatchObject({ full_name: false, position: true, institution: false, municipality: true, version: 1 });
    const all = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...fields, version: 1, publication: ['fullName', 'position', 'institution', 'municipality'], action: 'save' });
    expect(all.status).toBe(303);
    expect(await consentRow(id)).toMatchObject({ full_name: true, position: true, institution: true, municipality: true, version: 2 });
    const same = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...fields, version: 2, publication: ['fullName', 'position', 'institution', 'municipality'], action: 'save' });
    expect(same.status).toBe(303);
    expect(await consentRow(id)).toMatchObject({ version: 2 }); // nothing changed, nothing recorded
    const none = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...fields, version: 3, action: 'save' });
    expect(none.status).toBe(303);
    expect(await consentRow(id)).toBeNull();
    const audit = await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'nomination' AND entity_id = $1 AND action = 'nomination.publicationConsentSet' ORDER BY id`, [String(id)]);
    expect(audit.map((a: { data: { fields: string[] } }) => a.data.fields)).toEqual([['position', 'municipality'], ['fullName', 'position', 'institution', 'municipality'], []]);
    expect(JSON.stringify(audit)).not.toContain('Передумавшая');
  });

  it('refuses a box that is not a public field, keeping what was typed and saving nothing', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Хитрая' }), publication: ['phone'], action: 'save' });
    expect(res.status).toBe(400);
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Хитрая');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycle.id]))[0].n).toBe(0);
  });

  it('shows the admin what may be published, and that it was withdrawn once the person withdrew it', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Отозвавшая' }), publication: ['fullName', 'municipality'], action: 'submit' }, [SIGNED_PUBLICATION]);
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    const before = textOf((await admin.agent.get(`/admin/nominations/${id}`)).text);
    expect(before).toContain('Согласие на публикацию разрешено публиковать: фамилия, имя, отчество, муниципальное образование.');
    const adminId = await userId(t.ds, 'admin@example.org');
    await t.ds.transaction((m) => withdrawConsent(m, { nominationId: id, scope: 'publication', requestedOn: new Date('2026-03-02'), attachmentId: null, note: 'по телефону', actorId: adminId }));
    const after = textOf((await admin.agent.get(`/admin/nominations/${id}`)).text);
    expect(after).toContain('Согласие на публикацию отозвано, сведения не публикуются с');
    expect(after).toContain('согласие на публикацию отозвано заявлением от 2 марта 2026 г.');
    // the officer's page of the submitted nomination tells the same
    expect(textOf((await officer.agent.get(`/officer/nominations/${id}`)).text)).toContain('Согласие на публикацию отозвано');
  });

  it('keeps the consent with the nomination when the officer picks the same person for another one', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Первая' }, { name: 'Вторая' }] });
    const first = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Дважды' }), publication: ['fullName'], action: 'submit' }, [SIGNED_PUBLICATION]);
    const firstId = idFrom(first.headers.location);
    const nomineeId = (await t.ds.query(`SELECT nominee_id FROM nomination WHERE id = $1`, [firstId]))[0].nominee_id;
    const form = await officer.agent.get(`/officer/cycles/${cycle.id}/nominations/new?nomineeId=${nomineeId}`);
    expect(checkedBoxes(form.text)).toEqual(['fullName', 'position', 'institution', 'municipality']);
    const second = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[1].id, { 'nominee.lastName': 'Дважды' }), nomineeId, action: 'submit' });
    expect(second.status).toBe(303);
    expect(await consentRow(idFrom(second.headers.location))).toBeNull();
    expect(await consentRow(firstId)).toMatchObject({ full_name: true });
  });
});
