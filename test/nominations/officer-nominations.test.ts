import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, fieldError, inputValue, postForm, textOf, PDF } from '../support/officer-forms';

const row = async (t: ReturnType<typeof useTestApp>, id: number) =>
  (await t.ds.query(`SELECT n.status, n.version, n.category_id, n.achievements, n.motivation, n.nominee_id, p.last_name, p.position, p.years_of_practice
                        FROM nomination n JOIN nominee p ON p.id = n.nominee_id WHERE n.id = $1`, [id]))[0];
const idFrom = (location: string) => Number(/\/officer\/nominations\/(\d+)$/.exec(location)![1]);

describe('an officer nominates a doctor through the pages', () => {
  const t = useTestApp();
  let officer: { agent: Awaited<ReturnType<typeof signIn>>['agent']; csrf: string };
  let krasnogorsk: number;
  let officerId: number;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    officerId = await userId(t.ds, 'officer@example.org');
  });

  it('creates a nomination with a PDF document and shows the document and the history on its page', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const form = await officer.agent.get(`/officer/cycles/${cycle.id}/nominations/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    expect(form.text).toMatch(/<textarea id="achievements"[^>]*maxlength="5000" data-counter="achievements-counter"/);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), action: 'save' }, [{ name: 'Ходатайство.pdf', data: PDF }]);
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    expect(await row(t, id)).toMatchObject({ status: 'draft', version: 1, last_name: 'Иванова', years_of_practice: 12 });
    const docs = await t.ds.query(`SELECT file_name, kind, mime, size FROM attachment WHERE nomination_id = $1`, [id]);
    expect(docs).toEqual([{ file_name: 'Ходатайство.pdf', kind: 'recommendation', mime: 'application/pdf', size: PDF.length }]);
    const page = await officer.agent.get(res.headers.location);
    expect(textOf(page.text)).toContain('Черновик сохранён.');
    expect(page.text).toMatch(new RegExp(`href="/officer/nominations/${id}/documents/\\d+" download>Ходатайство.pdf</a>`));
    expect(textOf(page.text)).toContain('Гусева Алина Петровна создана');
  });

  it('saves a draft with nearly every field empty', async () => {
    const { cycle } = await createCycle(t.ds);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { 'nominee.lastName': 'Черновикова', action: 'save' });
    expect(res.status).toBe(303);
    expect(await row(t, idFrom(res.headers.location))).toMatchObject({ status: 'draft', category_id: null, last_name: 'Черновикова', position: '', years_of_practice: null, achievements: '' });
  });

  it('refuses to submit an incomplete new nomination, shows each unmet rule next to its field with everything typed, and saves nothing', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Наставник', minYearsPractice: 15, requiredDocuments: ['recommendation', 'cv'] }] });
    const typed = completeFields(categories[0].id, { 'nominee.lastName': 'Неполнова', 'nominee.position': '', 'nominee.yearsOfPractice': 3, motivation: 'Коротко.', action: 'submit' });
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, typed, [{ name: 'recommendation.pdf', data: PDF }]);
    expect(res.status).toBe(422);
    expect(textOf(res.text)).toContain('Заявка не подана и не сохранена');
    expect(textOf(res.text)).toContain('Выбранные файлы не сохранены: выберите их заново.');
    expect(fieldError(res.text, 'nominee-position')).toBe('Заполните это поле.');
    expect(fieldError(res.text, 'nominee-yearsOfPractice')).toBe('Для этой номинации нужен стаж не меньше 15 лет.');
    expect(fieldError(res.text, 'motivation')).toBe('Не короче 50 символов.');
    expect(fieldError(res.text, 'documents')).toBe('Не хватает обязательных документов: резюме.');
    // the form is the new-nomination form still, with what was typed
    expect(res.text).toContain(`action="/officer/cycles/${cycle.id}/nominations"`);
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Неполнова');
    expect(inputValue(res.text, 'version')).toBe('');
    expect(res.text).toContain('Коротко.</textarea>');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycle.id]))[0].n).toBe(0);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nominee WHERE last_name = 'Неполнова'`))[0].n).toBe(0);
  });

  it('refuses to submit an incomplete draft but keeps the save, shows each unmet rule, and submits it once fixed', async () => {
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Наставник', minYearsPractice: 15, requiredDocuments: ['recommendation', 'cv'] }] });
    const saved = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { 'nominee.lastName': 'Иванова', action: 'save' });
    const id = idFrom(saved.headers.location);
    const typed = completeFields(categories[0].id, { 'nominee.position': '', 'nominee.yearsOfPractice': 3, motivation: 'Коротко.', version: 1, action: 'submit' });
    const res = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, typed, [{ name: 'recommendation.pdf', data: PDF }]);
    expect(res.status).toBe(422);
    expect(textOf(res.text)).toContain('Черновик сохранён, но заявка не подана');
    expect(fieldError(res.text, 'nominee-position')).toBe('Заполните это поле.');
    expect(fieldError(res.text, 'documents')).toBe('Не хватает обязательных документов: резюме.');
    // nothing typed is lost: the draft holds it, the form shows it, with the new version
    expect(await row(t, id)).toMatchObject({ status: 'draft', motivation: 'Коротко.', years_of_practice: 3 });
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Иванова');
    expect(inputValue(res.text, 'version')).toBe('2');

    const fixed = completeFields(categories[0].id, { 'nominee.yearsOfPractice': 20, version: 2, action: 'submit' });
    const again = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, fixed, [{ name: 'cv.pdf', data: PDF, slot: 1 }]);
    expect(again.status).toBe(303);
    expect(await row(t, id)).toMatchObject({ status: 'submitted', version: 4, position: 'участковый врач-педиатр' });
  });

  it('submits a complete nomination in one step and records the transition in its history', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Смирнова' }), action: 'submit' });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    expect(await row(t, id)).toMatchObject({ status: 'submitted', version: 2 });
    const page = textOf((await officer.agent.get(res.headers.location)).text);
    expect(page).toContain('Заявка подана.');
    expect(page).toContain('подана черновик → подана');
    expect(page).not.toContain('Сохранить черновик'); // a submitted nomination is read-only
    expect(page).toContain('Отозвать заявку');
  });

  it('refuses a new nomination outside the window, naming the deadline in Moscow time, and saves nothing', async () => {
    const { cycle, categories } = await createCycle(t.ds, { nominationsStart: new Date('2026-02-01T06:00:00Z'), nominationsEnd: new Date('2026-03-01T20:59:00Z') });
    const page = await officer.agent.get(`/officer/cycles/${cycle.id}/nominations/new`);
    expect(page.status).toBe(409);
    expect(textOf(page.text)).toContain('Приём заявок по этому конкурсу закончился 1 марта 2026 г. в 23:59');
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Опоздавшая' }), action: 'save' });
    expect(res.status).toBe(409);
    expect(textOf(res.text)).toContain('Срок был до 1 марта 2026 г. в 23:59');
    expect(inputValue(res.text, 'nominee.lastName')).toBe('Опоздавшая');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycle.id]))[0].n).toBe(0);
  });

  it('shows a draft of a closed cycle read-only with the deadline, and refuses to save it', async () => {
    const { cycle, categories } = await createCycle(t.ds, { nominationsStart: new Date('2026-02-01T06:00:00Z'), nominationsEnd: new Date('2026-03-01T20:59:00Z') });
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId });
    const page = await officer.agent.get(`/officer/nominations/${n.id}`);
    expect(textOf(page.text)).toContain('Изменять заявку уже нельзя: срок истёк 1 марта 2026 г. в 23:59');
    expect(page.text).not.toContain('name="action"');
    const res = await postForm(officer.agent, `/officer/nominations/${n.id}`, officer.csrf, { ...completeFields(categories[0].id, { achievements: 'Поздняя правка' }), version: 1, action: 'save' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Поздняя правка');
    expect((await row(t, n.id)).achievements).not.toBe('Поздняя правка');
  });

  it('refuses the same person twice in one category, next to the category', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const first = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Семёнова' }), action: 'submit' });
    expect(first.status).toBe(303);
    const again = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'СЕМЕНОВА' }), action: 'submit' });
    expect(again.status).toBe(422);
    expect(fieldError(again.text, 'categoryId')).toBe('Этот номинант уже выдвинут в этой номинации.');
    // the refused attempt leaves no draft behind that could never be submitted
    const statuses = await t.ds.query(`SELECT status FROM nomination WHERE cycle_id = $1 ORDER BY id`, [cycle.id]);
    expect(statuses).toEqual([{ status: 'submitted' }]);
  });

  it('lets a returned nomination be corrected and submitted again, showing the reason it came back', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'returned', nominee: { lastName: 'Доработкина' } });
    await t.ds.query(`UPDATE nomination SET status_reason = 'Уточните стаж' WHERE id = $1`, [n.id]);
    const page = await officer.agent.get(`/officer/nominations/${n.id}`);
    expect(textOf(page.text)).toContain('Комментарий оргкомитета: Уточните стаж');
    expect(page.text).toContain('value="submit"');
    const res = await postForm(officer.agent, `/officer/nominations/${n.id}`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Доработкина', 'nominee.yearsOfPractice': 14 }), nomineeId: inputValue(page.text, 'nomineeId'), version: inputValue(page.text, 'version'), action: 'submit' });
    expect(res.status).toBe(303);
    expect(await row(t, n.id)).toMatchObject({ status: 'submitted', years_of_practice: 14 });
  });

  it('withdraws a submitted nomination after confirmation, and refuses once screening has started', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted' });
    const page = await officer.agent.get(`/officer/nominations/${n.id}`);
    expect(page.text).toMatch(/<button type="submit" class="contrast" data-confirm="[^"]+">Отозвать заявку<\/button>/);
    const res = await officer.agent.post(`/officer/nominations/${n.id}/withdraw`).type('form').send({ _csrf: officer.csrf, version: inputValue(page.text, 'version') });
    expect(res.status).toBe(303);
    expect((await row(t, n.id)).status).toBe('withdrawn');
    expect(textOf((await officer.agent.get(`/officer/nominations/${n.id}`)).text)).toContain('Заявка отозвана.');

    const s = await createCycle(t.ds, { status: 'screening' });
    const late = await createNomination(t.ds, { cycleId: s.cycle.id, categoryId: s.categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted' });
    await officer.agent.post(`/officer/nominations/${late.id}/withdraw`).type('form').send({ _csrf: officer.csrf, version: 1 });
    expect((await row(t, late.id)).status).toBe('submitted');
    expect(textOf((await officer.agent.get(`/officer/nominations/${late.id}`)).text)).toContain('Отозвать заявку уже нельзя');
  });

  it('finds an existing nominee by name and prefills the form with that person instead of typing them again', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const old = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'withdrawn', nominee: { lastName: 'Ёлкина', firstName: 'Анна' } });
    const results = await officer.agent.get(`/officer/nominees?q=${encodeURIComponent('елкина')}&cycleId=${cycle.id}`);
    expect(results.status).toBe(200);
    expect(textOf(results.text)).toContain('Ёлкина Анна Петровна');
    const link = /href="(\/officer\/cycles\/\d+\/nominations\/new\?nomineeId=(\d+))"/.exec(results.text)!;
    expect(Number(link[2])).toBe(old.nomineeId);
    const form = await officer.agent.get(link[1]);
    expect(inputValue(form.text, 'nomineeId')).toBe(String(old.nomineeId));
    expect(inputValue(form.text, 'nominee.lastName')).toBe('Ёлкина');
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id, { 'nominee.lastName': 'Ёлкина', 'nominee.firstName': 'Анна' }), nomineeId: old.nomineeId, action: 'save' });
    expect(res.status).toBe(303);
    expect((await row(t, idFrom(res.headers.location))).nominee_id).toBe(old.nomineeId);
  });

  it('removes a document ticked «удалить» and keeps the others', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const created = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), action: 'save' },
      [{ name: 'one.pdf', data: PDF }, { name: 'two.pdf', data: PDF, slot: 2 }]);
    const id = idFrom(created.headers.location);
    const docs: Array<{ id: number; file_name: string }> = await t.ds.query(`SELECT id, file_name FROM attachment WHERE nomination_id = $1 ORDER BY id`, [id]);
    const page = await officer.agent.get(`/officer/nominations/${id}`);
    expect(page.text).toContain(`name="removeIds" value="${docs[0].id}"`);
    const res = await postForm(officer.agent, `/officer/nominations/${id}`, officer.csrf, { ...completeFields(categories[0].id), version: 1, removeIds: [String(docs[0].id)], action: 'save' });
    expect(res.status).toBe(303);
    expect(await t.ds.query(`SELECT file_name, kind FROM attachment WHERE nomination_id = $1`, [id])).toEqual([{ file_name: 'two.pdf', kind: 'diploma' }]);
  });

  it('refuses malformed fields with the reason next to them and saves nothing', async () => {
    const { cycle } = await createCycle(t.ds);
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { 'nominee.lastName': 'Кривых', 'nominee.yearsOfPractice': 'двадцать', 'nominee.email': 'не почта', achievements: 'я'.repeat(5001), action: 'save' });
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'nominee-yearsOfPractice')).toBe('Укажите целое число лет от 0 до 70.');
    expect(fieldError(res.text, 'nominee-email')).toContain('Укажите адрес электронной почты');
    expect(fieldError(res.text, 'achievements')).toBe('Не длиннее 5000 символов.');
    expect(inputValue(res.text, 'nominee.yearsOfPractice')).toBe('двадцать');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM nomination WHERE cycle_id = $1`, [cycle.id]))[0].n).toBe(0);
  });

  it('shows stored multi-line texts unchanged in the form, so saving again does not alter them', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId });
    const text = 'Первый абзац.\n\n  Второй абзац с отступом.\nТретий.';
    await t.ds.query(`UPDATE nomination SET achievements = $1 WHERE id = $2`, [text, n.id]);
    const page = await officer.agent.get(`/officer/nominations/${n.id}`);
    const shown = /<textarea id="achievements"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)![1];
    expect(shown).toBe(text);
  });

  it('does not offer the form for a submitted nomination, even with a nominee picked from the search', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted' });
    const page = await officer.agent.get(`/officer/nominations/${n.id}?nomineeId=${n.nomineeId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('name="action"');
  });
});
